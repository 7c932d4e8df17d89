package io.counterpower.common.fact;

import io.counterpower.common.problem.ApiProblem;

import java.time.Instant;

/**
 * Everything a write records besides the fact itself: its source (after the caller's scope has
 * been applied), the moment, the key that made it and the reason given.
 */
public record FactWrite(FactSource source, Instant at, Long keyId, String reason) {

    /** A self-reported write never replaces a manual fact (METHODOLOGY.md section 2). */
    public void checkMayReplace(VersionedFact current) {
        if (current.sourceKind == SourceKind.MANUAL && source.kind() == SourceKind.SELF_REPORTED) {
            throw ApiProblem.forbidden("This fact was recorded manually by a curator; a self-reported write cannot replace it");
        }
    }
}
