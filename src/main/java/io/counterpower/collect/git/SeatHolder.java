package io.counterpower.collect.git;

/**
 * Who a CODEOWNERS or MAINTAINERS entry names: a platform user, a team or an email. The caller
 * maps the holder to a contributor (users, emails) or an organisation's team.
 *
 * @param kind  user, team or email
 * @param id    the key, lower-cased: the login without {@code @}, {@code org/team}, or the email
 * @param name  the display name the entry gives (MAINTAINERS lines), otherwise null
 * @param email an email the entry gives next to a handle, otherwise null (for {@link Kind#EMAIL} the
 *              id)
 */
public record SeatHolder(Kind kind, String id, String name, String email) {

    /** What an entry names. */
    public enum Kind {
        /** A GitHub login ({@code @user}). */
        GITHUB_USER,
        /** A GitHub team ({@code @org/team}); its members are not known from git. */
        GITHUB_TEAM,
        /** An email address. */
        EMAIL
    }

    /** The identity of the holder across commits (display names may change). */
    String key() {
        return kind + ":" + id;
    }
}
