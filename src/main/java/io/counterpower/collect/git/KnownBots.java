package io.counterpower.collect.git;

import io.counterpower.collect.git.GitIdentity.BotReason;

import java.util.Locale;
import java.util.Set;

/**
 * The bot rule of METHODOLOGY.md section 2, made concrete: an identity is automation when its name
 * or GitHub login ends in {@code [bot]}, when it is one of the documented accounts below, or when
 * it is GitHub's {@code noreply@github.com} (the web-UI committer).
 *
 * <p>The list holds the automation that shows up in AI projects' histories; it is matched on the
 * exact (case-insensitive) name, login or email so that a person is never flagged by a substring.
 * Bots with custom names that are not listed stay people until the list or a manual fact says
 * otherwise.
 */
final class KnownBots {
    private KnownBots() {
    }

    static final String WEB_UI_EMAIL = "noreply@github.com";

    /** Names and GitHub logins of automation accounts that do not carry {@code [bot]}. */
    static final Set<String> NAMES_AND_LOGINS = Set.of(
            "dependabot", "dependabot-preview", "dependabot-bot",
            "renovate", "renovate-bot", "renovatebot",
            "github-actions", "github actions", "actions-user",
            "pre-commit-ci", "pre-commit-ci-bot",
            "mergify",
            "allcontributors", "all-contributors", "all-contributors-bot",
            "codecov", "codecov-io", "codecov-commenter",
            "greenkeeper", "greenkeeperio-bot",
            "snyk-bot", "imgbot", "semantic-release-bot", "web-flow",
            // Automation of large AI projects: PyTorch's merge bot, Meta's and Google's export bots.
            "pytorchmergebot", "pytorchbot", "pytorchupdatebot", "facebook-github-bot",
            "tensorflower-gardener", "a. unique tensorflower", "tensorflower gardener",
            "copybara-service", "copybara-bot");

    /** Emails automation commits with (besides GitHub noreply addresses of the logins above). */
    static final Set<String> EMAILS = Set.of(
            "support@dependabot.com", "noreply@dependabot.com",
            "bot@renovateapp.com", "renovate@whitesourcesoftware.com",
            "action@github.com", "actions@github.com",
            "github-actions@github.com",
            "semantic-release-bot@martynus.net",
            "snyk-bot@snyk.io",
            "gardener@tensorflow.org",
            "copybara-worker@google.com");

    /** Why {@code (name, email)} is automation, or null for a person. */
    static BotReason classify(String name, String email, PlatformAccount account) {
        String lowerName = lower(name);
        String lowerEmail = lower(email);
        if (lowerName.endsWith("[bot]") || (account != null && account.isAppLogin())) {
            return BotReason.BOT_SUFFIX;
        }
        if (lowerEmail.equals(WEB_UI_EMAIL)) {
            return BotReason.WEB_UI;
        }
        if (NAMES_AND_LOGINS.contains(lowerName) || EMAILS.contains(lowerEmail)
                || (account != null && NAMES_AND_LOGINS.contains(lower(account.username())))) {
            return BotReason.KNOWN_BOT_ACCOUNT;
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
