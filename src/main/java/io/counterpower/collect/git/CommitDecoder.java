package io.counterpower.collect.git;

import io.quarkus.logging.Log;
import org.eclipse.jgit.util.RawParseUtils;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the raw bytes of a commit into a {@link CommitRecord}. It parses the headers itself rather
 * than through {@code RevCommit.getAuthorIdent()}, which returns null for a malformed line and may
 * throw on an unknown {@code encoding} header: a collection must survive any commit.
 */
final class CommitDecoder {

    private static final String CO_AUTHOR_KEY = "Co-authored-by";
    /** A value's first bracketed part: the name before it, what is inside, and whatever follows (a comment). */
    private static final Pattern BRACKETED = Pattern.compile("^([^<>]*?)\\s*<([^<>]*)>.*$", Pattern.DOTALL);
    private static final Pattern ADDRESS = Pattern.compile("^[^<>\\s@]+@[^<>\\s@]+$");
    private static final Pattern FOLD = Pattern.compile("\\s*\\n\\s*");

    private final Mailmap mailmap;

    CommitDecoder(Mailmap mailmap) {
        this.mailmap = mailmap;
    }

    CommitRecord decode(String sha, byte[] raw, List<String> changedTrackedPaths) {
        Headers headers = Headers.parse(raw);
        Charset declared = LenientDecoding.charsetOrNull(headers.encodingName);
        Signature author = signature(raw, headers.authorStart, headers.authorEnd, declared);
        Signature committer = signature(raw, headers.committerStart, headers.committerEnd, declared);
        if (author == null) {
            Log.warnf("Commit %s has no author line; the committer stands in for it", sha);
            author = committer;
        }
        if (committer == null) {
            committer = author;
        }
        if (author == null) {
            Signature nobody = new Signature(identify("", ""), "", "", Instant.EPOCH, ZoneOffset.UTC, null);
            author = nobody;
            committer = nobody;
        }
        String message = LenientDecoding.decode(raw, headers.messageStart, raw.length, declared);
        OriginalBytes originalMessage = LenientDecoding.originalIfNotUtf8(raw, headers.messageStart, raw.length);

        boolean merge = headers.parents.size() >= 2;
        // A merge's message may repeat trailers of the merged commits, which count on their own.
        List<GitIdentity> coAuthors = merge ? List.of() : coAuthors(message, author.identity());
        List<Contribution> contributions = new ArrayList<>(1 + coAuthors.size());
        Instant at = author.at();
        if (merge) {
            contributions.add(new Contribution(Contribution.Kind.MERGE, author.identity(), at, sha));
        } else {
            contributions.add(new Contribution(Contribution.Kind.COMMIT, author.identity(), at, sha));
            for (GitIdentity coAuthor : coAuthors) {
                contributions.add(new Contribution(Contribution.Kind.COMMIT, coAuthor, at, sha));
            }
        }
        return new CommitRecord(sha, headers.parents, author, committer, coAuthors, contributions,
                message, originalMessage, changedTrackedPaths);
    }

    /** Resolves a recorded name and email through the mailmap and classifies it. */
    GitIdentity identify(String recordedName, String recordedEmail) {
        Mailmap.Resolved resolved = mailmap.resolve(recordedName, recordedEmail);
        PlatformAccount account = PlatformAccount.fromNoreplyEmail(recordedEmail)
                .or(() -> PlatformAccount.fromNoreplyEmail(resolved.email()))
                .orElse(null);
        GitIdentity.BotReason bot = KnownBots.classify(recordedName, recordedEmail, account);
        if (bot == null) {
            bot = KnownBots.classify(resolved.name(), resolved.email(), account);
        }
        String email = resolved.email() == null ? "" : resolved.email().strip().toLowerCase(Locale.ROOT);
        String name = resolved.name() == null ? "" : resolved.name().strip();
        return new GitIdentity(name, email, account, bot);
    }

    /**
     * Co-authors: every {@code Co-authored-by} trailer git reads in the message ({@link CommitTrailers}) that
     * names a person, deduplicated, without the author. Two addresses of one GitHub account (the noreply
     * forms with and without the numeric id) are one person, as they are for authors.
     */
    List<GitIdentity> coAuthors(String message, GitIdentity author) {
        Map<String, GitIdentity> byPerson = new LinkedHashMap<>();
        for (String value : CommitTrailers.values(message, CO_AUTHOR_KEY)) {
            String[] person = person(value);
            if (person == null) {
                Log.debugf("Ignoring a co-author trailer that names no one: %s", value);
                continue;
            }
            GitIdentity identity = identify(person[0], person[1]);
            String key = personKey(identity);
            if (!key.equals(personKey(author)) && !samePersonByName(identity, author)) {
                byPerson.putIfAbsent(key, identity);
            }
        }
        return List.copyOf(byPerson.values());
    }

    /**
     * The name and address a co-author value gives, or null when it gives neither. {@code Name <address>}
     * with anything after it (redis's "(styling)" comments); {@code <Awni Hannun>} or
     * {@code Awni Hannun <Awni Hannun>}: a name without an address; {@code Name address@host}: an address
     * written without brackets; a bare {@code login}: a name. A folded value is read as one line.
     */
    static String[] person(String value) {
        String unfolded = FOLD.matcher(value).replaceAll(" ").strip();
        String name;
        String email = "";
        Matcher bracketed = BRACKETED.matcher(unfolded);
        if (bracketed.matches()) {
            name = bracketed.group(1).strip();
            String inside = bracketed.group(2).strip();
            if (ADDRESS.matcher(inside).matches()) {
                email = inside;
            } else if (name.isEmpty()) {
                name = inside;
            }
        } else {
            int space = unfolded.lastIndexOf(' ');
            String last = unfolded.substring(space + 1);
            if (ADDRESS.matcher(last).matches()) {
                email = last;
                name = space < 0 ? "" : unfolded.substring(0, space).strip();
            } else {
                name = unfolded;
            }
        }
        if (name.isEmpty() && email.isEmpty()) {
            return null;
        }
        return new String[] {name, email};
    }

    /** Who an identity stands for: its GitHub account, else its address, else its name. */
    private static String personKey(GitIdentity identity) {
        if (identity.platformAccount() != null) {
            return "login:" + identity.platformAccount().username().toLowerCase(Locale.ROOT);
        }
        return identity.email().isEmpty() ? "name:" + identity.name() : identity.email();
    }

    /** A co-author named without an address is the author when the names agree. */
    private static boolean samePersonByName(GitIdentity coAuthor, GitIdentity author) {
        return coAuthor.email().isEmpty() && coAuthor.name().equalsIgnoreCase(author.name());
    }

    private Signature signature(byte[] raw, int start, int end, Charset declared) {
        if (start < 0) {
            return null;
        }
        int lt = indexOf(raw, start, end, (byte) '<');
        int gt = lt < 0 ? -1 : indexOf(raw, lt + 1, end, (byte) '>');
        String name;
        String email;
        int identEnd;
        if (gt >= 0) {
            name = LenientDecoding.decode(raw, start, lt, declared).strip();
            email = LenientDecoding.decode(raw, lt + 1, gt, declared).strip();
            identEnd = gt + 1;
        } else {
            // "Name" without an address: keep what is there rather than drop the commit.
            name = LenientDecoding.decode(raw, start, end, declared).strip();
            email = "";
            identEnd = end;
        }
        OriginalBytes original = LenientDecoding.originalIfNotUtf8(raw, start, identEnd);
        String[] when = new String(raw, identEnd, end - identEnd, StandardCharsets.ISO_8859_1).strip().split("\\s+");
        Instant at = parseEpochSeconds(when.length > 0 ? when[0] : "");
        ZoneOffset offset = parseOffset(when.length > 1 ? when[1] : "");
        return new Signature(identify(name, email), name, email, at, offset, original);
    }

    private static Instant parseEpochSeconds(String seconds) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds));
        } catch (NumberFormatException | DateTimeException e) {
            return Instant.EPOCH;
        }
    }

    /** "+0130" or "-0800"; anything else (or beyond ±18:00) reads as UTC. */
    private static ZoneOffset parseOffset(String tz) {
        if (!tz.matches("[+-]\\d{4}")) {
            return ZoneOffset.UTC;
        }
        int sign = tz.charAt(0) == '-' ? -1 : 1;
        int hours = Integer.parseInt(tz.substring(1, 3));
        int minutes = Integer.parseInt(tz.substring(3, 5));
        try {
            return ZoneOffset.ofTotalSeconds(sign * (hours * 3600 + minutes * 60));
        } catch (DateTimeException outOfRange) {
            return ZoneOffset.UTC;
        }
    }

    private static int indexOf(byte[] raw, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Positions of the header lines a record needs; {@code -1} when absent. */
    private static final class Headers {
        final List<String> parents = new ArrayList<>(2);
        int authorStart = -1;
        int authorEnd = -1;
        int committerStart = -1;
        int committerEnd = -1;
        String encodingName;
        int messageStart;

        static Headers parse(byte[] raw) {
            Headers h = new Headers();
            int ptr = 0;
            h.messageStart = raw.length;
            while (ptr < raw.length) {
                if (raw[ptr] == '\n') {
                    h.messageStart = ptr + 1;
                    break;
                }
                int next = RawParseUtils.nextLF(raw, ptr);
                int lineEnd = raw[next - 1] == '\n' ? next - 1 : next;
                if (startsWith(raw, ptr, lineEnd, "parent ")) {
                    h.parents.add(new String(raw, ptr + 7, lineEnd - ptr - 7, StandardCharsets.ISO_8859_1).strip());
                } else if (h.authorStart < 0 && startsWith(raw, ptr, lineEnd, "author ")) {
                    h.authorStart = ptr + 7;
                    h.authorEnd = lineEnd;
                } else if (h.committerStart < 0 && startsWith(raw, ptr, lineEnd, "committer ")) {
                    h.committerStart = ptr + 10;
                    h.committerEnd = lineEnd;
                } else if (startsWith(raw, ptr, lineEnd, "encoding ")) {
                    h.encodingName = new String(raw, ptr + 9, lineEnd - ptr - 9, StandardCharsets.ISO_8859_1);
                }
                ptr = next;
            }
            return h;
        }

        private static boolean startsWith(byte[] raw, int ptr, int end, String prefix) {
            if (end - ptr < prefix.length()) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (raw[ptr + i] != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
