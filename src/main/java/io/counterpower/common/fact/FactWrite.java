package io.counterpower.common.fact;

import io.counterpower.common.problem.ApiProblem;

import java.time.Instant;

/**
 * Everything a write records besides the fact itself: its source (after the caller's scope has
 * been applied), the moment, the key that made it and the reason given.
 */
public record FactWrite(FactSource source, Instant at, Long keyId, String reason) {

    /**
     * A self-reported write replaces only a self-reported record (METHODOLOGY.md section 2; issue
     * 17): never a curator's, an import's, a reference dataset's or a collector's.
     */
    public void checkMayReplace(VersionedFact current) {
        if (current.sourceKind != SourceKind.SELF_REPORTED && source.kind() == SourceKind.SELF_REPORTED) {
            throw ApiProblem.forbidden("This record's source is " + current.sourceKind.code()
                    + "; a self-reported write cannot replace it (a steward edits only self-reported records)");
        }
    }
}
