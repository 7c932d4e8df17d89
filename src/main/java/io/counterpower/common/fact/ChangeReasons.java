package io.counterpower.common.fact;

import io.counterpower.common.problem.ApiProblem;

/**
 * Every edit, close and delete of a fact says why (issue 17): the reason is kept on the new version
 * and in the audit log that {@code /changes} shows. A create may leave it out.
 */
public final class ChangeReasons {
    private ChangeReasons() {
    }

    /** The reason given, trimmed; 400 naming {@code reason} when it is missing or blank. */
    public static String require(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.badRequest("reason", "is required for every edit, close or delete: say why the record changes");
        }
        return reason.trim();
    }
}
