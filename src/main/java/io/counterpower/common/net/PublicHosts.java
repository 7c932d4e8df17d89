package io.counterpower.common.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps outside parties from pointing the service into its own network (server-side request
 * forgery): a host that resolves to a loopback, private, link-local, unique-local, shared or
 * multicast address, or that names a cloud metadata service, is refused unless an operator lists it
 * (collections: {@code counterpower.collect.allowed-hosts}; webhooks:
 * {@code counterpower.watches.allowed-hosts}). Collections check when they are asked for and again
 * just before the clone, because a name can resolve differently a minute later.
 */
public final class PublicHosts {
    /** Names of metadata services that answer on an internal address without resolving publicly. */
    private static final Set<String> METADATA_NAMES = Set.of("metadata", "metadata.google.internal",
            "metadata.azure.com", "instance-data", "instance-data.ec2.internal");

    private PublicHosts() {
    }

    /** Why the {@code url}'s host may not be reached, or null when it is public or allowed. */
    public static String refusal(String url, Collection<String> allowedHosts) {
        String host;
        try {
            host = new URI(url.strip()).getHost();
        } catch (Exception e) {
            return "is not a valid URL";
        }
        if (host == null || host.isBlank()) {
            return "has no host";
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        for (String allowed : allowedHosts) {
            if (allowed.strip().equalsIgnoreCase(name)) {
                return null;
            }
        }
        String refused = "points into the service's own network (" + host + "); only public hosts are reached for outside parties";
        if (METADATA_NAMES.contains(name) || name.equals("localhost") || name.endsWith(".localhost")
                || name.endsWith(".internal") || name.endsWith(".local")) {
            return refused;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            // Nothing to reach: the clone fails with its own message, and is checked again then.
            return null;
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return refused;
            }
        }
        return null;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
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
}
