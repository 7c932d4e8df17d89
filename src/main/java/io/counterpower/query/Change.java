package io.counterpower.query;

import java.time.Instant;
import java.util.List;

/**
 * A correction to a recorded fact, as the public errata feed shows it: which fact, what it said
 * before and after (an email address is left out, as in every public read), the fields that
 * differ, when, the reason its author gave, and which published figures it touches.
 *
 * @param action {@code update} (a new version), {@code close} (withdrawn), {@code merge} or
 *               {@code unmerge} (contributors found to be one person, or not)
 */
record Change(long id, Instant at, String action, String kind, String factId, Object before, Object after,
                     List<String> changedFields, String reason, Affects affects) {

    /**
     * The figures that depend on the fact: {@code scope} is {@code project} for a project's own
     * facts and {@code global} for shared ones (organisations, contributors, affiliations), which
     * may feed any project; {@code projects} are the projects whose figures it can change, traced
     * directly or through an organisation (and its subsidiaries), a person or an identity (empty for a
     * change of the default methodology, which concerns every project), {@code indicators} the
     * indicator ids of the methodology that read that kind of fact, with {@code capture_risk} and
     * {@code stage} when they do.
     */
    record Affects(String scope, List<String> projects, List<String> indicators) {
    }
}
