package io.counterpower.indicator;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
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
    @Inject
    Methodology methodology;

    @Test
    @ActivateRequestContext
    void eachPointIsTheAssessmentOfItsDate() {
        for (Window window : List.of(Window.P12M, Window.P24M)) {
            SeriesQuery query = new SeriesQuery(LocalDate.of(2022, 1, 1), LocalDate.of(2026, 6, 30), Step.QUARTER, window, null,
                    FigureQuery.DEFAULT_KINDS, methodology.latest(), List.of("license_restrictiveness"));
            IndicatorSeriesView series = indicators.series("terraform", query);
            List<AssessmentService.StagePoint> stages = assessments.stages(series, query);
            assertEquals(series.points(), stages.stream().map(AssessmentService.StagePoint::at).toList());
            Set<String> seen = new LinkedHashSet<>();
            for (AssessmentService.StagePoint p : stages) {
                StageAssessment a = assessments.assess("terraform", FigureQuery.of(p.at(), window, null, methodology.latest()));
                assertEquals(a.stage(), p.stage(), "stage at " + p.at() + " " + window);
                assertEquals(a.captureRisk(), p.captureRisk(), "capture risk at " + p.at() + " " + window);
                seen.add(p.stage());
            }
            assertTrue(seen.size() > 1, "terraform's relicensing moves its stage within the series: " + seen);
        }
    }
}
