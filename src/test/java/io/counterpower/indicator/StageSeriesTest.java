package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stages of a series (the bands of the charts) are the assessment of each date, computed in one batch. */
@QuarkusTest
class StageSeriesTest {
    @Inject
    IndicatorService indicators;
    @Inject
    AssessmentService assessments;

    @Test
    @ActivateRequestContext
    void eachPointIsTheAssessmentOfItsDate() {
        for (String window : List.of("P12M", "P24M")) {
            IndicatorSeriesView series = indicators.series("terraform", "license_restrictiveness", "2022-01-01", "2026-06-30",
                    "quarter", window, null, null, null);
            List<AssessmentService.StagePoint> stages = assessments.stages(series);
            assertEquals(series.points(), stages.stream().map(AssessmentService.StagePoint::at).toList());
            Set<String> seen = new LinkedHashSet<>();
            for (AssessmentService.StagePoint p : stages) {
                StageAssessment a = assessments.assess("terraform", p.at().toString(), null, window, null);
                assertEquals(a.stage(), p.stage(), "stage at " + p.at() + " " + window);
                assertEquals(a.captureRisk(), p.captureRisk(), "capture risk at " + p.at() + " " + window);
                seen.add(p.stage());
            }
            assertTrue(seen.size() > 1, "terraform's relicensing moves its stage within the series: " + seen);
        }
    }
}
