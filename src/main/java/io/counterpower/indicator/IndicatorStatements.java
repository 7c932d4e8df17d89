package io.counterpower.indicator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The indicator statements of each methodology version (METHODOLOGY.md section 8, "a version pins the
 * indicator statements themselves"): {@code methodology/v<N>/<name>.sql}, one folder per version, each
 * complete (a frozen version is a copy, never a reference to a newer one). Each file opens with one
 * comment line per output column naming the indicators it feeds and the METHODOLOGY line it implements;
 * the engine reads the columns by alias ({@link SqlRow}).
 */
final class IndicatorStatements {
    /** The statements every version ships. */
    static final List<String> NAMES = List.of("contribution", "contribution-current", "disputed", "seats", "flags", "funding",
            "license", "adoption");

    /** The statements a version ships beside {@link #NAMES}. */
    static List<String> names(int version) {
        return version >= 2 ? Stream.concat(NAMES.stream(), Stream.of(COLLECTED_THROUGH, WALKAWAY, ForkIndicators.STATEMENT, COMPOST, BODIES)).toList() : NAMES;
    }

    /**
     * The statements the stage assessment reads beside the indicators (every version ships them): the
     * project's origin, and the counter-power profile's training openness and benchmark position. Their
     * column lines name the assessment field they feed rather than an indicator.
     */
    static final List<String> ASSESSMENT = List.of("assessment-origin", "assessment-training", "assessment-benchmark");

    /** Version 2: how far the project's collection reaches (METHODOLOGY.md section 3, "Collected through"). */
    static final String COLLECTED_THROUGH = "collected-through";

    /** Version 2: the people outside the top organisation who merged (METHODOLOGY.md section 7, "Walk-away"). */
    static final String WALKAWAY = "walkaway";
    /** Version 2: the compost heap and governance over-representation per body (METHODOLOGY.md section 7). */
    static final String COMPOST = "compost", BODIES = "bodies";

    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    private IndicatorStatements() {
    }

    /** The statement of a methodology version as sent to PostgreSQL: the resource without its whole-line comments. */
    static String sql(Methodology.Version version, String name) {
        return sql(version.number(), name);
    }

    static String sql(int version, String name) {
        return TEXTS.computeIfAbsent(version + "/" + name, k -> resource(version, name).lines()
                .filter(l -> !l.stripLeading().startsWith("--"))
                .collect(Collectors.joining("\n")));
    }

    /** The resource as written, with its opening comment. */
    static String resource(int version, String name) {
        String path = path(version, name);
        try (InputStream in = IndicatorStatements.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No indicator statement " + path + " is packaged");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    static String path(int version, String name) {
        return "methodology/v" + version + "/" + name + ".sql";
    }

    /** One of the version's assessment statements (methodology/v&lt;N&gt;/assessment-*.sql), its rows read by alias. */
    static List<SqlRow> assessmentRows(jakarta.persistence.EntityManager em, FigureScope scope, String name) {
        String sql = sql(scope.methodology(), name);
        jakarta.persistence.Query q = em.createNativeQuery(sql).setParameter("project", scope.projectId())
                .setParameter("asof", scope.recordedOn());
        if (sql.contains(":day")) {
            q.setParameter("day", scope.at());
        }
        return SqlRow.list(q);
    }
}
