package io.counterpower.indicator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The indicator statements of each methodology version (METHODOLOGY.md section 8, "a version pins the
 * indicator statements themselves"): {@code methodology/v<N>/<name>.sql}, one folder per version, each
 * complete (a frozen version is a copy, never a reference to a newer one). Each file opens with one
 * comment line per output column naming the indicators it feeds and the METHODOLOGY line it implements;
 * the engine reads the columns by alias ({@link SqlRow}). A statement may include a fragment of its own
 * version's folder with a line {@code \ir <name>.sql} (psql's include, relative to the file), so that two
 * statements of a version share their common part written once (issue #22: v2's contribution and
 * contribution-current end with contribution-figures.sql).
 */
final class IndicatorStatements {
    /** The statements every version ships. */
    static final List<String> NAMES = List.of("contribution", "contribution-current", "disputed", "seats", "flags", "funding",
            "license", "adoption");

    /** The statements a version ships beside {@link #NAMES}. */
    static List<String> names(int version) {
        return version >= 2 ? Stream.concat(NAMES.stream(), Stream.of(COLLECTED_THROUGH, WALKAWAY, ForkIndicators.STATEMENT, COMPOST, BODIES, DISPUTED_FACTS)).toList() : NAMES;
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
    /** Version 2: figures that read a governance, funding, license or adoption fact under an open dispute (METHODOLOGY.md section 2). */
    static final String DISPUTED_FACTS = "disputed-facts";

    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    private IndicatorStatements() {
    }

    /** An include line: {@code \ir <name>.sql}, a fragment of the same version's folder. */
    private static final Pattern INCLUDE = Pattern.compile("^\\\\ir ([a-z0-9-]+)\\.sql$");

    /**
     * The statement of a methodology version as sent to PostgreSQL: the resource with its includes replaced
     * by the fragments' text, without whole-line comments.
     */
    static String sql(Methodology.Version version, String name) {
        return sql(version.number(), name);
    }

    static String sql(int version, String name) {
        return TEXTS.computeIfAbsent(version + "/" + name, k -> text(version, name));
    }

    /** Not cached: a cache's computeIfAbsent must not recurse into the same cache. */
    private static String text(int version, String name) {
        return resource(version, name).lines()
                .filter(l -> !l.stripLeading().startsWith("--"))
                .map(l -> {
                    Matcher include = INCLUDE.matcher(l.strip());
                    return include.matches() ? text(version, include.group(1)) : l;
                })
                .collect(Collectors.joining("\n"));
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
