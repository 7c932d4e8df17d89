package io.counterpower.indicator;

import io.counterpower.common.time.Instants;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What an indicator is computed for: a project at the end of the UTC day {@code at}, over the window
 * (at - P, at], from the facts as recorded on {@code asOf} (null: as currently recorded).
 */
record FigureScope(long projectId, LocalDate at, Window window, Instant asOf, List<String> kinds,
                    Methodology.Version methodology) {

    FigureScope withAt(LocalDate day) {
        return new FigureScope(projectId, day, window, asOf, kinds, methodology);
    }

    FigureScope withWindow(Window w) {
        return new FigureScope(projectId, at, w, asOf, kinds, methodology);
    }

    FigureScope withKinds(List<String> k) {
        return new FigureScope(projectId, at, window, asOf, k, methodology);
    }

    /** The last day outside the window. */
    LocalDate lastDayBefore() {
        return window.lastDayBefore(at);
    }

    /** Exclusive lower instant of the window. */
    OffsetDateTime lo() {
        return Instants.endOfDay(lastDayBefore()).atOffset(ZoneOffset.UTC);
    }

    /** Inclusive upper instant of the window. */
    OffsetDateTime hi() {
        return Instants.endOfDay(at).atOffset(ZoneOffset.UTC);
    }

    /** The instant the facts are read "as recorded on"; now when none is pinned. */
    OffsetDateTime recordedOn() {
        return (asOf == null ? Instants.now() : asOf).atOffset(ZoneOffset.UTC);
    }
}
