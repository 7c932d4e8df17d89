package io.counterpower.collect.git;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An account on a code platform that an identity reveals, e.g. the GitHub login hidden in a
 * noreply address; it lets the contributor mapping join git identities to platform identities.
 *
 * @param platform the platform code, {@value #GITHUB} for now
 * @param username the login as written in the address (GitHub logins are case-insensitive; compare
 *                 them ignoring case)
 * @param userId   the platform's numeric account id when the address carries it, otherwise null;
 *                 it survives renames of the login
 */
record PlatformAccount(String platform, String username, Long userId) {

    /** Platform code of GitHub accounts. */
    static final String GITHUB = "github";

    // "12345+login@users.noreply.github.com" (since 2017) or "login@users.noreply.github.com"
    // (older accounts); app accounts end in "[bot]", e.g. "49699333+dependabot[bot]@…".
    private static final Pattern GITHUB_NOREPLY = Pattern.compile(
            "^(?:(\\d{1,18})\\+)?([A-Za-z0-9][A-Za-z0-9-]*(?:\\[bot])?)@users\\.noreply\\.github\\.com$",
            Pattern.CASE_INSENSITIVE);

    /** The GitHub account behind a GitHub noreply address, if {@code email} is one. */
    static Optional<PlatformAccount> fromNoreplyEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        Matcher m = GITHUB_NOREPLY.matcher(email.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        Long id = m.group(1) == null ? null : Long.valueOf(m.group(1));
        return Optional.of(new PlatformAccount(GITHUB, m.group(2), id));
    }

    /** Whether the login is a GitHub App's (they end in {@code [bot]}). */
    public boolean isAppLogin() {
        return username.toLowerCase(Locale.ROOT).endsWith("[bot]");
    }
}
