package io.counterpower.query;

import io.counterpower.indicator.IndicatorSeriesView;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An indicator series ({@link IndicatorSeriesView}) with the fields that make it citable. */
record CitedSeries(String project, LocalDate from, LocalDate to, String step, String window, List<String> kinds,
                          Instant asRecordedOn, int methodologyVersion, Long dataVersion, List<LocalDate> points,
                          List<IndicatorSeriesView.Series> indicators, Instant generatedAt, String query, String reproduce,
                          String citation) {

    static CitedSeries of(IndicatorSeriesView v, Provenance p) {
        return new CitedSeries(v.project(), v.from(), v.to(), v.step(), v.window(), v.kinds(), v.asRecordedOn(),
                v.methodologyVersion(), v.dataVersion(), v.points(), v.indicators(), p.generatedAt(), p.query(), p.reproduce(),
                p.citation());
    }
}
