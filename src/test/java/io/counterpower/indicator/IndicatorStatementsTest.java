package io.counterpower.indicator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.counterpower.indicator.Dataset.em;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every indicator statement of every methodology version (methodology/v&lt;N&gt;/*.sql) opens with one
 * comment line per column it returns, naming the indicators the column feeds and the METHODOLOGY line it
 * implements, so that a newcomer can trace a figure from the API to the rule. The columns are those
 * PostgreSQL actually returns (the statement is run), and the indicators are those the version defines.
 */
@QuarkusTest
class IndicatorStatementsTest {
    static final Pattern COLUMN = Pattern.compile("^-- column ([a-z0-9_]+): ([a-z0-9_, ]+?) \\| METHODOLOGY (.+)$");

    @Inject
    Methodology methodology;

    @Test
    void everyColumnOfEveryStatementNamesItsIndicatorsAndMethodologyLine() {
        assertEquals(Set.of(1, 2), methodology.all().keySet(), "a new version ships its own folder of statements");
        for (Methodology.Version v : methodology.all().values()) {
            Set<String> indicators = indicators(v);
            for (String name : IndicatorStatements.names(v.number())) {
                String file = IndicatorStatements.path(v.number(), name);
                String text = IndicatorStatements.resource(v.number(), name);
                assertTrue(text.startsWith("-- Methodology version " + v.number() + ": "), file + " opens by naming its version");
                Map<String, String> declared = new LinkedHashMap<>();
                for (String line : text.lines().takeWhile(l -> l.startsWith("--")).toList()) {
                    if (!line.startsWith("-- column ")) {
                        continue;
                    }
                    Matcher m = COLUMN.matcher(line);
                    assertTrue(m.matches(), file + ": a column line reads '-- column <alias>: <indicators> | METHODOLOGY <section ...>': " + line);
                    for (String indicator : m.group(2).split(",\\s*")) {
                        assertTrue(indicators.contains(indicator), file + ": column " + m.group(1) + " names '" + indicator
                                + "', which methodology version " + v.number() + " does not define");
                    }
                    assertTrue(m.group(3).startsWith("section "), file + ": column " + m.group(1) + " names a METHODOLOGY section");
                    assertFalse(declared.containsKey(m.group(1)), file + ": column " + m.group(1) + " is described twice");
                    declared.put(m.group(1), m.group(2));
                }
                assertEquals(new TreeSet<>(declared.keySet()), new TreeSet<>(columns(v, name)),
                        file + ": the opening comment describes exactly the columns the statement returns");
            }
        }
    }

    @Test
    void theAssessmentStatementsOfEveryVersionNameTheFieldTheyFeedAndTheirMethodologyLine() {
        for (Methodology.Version v : methodology.all().values()) {
            Set<String> fields = new TreeSet<>();
            v.counterPower().fieldNames().forEachRemaining(fields::add);
            fields.add("origin");
            for (String name : IndicatorStatements.ASSESSMENT) {
                String file = IndicatorStatements.path(v.number(), name);
                String text = IndicatorStatements.resource(v.number(), name);
                assertTrue(text.startsWith("-- Methodology version " + v.number() + ": "), file + " opens by naming its version");
                assertFalse(text.contains(v.number() == 1 ? "v2/" : "v1/"), file + " refers to another version's files");
                Map<String, String> declared = new LinkedHashMap<>();
                for (String line : text.lines().takeWhile(l -> l.startsWith("--")).filter(l -> l.startsWith("-- column ")).toList()) {
                    Matcher m = COLUMN.matcher(line);
                    assertTrue(m.matches(), file + ": a column line reads '-- column <alias>: <field> | METHODOLOGY <section ...>': " + line);
                    assertTrue(fields.contains(m.group(2)), file + ": column " + m.group(1) + " names '" + m.group(2)
                            + "', which is neither the origin nor a requirement of version " + v.number() + "'s counter-power profile");
                    assertTrue(m.group(3).startsWith("section "), file + ": column " + m.group(1) + " names a METHODOLOGY section");
                    declared.put(m.group(1), m.group(2));
                }
                assertEquals(new TreeSet<>(declared.keySet()), new TreeSet<>(assessmentColumns(v, name)),
                        file + ": the opening comment describes exactly the columns the statement returns");
            }
        }
    }

    /** The column labels an assessment statement returns, from its result's metadata (it may return no row). */
    private static List<String> assessmentColumns(Methodology.Version v, String name) {
        return QuarkusTransaction.requiringNew().call(() -> em().unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            String sql = IndicatorStatements.sql(v, name).replace(":project", "-1").replace(":asof", "now()")
                    .replace(":day", "date '2024-12-31'");
            try (var s = c.createStatement(); var r = s.executeQuery(sql)) {
                List<String> out = new ArrayList<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    out.add(r.getMetaData().getColumnLabel(i));
                }
                return out;
            }
        }));
    }

    @Test
    void versionTwosContributionStatementsShareTheirFiguresThroughAnInclude() {
        // Issue #22: the ~100 lines of figures are written once (contribution-figures.sql) and sent resolved.
        String figures = IndicatorStatements.sql(2, "contribution-figures");
        for (String name : List.of("contribution", "contribution-current")) {
            assertTrue(IndicatorStatements.resource(2, name).contains("\n\\ir contribution-figures.sql"), name + " includes the figures");
            String sent = IndicatorStatements.sql(2, name);
            assertFalse(sent.contains("\\ir "), name + " is sent with its include resolved");
            assertTrue(sent.endsWith(figures), name + " ends with the shared figures");
        }
        for (String name : IndicatorStatements.NAMES) {
            assertFalse(IndicatorStatements.resource(1, name).contains("\\ir "), "version 1 is frozen, a complete copy: " + name);
        }
    }

    @Test
    void versionTwoCallsTheAttributionRuleInsteadOfWritingItOut() {
        // Issue #22: which affiliation holds on a day (tier, then oldest record) is affiliation_on / affiliations_on, and
        // the roll-up to the top-level parent is top_organisation_on / top_organisations (migrations V064-V066, whose two
        // forms AttributionRuleFormsTest holds equal). A statement that picks an affiliation by tier or follows parent
        // periods itself is another text of the rule, free to drift.
        for (String name : IndicatorStatements.names(2)) {
            String sql = IndicatorStatements.sql(2, name).toLowerCase(java.util.Locale.ROOT);
            assertFalse(sql.contains("source_tier"), name + " picks an affiliation by source tier itself: call affiliation_on or affiliations_on");
            assertFalse(sql.contains("with recursive"), name + " rolls organisations up itself: call top_organisation_on or top_organisations");
            assertFalse(Pattern.compile("join organisation_parent \\w+ on \\w+\\.organisation_id\\b").matcher(sql).find(),
                    name + " follows parent periods itself: call top_organisation_on or top_organisations");
        }
    }

    @Test
    void versionOneStatementsAreACompleteFolderOfTheirOwn() {
        // Frozen means frozen: version 1 does not refer to version 2's files, and version 2 does not borrow version 1's.
        for (String name : IndicatorStatements.NAMES) {
            assertFalse(IndicatorStatements.resource(1, name).contains("v2/"), name);
            assertFalse(IndicatorStatements.resource(2, name).contains("v1/"), name);
        }
    }

    /** The indicator ids of a version and the gate inputs its assessment reads (company_restrictive_*). */
    private static Set<String> indicators(Methodology.Version v) {
        Set<String> out = new TreeSet<>(v.indicatorIds());
        v.document().findValues("indicator").forEach(n -> {
            if (n.isTextual()) {
                out.add(n.asText());
            }
        });
        out.remove("origin");
        return out;
    }

    /** The column labels the statement returns for one step, on a project id no fixture uses. */
    private static List<String> columns(Methodology.Version v, String name) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String sql = IndicatorStatements.sql(v, name);
            boolean single = name.equals(IndicatorStatements.COLLECTED_THROUGH), stepped = sql.contains(":days");
            String text = stepped || single ? sql : FactIndicators.lateral(sql);
            Query q = em().createNativeQuery(text);
            q.setParameter("project", -1L);
            q.setParameter("asof", OffsetDateTime.now(ZoneOffset.UTC));
            if (text.contains(":kinds")) {
                q.setParameter("kinds", List.of("commit"));
            }
            if (!single) {
                new Steps(List.of(LocalDate.of(2024, 12, 31)), Window.P12M).withTopOrgs(java.util.Collections.singletonList(null)).bind(q);
            }
            List<SqlRow> rows = SqlRow.list(q);
            assertEquals(1, rows.size(), name + ": one row per step");
            return new ArrayList<>(rows.get(0).columns());
        });
    }
}
