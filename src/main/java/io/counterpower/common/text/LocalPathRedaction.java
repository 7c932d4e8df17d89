package io.counterpower.common.text;

import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a curator's collection read a repository on the service's disk is not public (issue 17):
 * for anyone but a curator a local path or a {@code file:} URL becomes {@code …/<its last
 * segment>}, which still tells repositories apart and keeps the folder layout of the server to
 * itself. The one redaction used by every public representation (JSON views, CSV exports, the
 * change feed, job views); migration V037's {@code redact_local_path} is its SQL twin (snapshots).
 */
public final class LocalPathRedaction {
    // A file: URL or an absolute path that does not continue a URL or a word (https://host/x stays).
    private static final Pattern PATH = Pattern.compile("(?<![\\w:/.~-])(?:file:)?/+[^\\s'\"(),;]*");
    /** Set while a body is rendered for any reader (a shared cache): paths are then always redacted. */
    private static final ThreadLocal<Boolean> PUBLIC = ThreadLocal.withInitial(() -> false);
    /** Set while a value is serialised for storage: paths are then kept whole (redacted at read). */
    private static final ThreadLocal<Boolean> STORING = ThreadLocal.withInitial(() -> false);

    private LocalPathRedaction() {
    }

    /** A repository location or source URL as {@code …/name} when local; an http(s) URL as it is. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return url;
        }
        return text(url);
    }

    /** Every local path in a text as {@code …/name}. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PATH.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String path = m.group().replaceAll("/+$", "");
            int slash = path.lastIndexOf('/');
            String last = slash >= 0 ? path.substring(slash + 1) : path;
            m.appendReplacement(out, Matcher.quoteReplacement("\u2026/" + last));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Renders a body that may be served to anyone (a cached page): local paths are redacted in it. */
    public static <T> T publicly(Supplier<T> render) {
        boolean outer = PUBLIC.get();
        PUBLIC.set(true);
        try {
            return render.get();
        } finally {
            PUBLIC.set(outer);
        }
    }

    /** Whether the body being rendered now is one for any reader. */
    public static boolean renderingPublicly() {
        return PUBLIC.get();
    }

    /**
     * Serialises a value for storage (the audit log), where local paths are kept whole whoever made
     * the change: redaction is applied when the audit is read, for any reader but a curator.
     */
    public static <T> T forStorage(Supplier<T> serialise) {
        boolean outer = STORING.get();
        STORING.set(true);
        try {
            return serialise.get();
        } finally {
            STORING.set(outer);
        }
    }

    /** Whether the value being serialised now is for storage (kept whole). */
    public static boolean serialisingForStorage() {
        return STORING.get();
    }
}
