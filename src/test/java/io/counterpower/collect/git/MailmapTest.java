package io.counterpower.collect.git;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailmapTest {

    private static final Mailmap MAILMAP = Mailmap.parse("""
            # People who committed under several names and addresses
            Jane Doe <jane@corp.example>
            <jane@corp.example> <jane.doe@gmail.com>
            Joe Bloggs <joe@corp.example> <JOE@laptop.local>
            Joe Bloggs <joe@corp.example> Joey <joey@home.example>   # only for that name
            Someone Else <else@corp.example> <shared@example.org>
            Only Name Entry <shared@example.org> Robot <shared@example.org>
            this line has no address and is ignored
            """);

    @Test
    void nameOnlyEntryFixesTheNameAndKeepsTheEmail() {
        assertEquals(new Mailmap.Resolved("Jane Doe", "jane@corp.example"),
                MAILMAP.resolve("jane", "jane@corp.example"));
    }

    @Test
    void emailOnlyEntryReplacesTheEmailAndKeepsTheName() {
        assertEquals(new Mailmap.Resolved("J. Doe", "jane@corp.example"),
                MAILMAP.resolve("J. Doe", "jane.doe@gmail.com"));
    }

    @Test
    void nameAndEmailEntryMatchesTheCommitEmailCaseInsensitively() {
        assertEquals(new Mailmap.Resolved("Joe Bloggs", "joe@corp.example"),
                MAILMAP.resolve("joe", "joe@Laptop.LOCAL"));
    }

    @Test
    void entryNamingTheCommitNameAppliesOnlyToThatName() {
        assertEquals(new Mailmap.Resolved("Joe Bloggs", "joe@corp.example"),
                MAILMAP.resolve("JOEY", "joey@home.example"));
        assertEquals(new Mailmap.Resolved("Joseph", "joey@home.example"),
                MAILMAP.resolve("Joseph", "joey@home.example"));
    }

    @Test
    void entryNamingTheCommitNameWinsOverTheEmailOnlyEntry() {
        assertEquals(new Mailmap.Resolved("Only Name Entry", "shared@example.org"),
                MAILMAP.resolve("Robot", "shared@example.org"));
        assertEquals(new Mailmap.Resolved("Someone Else", "else@corp.example"),
                MAILMAP.resolve("Human", "shared@example.org"));
    }

    @Test
    void unknownIdentityIsUnchanged() {
        assertEquals(new Mailmap.Resolved("Max", "max@example.org"), MAILMAP.resolve("Max", "max@example.org"));
    }

    @Test
    void emptyOrBlankTextIsTheEmptyMailmap() {
        assertTrue(Mailmap.parse("").isEmpty());
        assertTrue(Mailmap.parse("# only a comment\n\n").isEmpty());
        assertTrue(Mailmap.parse(null).isEmpty());
    }
}
