package io.counterpower.common.fact;

import java.util.Set;

/**
 * The email domains an organisation's recorded version gained or lost (an edit, a creation, a close, an
 * accepted dispute, a dataset upgrade): the work of addresses at those domains is attributed anew. Fired in
 * the writing transaction; observed after it commits.
 */
public record DomainsChanged(Set<String> domains) {
    public DomainsChanged {
        domains = Set.copyOf(domains);
    }

    /** The domains in one list and not in the other, lowercased. */
    public static DomainsChanged between(java.util.Collection<String> before, java.util.Collection<String> after) {
        Set<String> b = lower(before), a = lower(after);
        Set<String> changed = new java.util.TreeSet<>(b);
        changed.addAll(a);
        b.retainAll(a);
        changed.removeAll(b);
        return new DomainsChanged(changed);
    }

    private static Set<String> lower(java.util.Collection<String> domains) {
        Set<String> out = new java.util.TreeSet<>();
        if (domains != null) {
            domains.forEach(d -> out.add(d.toLowerCase(java.util.Locale.ROOT)));
        }
        return out;
    }
}
