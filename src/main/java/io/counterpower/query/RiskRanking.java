package io.counterpower.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A page of the risk ranking with everything a citation needs: the parameters, the methodology and
 * data versions, when the figures were generated, the query, the query that reproduces them and a
 * suggested citation. {@code snapshot} describes the stored ranking the page was read from (null
 * when a pinned request was computed on demand).
 */
record RiskRanking(List<RiskRow> items, int page, int size, long totalItems, String sort, LocalDate at,
                          String window, Instant asRecordedOn, int methodologyVersion, Long dataVersion,
                          Instant generatedAt, String query, String reproduce, String citation, SnapshotInfo snapshot) {

    /**
     * The stored ranking: its id, the data version it was computed from, the instant its facts were
     * read, when it was complete, whether the data has changed since (a refresh is then under way),
     * and how many projects were computed afresh rather than copied from the previous one.
     */
    record SnapshotInfo(long id, long dataVersion, Instant recordedOn, Instant generatedAt, boolean stale,
                               int recomputed) {
    }
}
