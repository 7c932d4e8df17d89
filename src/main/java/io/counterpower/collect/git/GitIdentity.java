package io.counterpower.collect.git;

/**
 * Who made or took part in a commit, after {@code .mailmap} resolution: the unit that the
 * contributor mapping attaches to a person (METHODOLOGY.md section 2, "contributor").
 *
 * @param name            the canonical name (mailmap applied), leniently decoded
 * @param email           the canonical email (mailmap applied), lower-cased because identities are
 *                        matched by email case-insensitively; may be empty when the commit had none
 * @param platformAccount the platform account revealed by a noreply address (the recorded or the
 *                        canonical one), otherwise null
 * @param botReason       why the identity is a bot, or null for a person; bot identities are kept
 *                        but excluded from every indicator
 */
record GitIdentity(String name, String email, PlatformAccount platformAccount, BotReason botReason) {

    /** Why an identity is not a person. */
    enum BotReason {
        /** The name or the platform login ends in {@code [bot]} (GitHub Apps). */
        BOT_SUFFIX,
        /** A documented automation account (see {@code KnownBots}). */
        KNOWN_BOT_ACCOUNT,
        /**
         * GitHub's own {@code noreply@github.com}: the committer when a person merges or edits
         * through the web UI. The author of such a commit is the person and is not affected.
         */
        WEB_UI
    }

    /** Whether this identity is excluded from indicators as automation. */
    public boolean isBot() {
        return botReason != null;
    }
}
