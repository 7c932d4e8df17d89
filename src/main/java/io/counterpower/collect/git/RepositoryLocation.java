package io.counterpower.collect.git;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a collected repository is, and where a person can check what was read from it: a commit
 * page on github.com, otherwise the repository URL itself.
 *
 * @param url    as collected (an https URL, a {@code file:} URL or an absolute path)
 * @param remote whether it is cloned (https) rather than opened in place
 * @param webUrl the repository's github.com page (no {@code .git}, no trailing slash), or null
 */
record RepositoryLocation(String url, boolean remote, String webUrl) {

    private static final Pattern GITHUB = Pattern.compile("^https://(?:www\\.)?github\\.com/([^/]+)/([^/]+?)(?:\\.git)?/*$",
            Pattern.CASE_INSENSITIVE);

    static RepositoryLocation of(String url) {
        String trimmed = url.strip();
        boolean remote = trimmed.toLowerCase(Locale.ROOT).startsWith("https://");
        Matcher m = GITHUB.matcher(trimmed);
        String web = m.matches() ? "https://github.com/" + m.group(1) + "/" + m.group(2) : null;
        return new RepositoryLocation(trimmed, remote, web);
    }

    /** The page of a commit on github.com, or the repository URL where there is no such page. */
    String sourceUrl(String commitSha) {
        return webUrl == null || commitSha == null ? url : webUrl + "/commit/" + commitSha;
    }

    /**
     * The SQL LIKE pattern of every {@link #sourceUrl} this repository gives, to find the facts a
     * full read of it replaces.
     */
    String sourceUrlPattern() {
        String base = webUrl == null ? url : webUrl + "/commit/";
        String escaped = base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return webUrl == null ? escaped : escaped + "%";
    }

    /** The folder of this repository's bare clone under the cache: readable, and unique per URL. */
    Path cacheFolder(Path cacheDir) {
        String readable = URI.create(url).getHost() + "-" + url.replaceAll("^.*/([^/]+?)(\\.git)?/*$", "$1");
        readable = readable.replaceAll("[^A-Za-z0-9._-]", "_");
        return cacheDir.resolve(readable + "-" + sha256(url).substring(0, 12));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
