package io.counterpower.common.fact;

import java.time.Instant;

/** When this version of a fact was recorded and, if it is no longer current, when it was superseded. */
public record VersionInfo(long revision, Instant recordedAt, Instant supersededAt, String reason) {
    public static VersionInfo of(VersionedFact fact) {
        return new VersionInfo(fact.rowId, fact.recordedAt, fact.supersededAt, fact.changeReason);
    }
}
