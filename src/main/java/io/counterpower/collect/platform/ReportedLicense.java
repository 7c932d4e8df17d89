package io.counterpower.collect.platform;

import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.license.LicensePeriod;
import io.counterpower.collect.CollectionRun;
import io.counterpower.license.ExpressionLevel;
import io.counterpower.license.LicenseExpressions;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/**
 * A license a platform reports for an artifact today (GitHub's repository license, a model card's
 * license), recorded as a license period (METHODOLOGY.md section 2). A platform says what the terms
 * are now, not since when, so:
 * <ul>
 * <li>an artifact with no period yet gets an {@code initial} period from the day the repository or
 *     model was created;</li>
 * <li>an artifact whose latest period has the same expression is left alone;</li>
 * <li>an artifact whose latest period is this platform's own, with other terms, gets a
 *     {@code relicense} period from the day of the collection (the change happened on or before it);</li>
 * <li>an artifact whose latest period comes from another source (a curator, the git history, the
 *     reference dataset) is left alone: the disagreement is a warning for a curator, never an
 *     override.</li>
 * </ul>
 */
public final class ReportedLicense {

    /** What happened to the reported license. */
    enum Outcome { ADDED, SAME, DISAGREES }

    /** The outcome, with the latest period's expression and source when they disagree. */
    public record Result(Outcome outcome, String latestExpression, String latestSource) {

        /**
         * Counts an added period on the run, or warns of a disagreement, e.g. "{@code <page>: GitHub
         * reports the license MIT, the latest recorded period of the code says …}".
         */
        public void reportTo(CollectionRun run, String page, String reported, String expression, String artifact) {
            if (outcome == Outcome.ADDED) {
                run.licensePeriods(1, 0);
            } else if (outcome == Outcome.DISAGREES) {
                run.warn(page + ": " + reported + " " + expression + ", the latest recorded period of the " + artifact
                        + " says " + latestExpression + " (source " + latestSource + "); left as recorded");
            }
        }
    }

    private final LicenseExpressions expressions;
    private final String catalogVersion;

    public ReportedLicense(LicenseExpressions expressions, String catalogVersion) {
        this.expressions = expressions;
        this.catalogVersion = catalogVersion;
    }

    /**
     * @param created the day the repository or model was created: the start of an initial period
     * @param today   the day of the collection: the start of a relicense period
     */
    public Result record(Connection c, long projectId, String artifact, String expression, LocalDate created,
                         LocalDate today, String sourceKind, String sourceUrl, String sourceNote) throws SQLException {
        String latestExpression = null;
        String latestSource = null;
        LocalDate latestFrom = null;
        try (PreparedStatement s = c.prepareStatement("""
                select expression, source_kind, valid_from from license_period
                where project_id = ? and artifact = ? and artifact_name = '' and superseded_at is null
                order by valid_from desc, row_id desc limit 1""")) {
            s.setLong(1, projectId);
            s.setString(2, artifact);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    latestExpression = r.getString(1);
                    latestSource = r.getString(2);
                    latestFrom = r.getDate(3).toLocalDate();
                }
            }
        }
        if (latestExpression == null) {
            insert(c, projectId, artifact, expression, created, "initial", sourceKind, sourceUrl, sourceNote,
                    "As the platform reports it; it does not say since when, so the period starts when the "
                            + "repository was created.");
            return new Result(Outcome.ADDED, null, null);
        }
        if (latestExpression.equalsIgnoreCase(expression)) {
            return new Result(Outcome.SAME, latestExpression, latestSource);
        }
        if (sourceKind.equals(latestSource) && today.isAfter(latestFrom)) {
            insert(c, projectId, artifact, expression, today, "relicense", sourceKind, sourceUrl, sourceNote,
                    "The platform reported " + latestExpression + " before and reports " + expression
                            + " now; the change happened on or before this day.");
            return new Result(Outcome.ADDED, latestExpression, latestSource);
        }
        return new Result(Outcome.DISAGREES, latestExpression, latestSource);
    }

    private void insert(Connection c, long projectId, String artifact, String expression, LocalDate from, String changeKind,
                        String sourceKind, String sourceUrl, String sourceNote, String note) throws SQLException {
        ExpressionLevel level = expressions.evaluate(expression);
        LicensePeriod.VERSIONS.batch()
                .add(null, new FactSource(SourceKind.of(sourceKind), sourceUrl, sourceNote, Confidence.VERIFIED), null,
                        projectId, artifact, expression, from, "day", changeKind, null, null, note,
                        level.level() == null ? null : level.level().shortValue(), (short) level.lowerBound(),
                        (short) level.upperBound(), catalogVersion, null)
                .write(c);
    }
}
