package io.counterpower.watch;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The receivers' resolver in tests: a name under {@code .test} answers what the test scripted for
 * it, one answer per look-up (the last answer repeats), like a rebinding DNS server; any other name
 * goes to the system's resolver. Counts the look-ups of each name.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedResolver extends ReceiverResolver {
    private static final Map<String, Deque<String>> ANSWERS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> LOOKUPS = new ConcurrentHashMap<>();

    /** Scripts the answers of {@code host}: the first look-up gets the first address, and so on. */
    static void answer(String host, String... addresses) {
        ANSWERS.put(host, new ArrayDeque<>(List.of(addresses)));
        LOOKUPS.put(host, new AtomicInteger());
    }

    static int lookups(String host) {
        return LOOKUPS.getOrDefault(host, new AtomicInteger()).get();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Deque<String> answers = ANSWERS.get(host);
        if (answers == null) {
            if (host.endsWith(".test")) {
                throw new UnknownHostException(host);
            }
            return super.resolve(host);
        }
        LOOKUPS.get(host).incrementAndGet();
        String next;
        synchronized (answers) {
            next = answers.size() > 1 ? answers.removeFirst() : answers.peekFirst();
        }
        // A literal: getByName parses it and never asks a DNS server.
        return new InetAddress[] {InetAddress.getByName(next)};
    }
}
