package io.counterpower.contributor;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.counterpower.common.fact.Provenance;
import io.counterpower.common.audit.ChangeLog;
import io.counterpower.common.auth.Caller;
import io.counterpower.common.fact.Confidence;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.fact.FactVersions;
import io.counterpower.common.fact.Periods;
import io.counterpower.common.fact.SourceInput;
import io.counterpower.common.fact.SourceKind;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldError;
import io.counterpower.common.text.RequestText;
import io.counterpower.common.time.Instants;
import io.counterpower.organisation.OrganisationService;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Enrolments as CSV, in one format for export and import, so that a round trip (export, import,
 * export) gives the same bytes: one row per current affiliation, ordered by contributor and start.
 */
@ApplicationScoped
class EnrolmentCsv {
    static final List<String> COLUMNS = List.of("contributor", "name", "emails", "organisation", "independent", "from", "to", "role",
            "source.kind", "source.url", "source.note", "source.quote", "source.confidence");
    /** The columns before sources carried their quote (issue #20 part 7): still read, the quote left empty. */
    private static final List<String> COLUMNS_WITHOUT_QUOTE = COLUMNS.stream().filter(c -> !c.equals("source.quote")).toList();

    /** What a CSV import did. */
    record Report(int rows, int created, int unchanged) {
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
    @Inject
    EnrolmentStaging staging;
    @Inject
    ImportLimits limits;

    private final CsvMapper csv = new CsvMapper();

    /**
     * Every current affiliation. The emails column is filled for curator and admin keys only:
     * addresses are personal data, shown to nobody else in any representation (issue 17).
     */
    String export() {
        boolean withEmails = caller.isCurator();
        List<Affiliation> all = Affiliation.list("supersededAt is null order by contributorId, validFrom nulls first, id");
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        StringWriter out = new StringWriter();
        try (var writer = csv.writer(schema.build()).writeValues(out)) {
            for (Affiliation a : all) {
                ContributorVersion c = facts.find(ContributorVersion.class, a.contributorId, null).orElse(null);
                writer.write(List.of(a.contributorId, c == null ? "" : RequestText.guard(c.displayName), withEmails ? String.join(";", emails(a.contributorId)) : "",
                        a.organisationId == null ? "" : organisations.keyOf(a.organisationId), a.organisationId == null,
                        text(a.validFrom), text(a.validTo), RequestText.guard(a.role), a.sourceKind.code(),
                        nz(FactSource.of(a).forReader().url()), RequestText.guard(FactSource.of(a).forReader().note()),
                        RequestText.guard(a.sourceQuote), a.confidence.code()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write CSV", e);
        }
        return out.toString();
    }

    /**
     * Imports rows of the export format; identical current affiliations are left alone. The body is
     * read as a stream and checked as a whole against the recorded data (see {@link EnrolmentStaging});
     * each row is then judged in line order, as if rows were recorded one after the other: the
     * first problem of a row is reported, a row overlapping a current affiliation of its tier (or
     * an earlier row of the import) is a 409, and a row repeating an earlier one is an error.
     */
    Report importCsv(Reader body, String reason) {
        String why = reason == null || reason.isBlank() ? "CSV import" : reason.trim();
        caller.requireCurator();
        List<RowReading> readings = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader())
                .readValues(body)) {
            List<String> header = ((CsvSchema) it.getParser().getSchema()).getColumnNames();
            if (!new TreeSet<>(header).equals(new TreeSet<>(COLUMNS)) && !new TreeSet<>(header).equals(new TreeSet<>(COLUMNS_WITHOUT_QUOTE))) {
                throw ApiProblem.badRequest("line 1", "the columns must be " + COLUMNS);
            }
            while (it.hasNextValue()) {
                int line = it.getCurrentLocation().getLineNr();
                readings.add(read(line, it.nextValue()));
                if (readings.size() > limits.maxRows()) {
                    throw tooManyRows(limits.maxRows());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiProblem problem) {
                throw problem;
            }
            throw ApiProblem.badRequest("body", "is not CSV with the header " + COLUMNS);
        }
        return QuarkusTransaction.requiringNew().timeout(limits.transactionTimeoutSeconds()).call(() -> record(readings, why));
    }

    static ApiProblem tooManyRows(int maxRows) {
        return new ApiProblem(413, "Payload too large", "The import has more than " + maxRows
                + " rows (counterpower.imports.max-rows); nothing was imported",
                List.of(new FieldError("body", "has more than " + maxRows + " rows (counterpower.imports.max-rows)")), Map.of());
    }

    /**
     * A CSV row as far as it can be read without the database, with the first problem of each
     * stage: reading the contributor, then (after the contributor and organisation are known to
     * exist) the period and source kind, then (when the row is not already recorded) the source.
     */
    private record RowReading(int line, FieldError contributorProblem, Long contributor, boolean independent, String organisation,
                              FieldError periodProblem, LocalDate from, LocalDate to, SourceKind kind,
                              FieldError sourceProblem, FactSource source, String role) {
        String where() {
            return "line " + line;
        }
    }

    private RowReading read(int line, Map<String, String> row) {
        String where = "line " + line;
        Long contributor;
        try {
            contributor = Long.parseLong(row.get("contributor"));
        } catch (NumberFormatException e) {
            return new RowReading(line, problem(where, e), null, false, null, null, null, null, null, null, null, null);
        }
        boolean independent = "true".equals(row.get("independent"));
        FieldError periodProblem = null;
        LocalDate from = null;
        LocalDate to = null;
        SourceKind kind = null;
        try {
            from = date(row.get("from"));
            to = date(row.get("to"));
            if (from != null && to != null && to.isBefore(from)) {
                periodProblem = new FieldError(where + ": to", "must be on or after from");
            } else {
                kind = SourceKind.of(row.get("source.kind"));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            periodProblem = problem(where, e);
        }
        FieldError sourceProblem = null;
        FactSource source = null;
        if (periodProblem == null) {
            try {
                source = Provenance.of(caller, new SourceInput(kind, blank(row.get("source.url")), blank(RequestText.unguard(row.get("source.note"))),
                        blank(RequestText.unguard(row.get("source.quote"))), Confidence.of(row.get("source.confidence"))), "CSV import", false).source();
            } catch (ApiProblem problem) {
                sourceProblem = new FieldError(where, problem.getMessage());
            } catch (IllegalArgumentException e) {
                sourceProblem = problem(where, e);
            }
        }
        return new RowReading(line, null, contributor, independent, independent ? null : row.get("organisation"),
                periodProblem, periodProblem == null ? from : null, periodProblem == null ? to : null, kind, sourceProblem, source,
                blank(RequestText.unguard(row.get("role"))));
    }

    private Report record(List<RowReading> readings, String reason) {
        List<EnrolmentStaging.Row> staged = new ArrayList<>();
        Map<Integer, Integer> stagedAs = new HashMap<>();
        for (RowReading r : readings) {
            if (r.contributorProblem() == null) {
                stagedAs.put(r.line(), staged.size());
                staged.add(new EnrolmentStaging.Row(r.contributor(), null, r.organisation(), r.from(), r.to(),
                        r.kind() == null ? 0 : r.kind().tier(), r.periodProblem() == null, r.role(), r.source()));
            }
        }
        long started = System.nanoTime();
        Map<Integer, EnrolmentStaging.Checked> checked = staging.stageAndCheck(staged);
        long checkedDone = System.nanoTime();
        List<FieldError> errors = new ArrayList<>();
        Map<List<Object>, Integer> seen = new HashMap<>();
        Map<Long, List<Accepted>> acceptedByContributor = new HashMap<>();
        Map<Integer, Long> accepted = new LinkedHashMap<>();
        int unchanged = 0;
        for (RowReading r : readings) {
            String where = r.where();
            if (r.contributorProblem() != null) {
                errors.add(r.contributorProblem());
                continue;
            }
            int index = stagedAs.get(r.line());
            EnrolmentStaging.Checked c = checked.get(index);
            if (!c.contributorKnown()) {
                errors.add(new FieldError(where + ": contributor", "no contributor " + r.contributor() + " is recorded"));
                continue;
            }
            if (!r.independent() && c.organisationId() == null) {
                errors.add(new FieldError(where + ": organisation", "no organisation '" + r.organisation() + "' is recorded"));
                continue;
            }
            if (r.periodProblem() != null) {
                errors.add(r.periodProblem());
                continue;
            }
            Integer repeated = seen.putIfAbsent(Arrays.asList(r.contributor(), c.organisationId(), r.from(), r.to(), r.kind().tier()), r.line());
            if (repeated != null) {
                errors.add(new FieldError(where, "repeats line " + repeated + " (same contributor, organisation, period and source tier)"));
                continue;
            }
            if (c.unchanged()) {
                unchanged++;
                continue;
            }
            if (r.sourceProblem() != null) {
                errors.add(r.sourceProblem());
                continue;
            }
            if (c.overlapsId() != null) {
                throw overlap(where, "overlaps affiliation " + c.overlapsId());
            }
            List<Accepted> earlier = acceptedByContributor.computeIfAbsent(r.contributor(), k -> new ArrayList<>());
            for (Accepted a : earlier) {
                if (a.tier() == r.kind().tier() && Periods.overlap(r.from(), r.to(), a.from(), a.to())) {
                    throw overlap(where, "overlaps the affiliation on line " + a.line() + " of this import");
                }
            }
            earlier.add(new Accepted(r.line(), r.kind().tier(), r.from(), r.to()));
            accepted.put(index, c.organisationId());
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(400, "Invalid import", errors.size() + " problem(s) in the import; nothing was imported", errors, Map.of());
        }
        int created = staging.record(staged, accepted, Instants.now(), caller.keyId(), reason);
        Log.infof("csv import of %d rows: staged and checked %d ms, recorded %d ms", readings.size(),
                (checkedDone - started) / 1_000_000, (System.nanoTime() - checkedDone) / 1_000_000);
        Report report = new Report(readings.size(), created, unchanged);
        // Only a change to facts moves the data version: re-importing the export (all unchanged) changes none.
        if (created > 0) {
            changes.record(ChangeLog.GLOBAL, "import", "affiliation", "csv", null, report, reason);
        }
        return report;
    }

    private record Accepted(int line, int tier, LocalDate from, LocalDate to) {
    }

    private static ApiProblem overlap(String where, String message) {
        return new ApiProblem(409, "Conflict", where + ": " + message + " of the same tier; nothing was imported",
                List.of(new FieldError(where + ": from", message)), Map.of());
    }

    private static FieldError problem(String where, RuntimeException e) {
        return new FieldError(where, e.getMessage() == null ? "cannot be read" : e.getMessage());
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
