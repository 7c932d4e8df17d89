package io.counterpower.common.text;

import java.util.regex.Pattern;

/**
 * Credentials written into URLs ({@code https://user:token@host/…}) are secrets: wherever such a URL
 * could be shown or logged, the part before {@code @} is replaced.
 */
public final class UrlCredentials {
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@?#]+@");
    static final String HIDDEN = "***";

    private UrlCredentials() {
    }

    /** The text with the user info of every URL in it replaced by {@code ***}. */
    public static String redact(String text) {
        return text == null || text.indexOf('@') < 0 ? text : USER_INFO.matcher(text).replaceAll("$1" + HIDDEN + "@");
    }
}
