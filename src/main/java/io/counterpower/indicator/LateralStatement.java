package io.counterpower.indicator;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.List;

/** Runs a single-date statement of the scope's methodology at every step in one round trip ({@link FactIndicators#lateral}). */
final class LateralStatement {
    private LateralStatement() {
    }

    static List<SqlRow> rows(EntityManager em, String name, FigureScope scope, Steps steps) {
        String inner = FactIndicators.lateral(IndicatorStatements.sql(scope.methodology(), name));
        Query q = em.createNativeQuery(inner);
        if (inner.contains(":project")) {
            q.setParameter("project", scope.projectId());
        }
        if (inner.contains(":asof")) {
            q.setParameter("asof", scope.recordedOn());
        }
        steps.bind(q);
        List<SqlRow> out = SqlRow.list(q);
        if (out.size() != steps.days.size()) {
            throw new IllegalStateException("expected " + steps.days.size() + " steps, got " + out.size());
        }
        return out;
    }

    /** The space-separated source URLs a statement's {@code sources} column lists, in its order. */
    static List<String> sources(SqlRow r) {
        String text = r.text("sources");
        return text == null || text.isBlank() ? List.of() : List.of(text.trim().split(" +"));
    }
}
