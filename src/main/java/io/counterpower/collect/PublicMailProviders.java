package io.counterpower.collect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The documented list of public mail providers ({@code collect/public-mail-providers.txt}) and of access
 * providers' mail services ({@code collect/isp-mail-providers.txt}, each with its source): an address
 * there says nothing about an employer, so it never gives an affiliation.
 */
public final class PublicMailProviders {
    static final String RESOURCE = "collect/public-mail-providers.txt";
    static final String ISP_RESOURCE = "collect/isp-mail-providers.txt";

    private final Set<String> domains;
    private final Set<String> isps;

    private PublicMailProviders(Set<String> domains, Set<String> isps) {
        Set<String> all = new HashSet<>(domains);
        all.addAll(isps);
        this.domains = Set.copyOf(all);
        this.isps = Set.copyOf(isps);
    }

    /** The bundled lists. */
    public static PublicMailProviders bundled() {
        return new PublicMailProviders(read(RESOURCE), read(ISP_RESOURCE));
    }

    private static Set<String> read(String resource) {
        try (InputStream in = PublicMailProviders.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            Set<String> domains = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comment = line.indexOf('#');
                String domain = (comment >= 0 ? line.substring(0, comment) : line).strip().toLowerCase(Locale.ROOT);
                if (!domain.isEmpty()) {
                    domains.add(domain);
                }
            }
            return domains;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** Whether the domain, or a domain it is under, is a public provider or an access provider's mail service. */
    public boolean covers(String domain) {
        return under(domain, domains);
    }

    /** Whether the domain, or a domain it is under, is an access provider's mail service (a subset of {@link #covers}). */
    public boolean coversIsp(String domain) {
        return under(domain, isps);
    }

    private static boolean under(String domain, Set<String> list) {
        for (String d = domain; d != null; d = parent(d)) {
            if (list.contains(d)) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return domains.size();
    }

    /** {@code research.meta.com} → {@code meta.com}; a top-level domain has no parent (null). */
    static String parent(String domain) {
        int dot = domain.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String rest = domain.substring(dot + 1);
        return rest.indexOf('.') < 0 ? null : rest;
    }
}
