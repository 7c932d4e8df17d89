package io.counterpower.collect.git;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads who CODEOWNERS and MAINTAINERS files list. Both parsers are deliberately plain: they
 * recognise the entries the formats define and skip everything else, so that prose never becomes
 * a seat by accident more often than a reader of the file would expect.
 */
final class SeatListings {
    private SeatListings() {
    }

    // GitHub logins: letters, digits, hyphens; teams: @org/team-slug.
    private static final Pattern HANDLE = Pattern.compile(
            "(?<![\\w.+/@-])@([A-Za-z0-9][A-Za-z0-9-]*)(/[A-Za-z0-9][A-Za-z0-9._-]*)?(?![\\w@-])");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)");
    // A "#" after whitespace starts an inline comment; a path's escaped "\#" has none before it.
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\s#");
    private static final Pattern ATX_HEADING = Pattern.compile("^(#{1,6})\\s+(.*)$");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^(=+|-+)\\s*$");
    // Sections that list people who no longer hold the seat.
    private static final Pattern FORMER_SECTION = Pattern.compile(
            "\\b(emeritus|emeriti|alumni|former|retired|past|inactive)\\b", Pattern.CASE_INSENSITIVE);
    // A GitHub profile link (not a repository's): Valkey's "[madolson](https://github.com/madolson)".
    private static final Pattern PROFILE_LINK = Pattern.compile(
            "https?://(?:www\\.)?github\\.com/([A-Za-z0-9][A-Za-z0-9-]*)/?(?=[)\\s>\\]|\"]|$)");
    // github.com paths that are not people.
    private static final java.util.Set<String> NOT_PROFILES = java.util.Set.of("orgs", "about", "features", "sponsors",
            "settings", "topics", "marketplace", "apps", "login", "site", "enterprise", "pricing", "security", "collections");
    private static final Pattern LIST_OR_TABLE_ROW = Pattern.compile("^\\s*(?:[-+*|]|\\d+\\.)\\s*");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");
    // A table column in which the listing states its holders' employers.
    private static final Pattern AFFILIATION_HEADER = Pattern.compile(
            "^(affiliation|affiliations|company|companies|organi[sz]ation|employer|employed by)$", Pattern.CASE_INSENSITIVE);
    // A cell that states nothing.
    private static final Pattern NO_STATEMENT = Pattern.compile("^(|-+|\u2014|\u2013|n/?a|tbd|\\?|unknown)$", Pattern.CASE_INSENSITIVE);
    // Headings of a steering committee's section (OpenTofu's CONTRIBUTING.md: "## TSC Members").
    private static final Pattern STEERING_HEADING = Pattern.compile(
            "\\b(technical steering committee|steering committee|tsc)\\b", Pattern.CASE_INSENSITIVE);
    // A list item's trailing "- Company" after the holder's entry (a link or parenthesis closes it).
    private static final Pattern TRAILING_AFFILIATION = Pattern.compile("\\)\\s+[-\u2013\u2014]\\s+([^()]+)$");
    private static final Pattern LINKED_HANDLE = Pattern.compile(
            "\\[@([A-Za-z0-9][A-Za-z0-9-]*)]\\((https?://(?:www\\.)?github\\.com/([A-Za-z0-9][A-Za-z0-9-]*)/?)\\)");
    private static final Pattern LEGAL_FORM = Pattern.compile(
            ",?\\s+(inc\\.?|incorporated|llc|l\\.l\\.c\\.|ltd\\.?|limited|gmbh|corp\\.?|corporation|s\\.a\\.|b\\.v\\.|plc)$",
            Pattern.CASE_INSENSITIVE);
    /** A stated affiliation that says the holder works for no organisation (recorded as independent). */
    static final Pattern INDEPENDENT = Pattern.compile(
            "^(independent|individual|self|self-employed|unaffiliated|none \\(independent\\))$", Pattern.CASE_INSENSITIVE);

    /**
     * Owners named in a CODEOWNERS file: every {@code @user}, {@code @org/team} or email after the
     * path pattern of a rule (and after a GitLab {@code [Section]} header), comments removed.
     */
    static List<SeatHolder> codeowners(String text) {
        Map<String, SeatHolder> holders = new LinkedHashMap<>();
        for (String rawLine : lines(text)) {
            String line = stripComment(rawLine).strip();
            if (line.isEmpty()) {
                continue;
            }
            String owners;
            if (line.startsWith("[") || line.startsWith("^[")) {
                int close = line.indexOf(']');
                owners = close < 0 ? "" : line.substring(close + 1);
            } else {
                String[] parts = line.split("\\s+", 2);
                owners = parts.length < 2 ? "" : parts[1];
            }
            for (String token : owners.strip().split("\\s+")) {
                SeatHolder holder = ownerToken(token);
                if (holder != null) {
                    holders.putIfAbsent(holder.key(), holder);
                }
            }
        }
        return List.copyOf(holders.values());
    }

    /**
     * People named in a MAINTAINERS file: each line that carries an email or an {@code @handle}
     * (Linux's {@code M: Name <email>}, Markdown lists and tables alike), except under headings such
     * as "Emeritus", "Alumni" or "Former maintainers". A line with one handle and one email is one
     * holder, keyed by the handle; a line with several is several holders. Names alone are not
     * entries: they cannot be told from prose. In a list item or table row without an {@code @handle},
     * a link to a GitHub profile ({@code https://github.com/<login>}) names the holder. In a Markdown
     * table whose header has an "Affiliation", "Company", "Organisation" or "Employer" column, a row
     * that names one holder states that holder's affiliation: the cell, with the row kept as the quote.
     */
    static List<SeatHolder> maintainers(String text) {
        return listed(text, false);
    }

    /**
     * Members of a Technical Steering Committee that a CONTRIBUTING or GOVERNANCE file lists: the
     * list items and table rows under a heading that names a "Technical Steering Committee",
     * "Steering Committee" or "TSC" (down to the next heading of the same or a higher level; a
     * "former" or "emeritus" heading inside it ends the reading as for MAINTAINERS), each naming its
     * holder as a MAINTAINERS line does. Prose under the heading names nobody. A list item that names
     * one holder and ends in a dash and a name after the entry, as OpenTofu's
     * {@code - Name ([@handle](https://github.com/handle)) - Company}, states that holder's
     * affiliation (the line is the quote); a table's affiliation column does too. Where a handle is
     * written as the text of a link to another GitHub profile ({@code [@DiscyDel](https://github.com/DicsyDel)}),
     * the link's login names the holder: it is the account the page points to.
     */
    static List<SeatHolder> steeringCommittee(String text) {
        return listed(text, true);
    }

    private static List<SeatHolder> listed(String text, boolean steeringOnly) {
        Map<String, SeatHolder> holders = new LinkedHashMap<>();
        int steeringLevel = 0; // heading level of the steering committee section we are in, 0 when none
        int formerLevel = 0; // heading level of the "former" section we are in, 0 when none
        String previous = "";
        int affiliationColumn = -1; // in a table whose header names an affiliation column, its index
        for (String line : lines(text)) {
            if (TABLE_SEPARATOR.matcher(line).matches() && previous.strip().startsWith("|")) {
                affiliationColumn = affiliationColumn(previous);
                previous = line;
                continue;
            }
            if (!line.strip().startsWith("|")) {
                affiliationColumn = -1;
            }
            int level = 0;
            String heading = null;
            Matcher atx = ATX_HEADING.matcher(line.strip());
            if (atx.matches()) {
                level = atx.group(1).length();
                heading = atx.group(2);
            } else if (SETEXT_UNDERLINE.matcher(line).matches() && !previous.isBlank()) {
                level = line.strip().startsWith("=") ? 1 : 2;
                heading = previous;
                // The heading text was read as an ordinary line; it rarely holds an entry.
            }
            previous = line;
            if (heading != null) {
                if (formerLevel > 0 && level <= formerLevel) {
                    formerLevel = 0;
                }
                if (steeringLevel > 0 && level <= steeringLevel) {
                    steeringLevel = 0;
                }
                if (formerLevel == 0 && FORMER_SECTION.matcher(heading).find()) {
                    formerLevel = level;
                } else if (steeringOnly && steeringLevel == 0 && STEERING_HEADING.matcher(heading).find()) {
                    steeringLevel = level;
                }
                continue;
            }
            if (formerLevel > 0) {
                continue;
            }
            if (steeringOnly && (steeringLevel == 0 || !LIST_OR_TABLE_ROW.matcher(line).lookingAt())) {
                continue;
            }
            String entry = steeringOnly ? linkedHandlesAsTargets(line) : line;
            List<SeatHolder> listed = maintainerLine(entry);
            if (affiliationColumn >= 0 && listed.size() == 1 && listed.get(0).kind() != SeatHolder.Kind.GITHUB_TEAM) {
                listed = List.of(withStatedAffiliation(listed.get(0), line, affiliationColumn));
            } else if (steeringOnly && listed.size() == 1 && listed.get(0).kind() != SeatHolder.Kind.GITHUB_TEAM
                    && !line.strip().startsWith("|")) {
                listed = List.of(withTrailingAffiliation(listed.get(0), line));
            }
            for (SeatHolder holder : listed) {
                holders.putIfAbsent(holder.key(), holder);
            }
        }
        return List.copyOf(holders.values());
    }

    /** {@code [@text](https://github.com/login)} as {@code [@login](...)}: the link's target is the account. */
    private static String linkedHandlesAsTargets(String line) {
        return LINKED_HANDLE.matcher(line).replaceAll(m -> Matcher.quoteReplacement("[@" + m.group(3) + "](" + m.group(2) + ")"));
    }

    /** The holder with the affiliation a list item states after its entry ("... ) - Company"), if it states one. */
    private static SeatHolder withTrailingAffiliation(SeatHolder holder, String line) {
        Matcher trailing = TRAILING_AFFILIATION.matcher(line.strip());
        if (!trailing.find()) {
            return holder;
        }
        String organisation = trailing.group(1).replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").replaceAll("[*_`]", "")
                .strip().replaceAll("\\s{2,}", " ");
        if (NO_STATEMENT.matcher(organisation).matches() || HANDLE.matcher(organisation).find()
                || EMAIL.matcher(organisation).find() || organisation.contains("(")) {
            return holder; // another entry, or nothing, after the dash: no statement
        }
        return new SeatHolder(holder.kind(), holder.id(), holder.name(), holder.email(),
                new SeatHolder.Affiliation(organisation, line.strip(), null));
    }

    /**
     * The organisation name without a trailing legal form ("Scalr Inc." as "Scalr", "Gruntwork, Inc." as
     * "Gruntwork"), or the name itself when it ends in none: the same organisation, written as a company.
     */
    static String withoutLegalForm(String organisation) {
        return LEGAL_FORM.matcher(organisation.strip()).replaceFirst("").strip();
    }

    /** The index of the header row's affiliation column, or -1. */
    private static int affiliationColumn(String header) {
        List<String> cells = cells(header);
        for (int i = 0; i < cells.size(); i++) {
            if (AFFILIATION_HEADER.matcher(cells.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    private static SeatHolder withStatedAffiliation(SeatHolder holder, String row, int column) {
        List<String> cells = cells(row);
        if (column >= cells.size() || NO_STATEMENT.matcher(cells.get(column)).matches()) {
            return holder;
        }
        String quote = row.strip(); // verbatim: the quote is the file's text
        return new SeatHolder(holder.kind(), holder.id(), holder.name(), holder.email(),
                new SeatHolder.Affiliation(cells.get(column), quote, null));
    }

    /** A Markdown table row's cells, as plain text (links as their text, emphasis and code marks removed). */
    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.startsWith("|") ? inner.substring(1) : inner;
        inner = inner.endsWith("|") && !inner.endsWith("\\|") ? inner.substring(0, inner.length() - 1) : inner;
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").replaceAll("[*_`]", "")
                    .replace("\\|", "|").strip().replaceAll("\\s{2,}", " "));
        }
        return cells;
    }

    private static List<SeatHolder> maintainerLine(String line) {
        List<String[]> handles = new ArrayList<>();
        Matcher h = HANDLE.matcher(line);
        while (h.find()) {
            handles.add(new String[] {h.group(1), h.group(2)});
        }
        if (handles.isEmpty() && LIST_OR_TABLE_ROW.matcher(line).lookingAt()) {
            Matcher p = PROFILE_LINK.matcher(line);
            while (p.find()) {
                if (!NOT_PROFILES.contains(p.group(1).toLowerCase(Locale.ROOT))
                        && handles.stream().noneMatch(known -> known[0].equalsIgnoreCase(p.group(1)))) {
                    handles.add(new String[] {p.group(1), null});
                }
            }
        }
        // A set: Markdown often repeats an address as link text and mailto target.
        List<String> emails = new ArrayList<>(new java.util.LinkedHashSet<>(emailsIn(line)));
        if (handles.isEmpty() && emails.isEmpty()) {
            return List.of();
        }
        String name = displayName(line);
        if (handles.size() == 1 && emails.size() <= 1 && handles.get(0)[1] == null) {
            String email = emails.isEmpty() ? null : emails.get(0);
            return List.of(new SeatHolder(SeatHolder.Kind.GITHUB_USER, handles.get(0)[0].toLowerCase(Locale.ROOT),
                    name, email));
        }
        if (handles.isEmpty() && emails.size() == 1) {
            return List.of(new SeatHolder(SeatHolder.Kind.EMAIL, emails.get(0), name, emails.get(0)));
        }
        List<SeatHolder> several = new ArrayList<>();
        for (String[] handle : handles) {
            several.add(handleHolder(handle[0], handle[1]));
        }
        for (String email : emails) {
            several.add(new SeatHolder(SeatHolder.Kind.EMAIL, email, null, email));
        }
        return several;
    }

    private static List<String> emailsIn(String line) {
        List<String> emails = new ArrayList<>();
        Matcher e = EMAIL.matcher(line);
        while (e.find()) {
            emails.add(e.group(1).toLowerCase(Locale.ROOT));
        }
        return emails;
    }

    /** The text before the first entry, without list, table and Linux {@code M:} markers. */
    private static String displayName(String line) {
        int cut = line.length();
        for (char c : new char[] {'<', '(', '@', '['}) {
            int at = line.indexOf(c);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        Matcher email = EMAIL.matcher(line);
        if (email.find() && email.start() < cut) {
            cut = email.start();
        }
        String name = line.substring(0, cut)
                .replaceFirst("^\\s*[A-Z]:\\s*", "")
                .replaceAll("[|*_`>]", " ")
                .replaceFirst("^\\s*(?:[-+]|\\d+\\.)\\s+", "")
                .replaceAll("[,:;\\s]+$", "")
                .strip()
                .replaceAll("\\s{2,}", " ");
        return name.isEmpty() ? null : name;
    }

    private static SeatHolder ownerToken(String token) {
        Matcher h = HANDLE.matcher(token);
        if (h.matches()) {
            return handleHolder(h.group(1), h.group(2));
        }
        Matcher e = EMAIL.matcher(token);
        if (e.matches()) {
            String email = e.group(1).toLowerCase(Locale.ROOT);
            return new SeatHolder(SeatHolder.Kind.EMAIL, email, null, email);
        }
        return null;
    }

    private static SeatHolder handleHolder(String login, String teamSuffix) {
        if (teamSuffix != null) {
            return new SeatHolder(SeatHolder.Kind.GITHUB_TEAM, (login + teamSuffix).toLowerCase(Locale.ROOT), null, null);
        }
        return new SeatHolder(SeatHolder.Kind.GITHUB_USER, login.toLowerCase(Locale.ROOT), null, null);
    }

    private static String stripComment(String line) {
        if (line.stripLeading().startsWith("#")) {
            return "";
        }
        Matcher inline = INLINE_COMMENT.matcher(line);
        return inline.find() ? line.substring(0, inline.start()) : line;
    }

    private static String[] lines(String text) {
        return text == null ? new String[0] : text.split("\r?\n");
    }
}
