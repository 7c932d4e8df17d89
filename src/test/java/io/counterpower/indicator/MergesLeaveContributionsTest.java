package io.counterpower.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.counterpower.support.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/scaling.md: identity merges never rewrite contribution rows (contributions are distributed by project,
 * identities and contributors are reference tables), and attribution follows the merge. A merge and its undo
 * leave every contribution row of the project as it was (id, identity, recorded and superseded instants),
 * while the figures follow the merged person.
 */
@QuarkusTest
class MergesLeaveContributionsTest {

    private static String rows(long projectId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) Dataset.em().createNativeQuery("""
                        select string_agg(c.id || ':' || c.identity_id || ':' || c.recorded_at || ':' || coalesce(cast(c.superseded_at as text), '-'),
                                          ',' order by c.id)
                        from contribution c where c.project_id = ?1""")
                .setParameter(1, projectId).getSingleResult());
    }

    private static Object active(String slug) {
        return ContributionIndicatorsTest.value(ContributionIndicatorsTest.indicators(slug,
                Map.of("at", "2024-06-30", "names", "contributors_active")), "contributors_active");
    }

    @Test
    void aMergeAndItsUndoLeaveEveryContributionRowAsItWasWhileTheFiguresFollowThePerson() {
        Dataset d = Dataset.project("community");
        long a = Dataset.person(), b = Dataset.person();
        d.contribute(a, "2024-02-01", 3).contribute(b, "2024-03-01", 2);
        String before = rows(d.projectId);
        assertEquals(2, ((Number) active(d.slug)).intValue());

        long merge = admin().body(Map.of("into", a, "from", b, "reason", "the same person, two addresses"))
                .post("/api/v1/contributor-merges").then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(before, rows(d.projectId), "a merge rewrites no contribution row");
        assertEquals(1, ((Number) active(d.slug)).intValue(), "the figures count the merged person once");

        admin().body(Map.of("reason", "two people after all")).post("/api/v1/contributor-merges/" + merge + "/undo")
                .then().statusCode(200);
        assertEquals(before, rows(d.projectId), "an undo rewrites no contribution row");
        assertEquals(2, ((Number) active(d.slug)).intValue());
    }
}
