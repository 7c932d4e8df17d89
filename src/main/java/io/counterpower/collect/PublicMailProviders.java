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
 * The documented list of public mail providers ({@code collect/public-mail-providers.txt}): an
 * address there says nothing about an employer, so it never gives an affiliation.
 */
public final class PublicMailProviders {
    static final String RESOURCE = "collect/public-mail-providers.txt";

    private final Set<String> domains;

    private PublicMailProviders(Set<String> domains) {
        this.domains = Set.copyOf(domains);
    }

    /** The bundled list. */
    public static PublicMailProviders bundled() {
        try (InputStream in = PublicMailProviders.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
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
            return new PublicMailProviders(domains);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** Whether the domain, or a domain it is under, is a public provider. */
    public boolean covers(String domain) {
        for (String d = domain; d != null; d = parent(d)) {
            if (domains.contains(d)) {
                return true;
            }
        }
        return false;
    }

    public int size() {
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
