package io.counterpower.openness;

import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.VersionInfo;

import java.util.List;

/**
 * A model's openness profile (METHODOLOGY.md section 6): every component in the methodology's
 * order, and the overall {@code openness} value of section 3.
 */
record OpennessProfile(String project, List<Component> components, Openness openness) {

    /**
     * One component: its recorded status, or {@code unknown} with no fact behind it ({@code id},
     * {@code note}, {@code source} and {@code version} null) when nothing is recorded. When several
     * facts rate it (the service's own record and the imported ratings of the European Open Source AI
     * Index and the Model Openness Tool), {@code ratings} lists every one, {@code id}, {@code note},
     * {@code source} and {@code version} are null, and the status is theirs when they agree, else
     * {@code disputed}, counted as partial (METHODOLOGY.md section 6).
     */
    record Component(String component, String status, Long id, String note, FactSource source, VersionInfo version,
                            List<Rating> ratings) {
    }

    /** One fact that rates a component: its rater (null for the service's own record) and status. */
    record Rating(String rater, String status, long id, String note, FactSource source, VersionInfo version) {
    }

    /**
     * The mean status over the components whose status is known (open 1, partial 0.5, closed 0);
     * {@code value} is null, never 0, when none is known. {@code coverage} is the share of the
     * components known, {@code n} their number.
     */
    record Openness(Double value, double coverage, int n, String methodologyVersion) {
    }
}
