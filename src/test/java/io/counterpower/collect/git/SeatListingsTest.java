package io.counterpower.collect.git;

import io.counterpower.collect.git.SeatHolder.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeatListingsTest {

    @Test
    void codeownersUsersTeamsAndEmails() {
        List<SeatHolder> holders = SeatListings.codeowners("""
                # Default owners
                *            @Alice @acme/Core-Team
                /docs/       docs-lead@example.org   # the docs lead
                /models/\\#1  @bob
                *.md         @alice
                [Security][2] @sec-team-lead
                /orphan/
                """);
        assertEquals(List.of(
                new SeatHolder(Kind.GITHUB_USER, "alice", null, null),
                new SeatHolder(Kind.GITHUB_TEAM, "acme/core-team", null, null),
                new SeatHolder(Kind.EMAIL, "docs-lead@example.org", null, "docs-lead@example.org"),
                new SeatHolder(Kind.GITHUB_USER, "bob", null, null),
                new SeatHolder(Kind.GITHUB_USER, "sec-team-lead", null, null)), holders);
    }

    @Test
    void maintainersListsTablesAndLinuxStyleLines() {
        List<SeatHolder> holders = SeatListings.maintainers("""
                # Maintainers

                - Alice Martin <alice@acme.example> (@alice)
                * **Bob Chen** [@bobchen](https://github.com/bobchen)

                | Name | GitHub | Affiliation |
                |------|--------|-------------|
                | Carol Diaz | @carol-d | Initech |

                M:\tDan Brown <dan@example.org>
                Reports go to security@example.org or @alice, @erin.
                """);
        assertEquals(List.of(
                new SeatHolder(Kind.GITHUB_USER, "alice", "Alice Martin", "alice@acme.example"),
                new SeatHolder(Kind.GITHUB_USER, "bobchen", "Bob Chen", null),
                new SeatHolder(Kind.GITHUB_USER, "carol-d", "Carol Diaz", null,
                        new SeatHolder.Affiliation("Initech", "| Carol Diaz | @carol-d | Initech |", null)),
                new SeatHolder(Kind.EMAIL, "dan@example.org", "Dan Brown", "dan@example.org"),
                new SeatHolder(Kind.GITHUB_USER, "erin", null, null),
                new SeatHolder(Kind.EMAIL, "security@example.org", null, "security@example.org")), holders);
    }

    /** Valkey's MAINTAINERS.md as committed in b283c6b5 (2024-04-30): profile links, no handles, an affiliation column. */
    static final String VALKEY_MAINTAINERS = """
            ## Overview

            This document contains a list of maintainers in this repo.
            See [GOVERNANCE.md](GOVERNANCE.md) that explains the function of this file.

            ## Current Maintainers

            Maintainers listed in alphabetical order by their github ID.

            | Maintainer          | GitHub ID                                       | Affiliation |
            | ------------------- | ----------------------------------------------- | ----------- |
            | Zhu Binbin          | [enjoy-binbin](https://github.com/enjoy-binbin) | Tencent     |
            | Wen Hui             | [hwware](https://github.com/hwware)             | Huawei      |
            | Madelyn Olson       | [madolson](https://github.com/madolson)         | Amazon      |
            | Ping Xie            | [pingxie](https://github.com/pingxie)           | Google      |
            | Zhao Zhao           | [soloestoy](https://github.com/soloestoy)       | Alibaba     |
            | Viktor Söderqvist   | [zuiderkwast](https://github.com/zuiderkwast)   | Ericsson    |


            ### Former Maintainers

            | Maintainer          | GitHub ID                                       | Affiliation |
            | ------------------- | ----------------------------------------------- | ----------- |
            """;

    @Test
    void aTableOfProfileLinksStatesEachHoldersAffiliation() {
        List<SeatHolder> holders = SeatListings.maintainers(VALKEY_MAINTAINERS);
        assertEquals(List.of("enjoy-binbin", "hwware", "madolson", "pingxie", "soloestoy", "zuiderkwast"),
                holders.stream().map(SeatHolder::id).toList());
        assertEquals(List.of("Tencent", "Huawei", "Amazon", "Google", "Alibaba", "Ericsson"),
                holders.stream().map(h -> h.affiliation().organisation()).toList());
        SeatHolder madolson = holders.get(2);
        assertEquals(Kind.GITHUB_USER, madolson.kind());
        assertEquals("Madelyn Olson", madolson.name());
        // The row, verbatim, is the quote.
        assertEquals("| Madelyn Olson       | [madolson](https://github.com/madolson)         | Amazon      |",
                madolson.affiliation().row());
    }

    @Test
    void onlyATableWithAnAffiliationColumnStatesOneAndOnlyForOneHolderPerRow() {
        List<SeatHolder> holders = SeatListings.maintainers("""
                | Name | Email | GitHub |
                | ---- | ----- | ------ |
                | Ann  | ann@opentofu.example | @ann |

                | Name | Company | GitHub |
                |:-----|:-------:|-------:|
                | Bo   | **Acme** | [@bo](https://github.com/bo) |
                | Cy   | -        | @cy |
                | Pair | Acme     | @dee @eve |
                | Fay  | Independent | [fay](https://github.com/fay) |

                See https://github.com/someone for the roadmap.
                - [@gus](https://github.com/gus) at [Acme](https://github.com/acme-corp/acme)
                """);
        assertEquals(List.of("ann", "bo", "cy", "dee", "eve", "fay", "gus"), holders.stream().map(SeatHolder::id).toList());
        assertNull(holders.get(0).affiliation(), "no affiliation column");
        assertEquals("Acme", holders.get(1).affiliation().organisation(), "emphasis removed");
        assertNull(holders.get(2).affiliation(), "a dash states nothing");
        assertNull(holders.get(3).affiliation(), "a row naming two holders says nothing about either alone");
        assertEquals("Independent", holders.get(5).affiliation().organisation());
        assertTrue(SeatListings.INDEPENDENT.matcher(holders.get(5).affiliation().organisation()).matches());
        assertNull(holders.get(6).affiliation(), "a list item is not a table row");
    }

    /**
     * Seeded randomised invariant: whatever the column order, padding and link style, every current
     * row of a table with an affiliation column is one holder whose stated affiliation is the cell
     * (none for an empty or dash cell), and nobody under a "Former" heading holds a seat.
     */
    @Test
    void randomTablesStateTheirCellsForTheirRows() {
        java.util.Random random = new java.util.Random(23);
        String[] orgs = {"Acme", "Initech Ltd.", "", "-", "Umbrella Corp", "Independent"};
        for (int round = 0; round < 200; round++) {
            int columns = random.nextInt(3); // position of the affiliation column among three
            StringBuilder text = new StringBuilder("# Maintainers\n\n");
            java.util.List<String> cols = new java.util.ArrayList<>(List.of("Name", "GitHub ID"));
            cols.add(columns, random.nextBoolean() ? "Affiliation" : "Company");
            text.append("| ").append(String.join(" | ", cols)).append(" |\n|").append(" --- |".repeat(3)).append('\n');
            int rows = 1 + random.nextInt(6);
            java.util.List<String> expectedIds = new java.util.ArrayList<>();
            java.util.List<String> expectedOrgs = new java.util.ArrayList<>();
            for (int i = 0; i < rows; i++) {
                String login = "user" + round + "-" + i;
                String org = orgs[random.nextInt(orgs.length)];
                String handle = random.nextBoolean() ? "@" + login : "[" + login + "](https://github.com/" + login + ")";
                java.util.List<String> cells = new java.util.ArrayList<>(List.of("Person " + i, handle));
                cells.add(columns, org);
                text.append("|").append(" ".repeat(random.nextInt(3))).append(String.join(" ".repeat(1 + random.nextInt(4)) + "| ", cells))
                        .append(" |\n");
                expectedIds.add(login);
                expectedOrgs.add(org.isEmpty() || org.equals("-") ? null : org);
            }
            text.append("\n## Former maintainers\n\n| Name | GitHub ID | Affiliation |\n| --- | --- | --- |\n")
                    .append("| Old | @old-").append(round).append(" | Acme |\n");
            List<SeatHolder> holders = SeatListings.maintainers(text.toString());
            assertEquals(expectedIds, holders.stream().map(SeatHolder::id).toList(), text.toString());
            assertEquals(expectedOrgs, holders.stream().map(h -> h.affiliation() == null ? null : h.affiliation().organisation())
                    .toList(), text.toString());
            for (SeatHolder holder : holders) {
                assertTrue(holder.affiliation() == null || holder.affiliation().row().contains(holder.id()), "the quote is the holder's row");
            }
        }
    }

    @Test
    void formerMaintainersAreNotSeats() {
        List<SeatHolder> holders = SeatListings.maintainers("""
                ## Current
                - @alice
                ## Emeritus maintainers
                - @old-timer
                ### Core (2019-2021)
                - @also-former
                ## Reviewers
                - @reviewer

                Alumni
                ------
                - Retired Person <retired@example.org>
                """);
        assertEquals(List.of("alice", "reviewer"), holders.stream().map(SeatHolder::id).toList());
    }

    /** OpenTofu's CONTRIBUTING.md as committed in 59d24390 (2025-05-23), the lines around its TSC list. */
    static final String OPENTOFU_CONTRIBUTING = """
            - Recurring Events
              - [Technical Steering Committee Meetings](https://meet.google.com/cry-houa-qbk) every other Tuesday at 4pm UTC
              - Ask @opentofu/core in the issue

            # Getting Involved

            ## Maintainers

            Maintainers are anyone who is a "Committer" (as defined in the Charter) to one or more repositories.
            - Someone (@not-in-the-tsc) - Acme

            ## TSC Members

            The current TSC members are:
            - Arel Rabinowitz ([@RLRabinowitz](https://github.com/RLRabinowitz)) - env0
            - Christian Mesh ([@cam72cam](https://github.com/cam72cam)) - Spacelift
            - Igor Savchenko ([@DiscyDel](https://github.com/DicsyDel)) - Scalr Inc.
            - James Humphries ([@Yantrio](https://github.com/Yantrio)) - Spacelift
            - Roger Simms ([@allofthesepeople](https://github.com/allofthesepeople)) - Harness Inc.
            - Zach Goldberg ([@ZachGoldberg](https://github.com/ZachGoldberg)) - Gruntwork, Inc.

            Agendas and meeting notes can be found in the [TSC](TSC) folder. Anyone may ask @someone-in-prose.

            ## Emeritus TSC members
            - Gone Person ([@gone](https://github.com/gone)) - Old Corp
            """;

    @Test
    void aSteeringCommitteeSectionListsItsMembersAndTheirStatedCompanies() {
        List<SeatHolder> holders = SeatListings.steeringCommittee(OPENTOFU_CONTRIBUTING);
        // Only the list under the TSC heading: not the meeting link, the maintainers' list, prose or the emeritus list.
        assertEquals(List.of("rlrabinowitz", "cam72cam", "dicsydel", "yantrio", "allofthesepeople", "zachgoldberg"),
                holders.stream().map(SeatHolder::id).toList());
        assertEquals(List.of("env0", "Spacelift", "Scalr Inc.", "Spacelift", "Harness Inc.", "Gruntwork, Inc."),
                holders.stream().map(h -> h.affiliation().organisation()).toList());
        SeatHolder igor = holders.get(2);
        assertEquals("Igor Savchenko", igor.name());
        // The handle as written (@DiscyDel) is the text of a link to DicsyDel: the link's account holds the seat,
        // and the quote is still the line as the file writes it.
        assertEquals("- Igor Savchenko ([@DiscyDel](https://github.com/DicsyDel)) - Scalr Inc.", igor.affiliation().row());
        assertEquals(List.of(), SeatListings.maintainers(OPENTOFU_CONTRIBUTING).stream()
                .filter(h -> h.affiliation() != null).toList(), "MAINTAINERS reading states no dash affiliations");
    }

    @Test
    void aSteeringCommitteeStatesOnlyOneHoldersTrailingName() {
        List<SeatHolder> holders = SeatListings.steeringCommittee("""
                Technical Steering Committee
                ============================
                - Ann ([@ann](https://github.com/ann)) - n/a
                - Bo (@bo) and Cy (@cy) - Initech
                - Di ([@di](https://github.com/di))
                - Ed (@ed) - see [@fay](https://github.com/fay)
                - Gil <gil@example.org> (Initrode)
                | Name | GitHub | Company |
                |------|--------|---------|
                | Hal | @hal | Hooli |
                # Voting (a heading of the committee's level ends its list)
                - Iris (@iris) - Acme
                """);
        assertEquals(List.of("ann", "bo", "cy", "di", "ed", "fay", "gil@example.org", "hal"),
                holders.stream().map(SeatHolder::id).toList());
        // "n/a" states nothing; two holders on a line state nothing about either; a handle after the dash is an
        // entry, not a company; a parenthesis after an email is not the dash form; a table's column still states.
        assertEquals(java.util.Arrays.asList(null, null, null, null, null, null, null, "Hooli"),
                holders.stream().map(h -> h.affiliation() == null ? null : h.affiliation().organisation()).toList());
    }

    @Test
    void aLegalFormDoesNotNameAnotherOrganisation() {
        assertEquals("Scalr", SeatListings.withoutLegalForm("Scalr Inc."));
        assertEquals("Gruntwork", SeatListings.withoutLegalForm("Gruntwork, Inc."));
        assertEquals("Redis", SeatListings.withoutLegalForm("Redis Ltd"));
        assertEquals("Spacelift", SeatListings.withoutLegalForm("Spacelift"));
        assertEquals("Incorporated Widgets", SeatListings.withoutLegalForm("Incorporated Widgets"));
    }

    @Test
    void claMentions() {
        assertTrue(ClaMention.presentIn("Please sign our Contributor License Agreement first."));
        assertTrue(ClaMention.presentIn("Contributor Licence Agreements are handled by a bot"));
        assertTrue(ClaMention.presentIn("You need to sign the CLA."));
        assertTrue(ClaMention.presentIn("(CLAs) are required"));
        assertFalse(ClaMention.presentIn("This clause is about declarations."));
        assertFalse(ClaMention.presentIn("Sign off your commits (DCO, Developer Certificate of Origin)."));
        assertFalse(ClaMention.presentIn("see https://example.org/cla-free"));
    }
}
