package io.counterpower.common.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host normalisation and the address rules, with a resolver that never asks a DNS server. */
class PublicHostsTest {
    /** Answers one public address (TEST-NET-3, never connected to) for every name. */
    private static final PublicHosts.Resolver PUBLIC = host -> new InetAddress[] {InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 7})};
    private static final PublicHosts.Resolver NOTHING = host -> {
        throw new UnknownHostException(host);
    };

    @Test
    void numericFormsAreReadAsTheAddressTheyStandFor() throws Exception {
        for (String form : List.of("0x7f000001", "0177.0.0.1", "2130706433", "127.1", "0x7f.1", "0x7f.0.0.1", "017700000001", "127.0.1")) {
            assertEquals(InetAddress.getByName("127.0.0.1"), PublicHosts.numericV4(form).orElseThrow(), form);
        }
        assertEquals(InetAddress.getByName("169.254.169.254"), PublicHosts.numericV4("0xa9fea9fe").orElseThrow());
        assertEquals(InetAddress.getByName("10.0.0.1"), PublicHosts.numericV4("012.0.0.01").orElseThrow());
        for (String bad : List.of("256.0.0.1", "1.2.3.256", "4294967296", "08.0.0.1", "1.2.65536", "0x100000000")) {
            assertTrue(PublicHosts.numericV4(bad).isEmpty(), bad);
        }
    }

    @Test
    void everyFormOfAnInternalHostIsRefusedWhateverTheResolverSays() {
        for (String url : List.of("http://0x7f000001/h", "http://0177.0.0.1/h", "http://2130706433/h", "http://localhost./h",
                "http://LOCALHOST/h", "http://metadata.google.internal./h", "http://0xA9FEA9FE/h", "http://[::ffff:127.0.0.1]/h",
                "http://[::ffff:a9fe:a9fe]/h", "http://[::1]/h", "http://10.1.2.3/h", "http://100.64.0.1/h", "https://0x7f.1/x.git", "http://127.1:8080/h")) {
            String refusal = PublicHosts.refusal(url, List.of(), PUBLIC);
            assertNotNull(refusal, url);
            assertTrue(refusal.contains("own network"), url + ": " + refusal);
        }
        assertNotNull(PublicHosts.refusal("http://99999999999/h", List.of(), PUBLIC), "a number no address has");
        assertNull(PublicHosts.refusal("https://hooks.example.org/h", List.of(), PUBLIC));
        assertNull(PublicHosts.refusal("http://203.0.113.7/h", List.of(), NOTHING));
    }

    @Test
    void anAllowedHostIsAllowedByItsNameWithOrWithoutTheTrailingDot() {
        assertNull(PublicHosts.refusal("http://127.0.0.1:9/h", List.of("127.0.0.1"), PUBLIC));
        assertNull(PublicHosts.refusal("http://hooks.internal.:9/h", List.of("hooks.internal"), PUBLIC));
        // An allowed address does not allow its other spellings: they are refused like any internal host.
        assertNotNull(PublicHosts.refusal("http://0x7f000001:9/h", List.of("127.0.0.1"), PUBLIC));
    }

    @Test
    void aLookUpForAConnectionAsksOnceAndHandsBackWhatItChecked() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        PublicHosts.Resolver rebinding = host -> new InetAddress[] {InetAddress.getByName(
                asked.incrementAndGet() == 1 ? "203.0.113.7" : "127.0.0.1")};
        PublicHosts.Lookup first = PublicHosts.addressesToConnect("http://rebind.example/h", List.of(), rebinding, true);
        assertNull(first.refusal());
        assertEquals(List.of(InetAddress.getByName("203.0.113.7")), first.addresses());
        PublicHosts.Lookup second = PublicHosts.addressesToConnect("http://rebind.example/h", List.of(), rebinding, true);
        assertNotNull(second.refusal());
        assertEquals(2, asked.get(), "one look-up each");
        // An operator's receiver (publicOnly false) may be internal: the addresses come back for the connection.
        PublicHosts.Lookup operator = PublicHosts.addressesToConnect("http://rebind.example/h", List.of(), rebinding, false);
        assertNull(operator.refusal());
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), operator.addresses());
        // A name that does not resolve has nothing to connect to, and no refusal: the attempt fails as unreachable.
        PublicHosts.Lookup none = PublicHosts.addressesToConnect("http://gone.example/h", List.of(), NOTHING, true);
        assertNull(none.refusal());
        assertTrue(none.addresses().isEmpty());
    }
}
