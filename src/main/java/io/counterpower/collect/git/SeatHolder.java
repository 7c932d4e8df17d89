package io.counterpower.collect.git;

/**
 * Who a CODEOWNERS or MAINTAINERS entry names: a platform user, a team or an email. The caller
 * maps the holder to a contributor (users, emails) or an organisation's team.
 *
 * @param kind        user, team or email
 * @param id          the key, lower-cased: the login without {@code @}, {@code org/team}, or the email
 * @param name        the display name the entry gives (MAINTAINERS lines), otherwise null
 * @param email       an email the entry gives next to a handle, otherwise null (for {@link Kind#EMAIL} the
 *                    id)
 * @param affiliation the affiliation the listing itself states beside the holder (a MAINTAINERS table's
 *                    "Affiliation" or "Company" column), otherwise null
 */
record SeatHolder(Kind kind, String id, String name, String email, Affiliation affiliation) {

    /** What an entry names. */
    enum Kind {
        /** A GitHub login ({@code @user}). */
        GITHUB_USER,
        /** A GitHub team ({@code @org/team}); its members are not known from git. */
        GITHUB_TEAM,
        /** An email address. */
        EMAIL
    }

    /**
     * An affiliation the governing file states for its holder, kept as evidence: the organisation as
     * written, the table row that states it (the quote) and the file's path (null until the caller
     * that knows the path sets it).
     */
    record Affiliation(String organisation, String row, String path) {
    }

    /** A holder whose listing states no affiliation. */
    SeatHolder(Kind kind, String id, String name, String email) {
        this(kind, id, name, email, null);
    }

    /** The identity of the holder across commits (display names and stated affiliations may change). */
    String key() {
        return kind + ":" + id;
    }

    /** This holder with the path of the file that lists them recorded in its stated affiliation. */
    SeatHolder listedIn(String path) {
        return affiliation == null ? this
                : new SeatHolder(kind, id, name, email, new Affiliation(affiliation.organisation(), affiliation.row(), path));
    }
}
