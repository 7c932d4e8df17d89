package io.counterpower.common.auth;

import java.util.regex.Pattern;

/**
 * What a key may write: {@code admin} (everything, including keys), {@code curator} (every fact)
 * or {@code steward:<organisation>} (facts about that organisation and the projects it stewards,
 * recorded as self-reported).
 */
record KeyScope(Kind kind, String organisation) {
    enum Kind { ADMIN, CURATOR, STEWARD }

    private static final Pattern STEWARD = Pattern.compile("^steward:([a-z0-9][a-z0-9-]{0,79})$");

    /** Parses a scope string, or returns null when it is not one. */
    static KeyScope parse(String text) {
        if ("admin".equals(text)) {
            return new KeyScope(Kind.ADMIN, null);
        }
        if ("curator".equals(text)) {
            return new KeyScope(Kind.CURATOR, null);
        }
        var m = text == null ? null : STEWARD.matcher(text);
        if (m != null && m.matches()) {
            return new KeyScope(Kind.STEWARD, m.group(1));
        }
        return null;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ADMIN -> "admin";
            case CURATOR -> "curator";
            case STEWARD -> "steward:" + organisation;
        };
    }
}
