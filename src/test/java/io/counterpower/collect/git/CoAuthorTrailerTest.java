package io.counterpower.collect.git;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which {@code Co-authored-by} lines count: trailers of the last paragraph only. */
class CoAuthorTrailerTest {

    private final CommitDecoder decoder = new CommitDecoder(Mailmap.parse("Erin Park <erin@acme.example> <erin@home.example>\n"));
    private final GitIdentity author = decoder.identify("Dan", "dan@example.org");

    private List<String> coAuthorEmails(String message) {
        return decoder.coAuthors(message, author).stream().map(GitIdentity::email).toList();
    }

    @Test
    void trailersOfTheLastParagraphCountAndAreMailmapped() {
        assertEquals(List.of("erin@acme.example", "frank@example.org"), coAuthorEmails("""
                Fix the tokenizer

                Co-authored-by: Erin <erin@home.example>
                Signed-off-by: Dan <dan@example.org>
                Co-authored-by: Frank <frank@example.org>
                """));
    }

    @Test
    void aSingleParagraphMessageIsATitleAndHasNoTrailers() {
        // git: "The first paragraph is the title and cannot be trailers" (trailer.c).
        assertEquals(List.of(),
                coAuthorEmails("Fix the tokenizer\nCo-authored-by: Frank <frank@example.org>"));
    }

    @Test
    void aMentionInProseIsNotATrailer() {
        assertEquals(List.of(), coAuthorEmails("""
                Fix the tokenizer

                Co-authored-by: Frank <frank@example.org>

                Frank helped; see the thread for details.
                """));
        assertEquals(List.of(), coAuthorEmails("""
                Fix the tokenizer

                We used to write Co-authored-by: Frank <frank@example.org> here.
                """));
    }

    @Test
    void aTrailingCommentAndANameAloneInBracketsAreCoAuthorsAsGitReadsThem() {
        // As `git log --format='%(trailers:key=Co-authored-by)'` lists them: redis's "(styling)" comment after the
        // address, and mlx's "<Awni Hannun>" with no address, which is kept by name.
        List<GitIdentity> people = decoder.coAuthors("""
                Fix the tokenizer

                Co-authored-by: Frank <frank@example.org> (styling)
                Co-authored-by: <Awni Hannun>
                Co-authored-by: Dan <dan@example.org> (the author himself)
                """, author);
        assertEquals(List.of("frank@example.org", ""), people.stream().map(GitIdentity::email).toList());
        assertEquals(List.of("Frank", "Awni Hannun"), people.stream().map(GitIdentity::name).toList());
    }

    @Test
    void aNameAloneIsAPersonAndAnEmptyValueIsNoOne() {
        List<GitIdentity> people = decoder.coAuthors("""
                Fix the tokenizer

                Co-authored-by: <>
                Co-authored-by: Frank
                co-authored-by: frank
                """, author);
        assertEquals(List.of("Frank", "frank"), people.stream().map(GitIdentity::name).toList());
        assertEquals(List.of("", ""), people.stream().map(GitIdentity::email).toList());
    }

    @Test
    void theTwoNoreplyAddressesOfOneAccountAreOnePersonAndTheAuthorIsDropped() {
        GitIdentity noreplyAuthor = decoder.identify("Awni", "45471420+awni@users.noreply.github.com");
        List<GitIdentity> people = decoder.coAuthors("""
                Fix the tokenizer

                Co-authored-by: Awni Hannun <awni@users.noreply.github.com>
                Co-authored-by: Angelos <123+angeloskath@users.noreply.github.com>
                Co-authored-by: Angelos Katharopoulos <angeloskath@users.noreply.github.com>
                """, noreplyAuthor);
        assertEquals(List.of("123+angeloskath@users.noreply.github.com"), people.stream().map(GitIdentity::email).toList());
    }
}
