package io.counterpower.collect.git;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code .mailmap} (git's format, see gitmailmap(5)); JGit has no support for it.
 *
 * <p>Lines, with {@code #} starting a comment line and anything after the last address ignored:
 * <pre>
 * Proper Name &lt;proper@email&gt;                              (name for that email)
 * &lt;proper@email&gt; &lt;commit@email&gt;                            (email only)
 * Proper Name &lt;proper@email&gt; &lt;commit@email&gt;                (both)
 * Proper Name &lt;proper@email&gt; Commit Name &lt;commit@email&gt;    (both, only for that name)
 * </pre>
 * Matching follows git: the commit email case-insensitively; an entry that also names the commit
 * name wins over one that does not; names compare case-insensitively too; a later line for the
 * same key replaces an earlier one.
 */
final class Mailmap {

    static final Mailmap EMPTY = new Mailmap(Map.of());

    /** The name and email a commit identity resolves to. */
    record Resolved(String name, String email) {
    }

    /** What to replace: null fields keep the commit's value. */
    private record Replacement(String name, String email) {
    }

    /** Entries for one commit email: the email-only one and those that also name the commit name. */
    private static final class EmailEntry {
        Replacement simple;
        final Map<String, Replacement> byName = new HashMap<>();
    }

    private final Map<String, EmailEntry> byEmail;

    private Mailmap(Map<String, EmailEntry> byEmail) {
        this.byEmail = byEmail;
    }

    static Mailmap parse(String text) {
        Map<String, EmailEntry> entries = new HashMap<>();
        if (text == null) {
            return EMPTY;
        }
        for (String line : text.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            NameAndEmail first = NameAndEmail.parse(trimmed, 0);
            if (first == null) {
                continue; // no <email>: not a mailmap line
            }
            NameAndEmail second = NameAndEmail.parse(trimmed, first.end());
            String newName = first.name();
            String newEmail = first.email();
            String oldName = second == null ? null : second.name();
            String oldEmail = second == null ? null : second.email();
            if (oldEmail == null) {
                // "Proper Name <email>": the address is both the key and unchanged.
                oldEmail = newEmail;
                newEmail = null;
            }
            EmailEntry entry = entries.computeIfAbsent(key(oldEmail), k -> new EmailEntry());
            if (oldName == null) {
                Replacement before = entry.simple;
                entry.simple = new Replacement(
                        newName != null ? newName : before == null ? null : before.name(),
                        newEmail != null ? newEmail : before == null ? null : before.email());
            } else {
                entry.byName.put(key(oldName), new Replacement(newName, newEmail));
            }
        }
        return entries.isEmpty() ? EMPTY : new Mailmap(entries);
    }

    /** The canonical name and email for a commit identity; unchanged when no entry matches. */
    Resolved resolve(String name, String email) {
        EmailEntry entry = email == null ? null : byEmail.get(key(email));
        if (entry == null) {
            return new Resolved(name, email);
        }
        Replacement replacement = name == null ? null : entry.byName.get(key(name));
        if (replacement == null) {
            replacement = entry.simple;
        }
        if (replacement == null) {
            return new Resolved(name, email);
        }
        return new Resolved(
                replacement.name() != null ? replacement.name() : name,
                replacement.email() != null ? replacement.email() : email);
    }

    boolean isEmpty() {
        return byEmail.isEmpty();
    }

    private static String key(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }

    /** {@code [Name] <email>} starting at {@code from}; name null when blank. */
    private record NameAndEmail(String name, String email, int end) {
        static NameAndEmail parse(String line, int from) {
            int lt = line.indexOf('<', from);
            if (lt < 0) {
                return null;
            }
            int gt = line.indexOf('>', lt + 1);
            if (gt < 0) {
                return null;
            }
            String name = line.substring(from, lt).strip();
            String email = line.substring(lt + 1, gt).strip();
            return new NameAndEmail(name.isEmpty() ? null : name, email, gt + 1);
        }
    }
}
