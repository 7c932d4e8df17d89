package io.counterpower.common.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps outside parties from pointing the service into its own network (server-side request
 * forgery): a host that resolves to a loopback, private, link-local, unique-local, shared or
 * multicast address, or that names a cloud metadata service, is refused unless an operator lists it
 * (collections: {@code counterpower.collect.allowed-hosts}; webhooks:
 * {@code counterpower.watches.allowed-hosts}). Collections check when they are asked for and again
 * just before the clone, webhooks at every delivery ({@link #addressesToConnect}), because a name
 * can resolve differently a minute later.
 *
 * <p>Host names are normalised first: a trailing dot is dropped ({@code localhost.}) and the
 * numeric IPv4 forms that C resolvers (git, curl) accept are read as the address they stand for
 * ({@code 0x7f000001}, {@code 0177.0.0.1}, {@code 2130706433}, {@code 127.1}), so a check cannot
 * see a name where the connection sees 127.0.0.1.
 */
public final class PublicHosts {
    /** Names of metadata services that answer on an internal address without resolving publicly. */
    private static final Set<String> METADATA_NAMES = Set.of("metadata", "metadata.google.internal",
            "metadata.azure.com", "instance-data", "instance-data.ec2.internal");
    /** One to four parts of decimal, octal (leading 0) or hexadecimal (0x) digits: inet_aton's forms. */
    private static final Pattern NUMERIC_V4 = Pattern.compile("^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}$");

    /** Looks a host name up; the system's resolver outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The JVM's resolver. */
    public static final Resolver SYSTEM = InetAddress::getAllByName;

    private PublicHosts() {
    }

    /** Why the {@code url}'s host may not be reached, or null when it is public or allowed. */
    public static String refusal(String url, Collection<String> allowedHosts) {
        return refusal(url, allowedHosts, SYSTEM);
    }

    /** {@link #refusal(String, Collection)} with a given resolver. */
    public static String refusal(String url, Collection<String> allowedHosts, Resolver resolver) {
        String host = host(url);
        if (host == null) {
            return "has no host, or is not a valid URL";
        }
        Lookup lookup = lookup(host, allowedHosts, resolver, true);
        return lookup.refusal();
    }

    /**
     * What a connection may go to: the addresses of the {@code url}'s host, looked up once, each
     * checked against the rules when {@code publicOnly}. The caller connects to one of these
     * addresses and does not look the name up again.
     */
    public static Lookup addressesToConnect(String url, Collection<String> allowedHosts, Resolver resolver, boolean publicOnly) {
        String host = host(url);
        if (host == null) {
            return new Lookup(null, List.of(), "has no host, or is not a valid URL");
        }
        return lookup(host, allowedHosts, resolver, publicOnly);
    }

    /**
     * The result of a look-up: the normalised host, the addresses found (empty when the name does
     * not resolve) and why they may not be reached (null when they may).
     */
    public record Lookup(String host, List<InetAddress> addresses, String refusal) {
    }

    /** The host of {@code url}, normalised (lower case, no brackets, no trailing dot), or null. */
    static String host(String url) {
        String host;
        try {
            URI uri = new URI(url.strip());
            host = uri.getHost();
            if (host == null && uri.getRawAuthority() != null) {
                // java.net.URI gives no host for 127.1 or 0x7f.1 (a last label that starts with a
                // digit), which C resolvers read as addresses: take the authority less user and port.
                host = uri.getRawAuthority().replaceFirst("^.*@", "").replaceFirst(":[0-9]*$", "");
            }
        } catch (Exception e) {
            return null;
        }
        if (host == null || host.isBlank()) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            return name.substring(1, name.length() - 1);
        }
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.isEmpty() ? null : name;
    }

    private static Lookup lookup(String name, Collection<String> allowedHosts, Resolver resolver, boolean publicOnly) {
        boolean allowed = !publicOnly || allowedHosts.stream().anyMatch(a -> stripDots(a.strip()).equalsIgnoreCase(name));
        String refused = "points into the service's own network (" + name + "); only public hosts are reached for outside parties";
        if (!allowed && (METADATA_NAMES.contains(name) || name.equals("localhost") || name.endsWith(".localhost")
                || name.endsWith(".internal") || name.endsWith(".local"))) {
            return new Lookup(name, List.of(), refused);
        }
        InetAddress[] addresses;
        if (NUMERIC_V4.matcher(name).matches()) {
            Optional<InetAddress> literal = numericV4(name);
            if (literal.isEmpty()) {
                return new Lookup(name, List.of(), "has a numeric host (" + name + ") that is not an IPv4 address");
            }
            addresses = new InetAddress[] {literal.get()};
        } else if (name.contains(":")) {
            try {
                addresses = new InetAddress[] {InetAddress.getByName("[" + name + "]")};
            } catch (UnknownHostException e) {
                return new Lookup(name, List.of(), "has an IPv6 host (" + name + ") that is not an address");
            }
        } else {
            try {
                addresses = resolver.resolve(name);
            } catch (UnknownHostException e) {
                // Nothing to reach now: checked again before every connection.
                return new Lookup(name, List.of(), null);
            }
        }
        if (!allowed) {
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    return new Lookup(name, List.of(addresses), refused);
                }
            }
        }
        return new Lookup(name, List.of(addresses), null);
    }

    private static String stripDots(String name) {
        String out = name;
        while (out.endsWith(".")) {
            out = out.substring(0, out.length() - 1);
        }
        return out.startsWith("[") && out.endsWith("]") ? out.substring(1, out.length() - 1) : out;
    }

    /**
     * Reads an IPv4 address in any of inet_aton's forms: a.b.c.d, a.b.c (c is 16 bits), a.b (b is
     * 24 bits) or a (32 bits), each part decimal, octal (leading 0) or hexadecimal (0x). Empty when
     * a part is out of range.
     */
    static Optional<InetAddress> numericV4(String text) {
        String[] parts = text.split("\\.", -1);
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            try {
                if (p.startsWith("0x")) {
                    values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    values[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    values[i] = Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                return Optional.empty(); // too long, or an 8 or 9 in an octal part
            }
        }
        int last = parts.length - 1;
        long value = 0;
        for (int i = 0; i < last; i++) {
            if (values[i] > 255) {
                return Optional.empty();
            }
            value = value << 8 | values[i];
        }
        int lastBits = 8 * (4 - last);
        if (values[last] >= 1L << lastBits) {
            return Optional.empty();
        }
        value = value << lastBits | values[last];
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if (isMappedV4(b)) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return (b[0] & 0xfe) == 0xfc; // fc00::/7, unique local (AWS metadata is fd00:ec2::254)
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 // "this network"
                || first == 100 && second >= 64 && second <= 127 // 100.64/10, shared (carrier-grade NAT, some metadata)
                || first == 192 && second == 0 && (b[2] & 0xff) == 0 // 192.0.0/24, protocol assignments
                || first == 198 && (second == 18 || second == 19) // benchmarking
                || first >= 240; // reserved and broadcast
    }

    /** ::ffff:a.b.c.d, an IPv4 address written as IPv6 (Java usually reads it as IPv4 already). */
    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
