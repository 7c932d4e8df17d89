package io.counterpower.common.fact;

import io.counterpower.common.problem.ApiProblem;

/**
 * A fact's revision travels as an ETag; a write may send If-Match to make sure it edits the version
 * it read (optimistic locking: a concurrent edit gives 412 instead of a lost update).
 */
public final class Revisions {
    private Revisions() {
    }

    static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    public static void checkIfMatch(String ifMatch, VersionedFact current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return;
        }
        String expected = etag(current.rowId);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(expected)) {
                return;
            }
        }
        throw ApiProblem.preconditionFailed("The fact changed since it was read: its current revision is "
                + expected + "; read it again and retry");
    }
}
