package io.counterpower.collect.git;

import io.counterpower.collect.git.SeatHolder.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
                new SeatHolder(Kind.GITHUB_USER, "carol-d", "Carol Diaz", null),
                new SeatHolder(Kind.EMAIL, "dan@example.org", "Dan Brown", "dan@example.org"),
                new SeatHolder(Kind.GITHUB_USER, "erin", null, null),
                new SeatHolder(Kind.EMAIL, "security@example.org", null, "security@example.org")), holders);
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
