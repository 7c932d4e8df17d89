package io.counterpower.contributor;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactVersions;
import io.counterpower.common.fact.FactWrite;
import io.counterpower.common.fact.Periods;
import io.counterpower.common.fact.SourceInput;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldError;
import io.counterpower.common.text.RequestText;
import io.counterpower.organisation.OrganisationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Enrolments as CSV, in one format for export and import, so that a round trip (export, import,
 * export) gives the same bytes: one row per current affiliation, ordered by contributor and start.
 */
@ApplicationScoped
public class EnrolmentCsv {
    static final List<String> COLUMNS = List.of("contributor", "name", "emails", "organisation", "independent", "from", "to", "role",
            "source.kind", "source.url", "source.note", "source.confidence");

    /** What a CSV import did. */
    public record Report(int rows, int created, int unchanged) {
    }

    @Inject
    EntityManager em;
    @Inject
    Caller caller;
    @Inject
    FactVersions facts;
    @Inject
    ChangeLog changes;
    @Inject
    OrganisationService organisations;

    private final CsvMapper csv = new CsvMapper();

    public String export() {
        List<Affiliation> all = Affiliation.list("supersededAt is null order by contributorId, validFrom nulls first, id");
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        StringWriter out = new StringWriter();
        try (var writer = csv.writer(schema.build()).writeValues(out)) {
            for (Affiliation a : all) {
                ContributorVersion c = facts.find(ContributorVersion.class, a.contributorId, null).orElse(null);
                writer.write(List.of(a.contributorId, c == null ? "" : RequestText.guard(c.displayName), String.join(";", emails(a.contributorId)),
                        a.organisationId == null ? "" : organisations.keyOf(a.organisationId), a.organisationId == null,
                        text(a.validFrom), text(a.validTo), RequestText.guard(a.role), a.sourceKind.code(), nz(a.sourceUrl), RequestText.guard(a.sourceNote),
                        a.confidence.code()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write CSV", e);
        }
        return out.toString();
    }

    /** Imports rows of the export format; identical current affiliations are left alone. */
    @Transactional
    public Report importCsv(String text) {
        caller.requireCurator();
        List<FieldError> errors = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader())
                .readValues(text)) {
            List<String> header = ((CsvSchema) it.getParser().getSchema()).getColumnNames();
            if (!new TreeSet<>(header).equals(new TreeSet<>(COLUMNS))) {
                throw ApiProblem.badRequest("line 1", "the columns must be " + COLUMNS);
            }
            while (it.hasNextValue()) {
                lines.add(it.getCurrentLocation().getLineNr());
                rows.add(it.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiProblem problem) {
                throw problem;
            }
            throw ApiProblem.badRequest("body", "is not CSV with the header " + COLUMNS);
        }
        int created = 0;
        int unchanged = 0;
        for (int i = 0; i < rows.size(); i++) {
            String where = "line " + lines.get(i);
            Map<String, String> row = rows.get(i);
            try {
                long contributor = Long.parseLong(row.get("contributor"));
                if (facts.find(ContributorVersion.class, contributor, null).isEmpty()) {
                    errors.add(new FieldError(where + ": contributor", "no contributor " + contributor + " is recorded"));
                    continue;
                }
                boolean independent = "true".equals(row.get("independent"));
                Long org = independent ? null : organisations.currentId(row.get("organisation")).orElse(null);
                if (!independent && org == null) {
                    errors.add(new FieldError(where + ": organisation", "no organisation '" + row.get("organisation") + "' is recorded"));
                    continue;
                }
                LocalDate from = date(row.get("from"));
                LocalDate to = date(row.get("to"));
                if (from != null && to != null && to.isBefore(from)) {
                    errors.add(new FieldError(where + ": to", "must be on or after from"));
                    continue;
                }
                SourceKind kind = SourceKind.of(row.get("source.kind"));
                Affiliation same = current(contributor, org, from, to, kind);
                if (same != null) {
                    unchanged++;
                    continue;
                }
                FactWrite write = caller.write(new SourceInput(kind, blank(row.get("source.url")), blank(RequestText.unguard(row.get("source.note"))),
                        Confidence.of(row.get("source.confidence"))), "CSV import", false);
                for (Affiliation other : Affiliation.<Affiliation>list("contributorId = ?1 and sourceTier = ?2 and supersededAt is null",
                        contributor, (short) kind.tier())) {
                    if (Periods.overlap(from, to, other.validFrom, other.validTo)) {
                        throw new ApiProblem(409, "Conflict", where + ": overlaps affiliation " + other.id + " of the same tier; nothing was imported",
                                List.of(new FieldError(where + ": from", "overlaps affiliation " + other.id)), Map.of());
                    }
                }
                Affiliation a = new Affiliation();
                a.id = facts.newFactId();
                a.contributorId = contributor;
                a.organisationId = org;
                a.validFrom = from;
                a.validTo = to;
                a.role = blank(RequestText.unguard(row.get("role")));
                facts.record(a, write);
                em.flush();
                created++;
            } catch (ApiProblem problem) {
                if (problem.status() == 409) {
                    throw problem;
                }
                errors.add(new FieldError(where, problem.getMessage()));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                errors.add(new FieldError(where, e.getMessage() == null ? "cannot be read" : e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(400, "Invalid import", errors.size() + " problem(s) in the import; nothing was imported", errors, Map.of());
        }
        Report report = new Report(rows.size(), created, unchanged);
        changes.record(ChangeLog.GLOBAL, "import", "affiliation", "csv", null, report, "CSV import");
        return report;
    }

    private Affiliation current(long contributor, Long org, LocalDate from, LocalDate to, SourceKind kind) {
        for (Affiliation a : Affiliation.<Affiliation>list("contributorId = ?1 and supersededAt is null", contributor)) {
            if (Objects.equals(a.organisationId, org) && Objects.equals(a.validFrom, from) && Objects.equals(a.validTo, to)
                    && a.sourceKind.tier() == kind.tier()) {
                return a;
            }
        }
        return null;
    }

    private Set<String> emails(long contributor) {
        @SuppressWarnings("unchecked")
        List<String> emails = em.createNativeQuery("""
                        select distinct lower(i.email) from identity i join identity_link l on l.id = i.id
                        where l.contributor_id = ?1 and l.superseded_at is null and i.email is not null""")
                .setParameter(1, contributor).getResultList();
        return new TreeSet<>(emails);
    }

    private static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : LocalDate.parse(value.trim());
    }

    private static String text(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
