package io.counterpower.watch;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.counterpower.common.fact.FactSource;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.text.RequestText;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/organisations/{key}/governance-report}: JSON by default, CSV ({@code format=csv}
 * or {@code Accept: text/csv}) with every cell guarded against formula injection, or a printable
 * HTML page ({@code format=html} or {@code Accept: text/html}) that escapes everything it shows.
 */
@Path("/api/v1/organisations/{key}/governance-report")
class GovernanceReportResource {
    static final String CSV = "text/csv";
    static final List<String> COLUMNS = List.of("section", "project", "rule", "date", "status", "value", "coverage", "n",
            "from", "to", "body", "body_kind", "holder", "holder_organisation", "role", "funder", "type", "amount", "currency",
            "amount_usd", "source_kind", "source_url", "source_confidence", "source_note",
            "source_quote");

    @Inject
    GovernanceReport reports;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV, MediaType.TEXT_HTML})
    public Response report(@PathParam("key") String key, @BeanParam GovernanceReport.ReportParams params,
                           @QueryParam("format") String format, @Context HttpHeaders headers) {
        String wanted = format(format, headers);
        GovernanceReportView report = reports.report(key, reports.query(params));
        return switch (wanted) {
            case "csv" -> Response.ok(csv(report)).type(CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"governance-report-" + key + ".csv\"").build();
            case "html" -> Response.ok(GovernanceReportPage.render(report)).type(MediaType.TEXT_HTML + "; charset=UTF-8").build();
            default -> Response.ok(report).type(MediaType.APPLICATION_JSON).build();
        };
    }

    private static String format(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if (!List.of("json", "csv", "html").contains(f)) {
                throw ApiProblem.badRequest("format", "must be json, csv or html");
            }
            return f;
        }
        for (MediaType t : headers.getAcceptableMediaTypes()) {
            if (t.isWildcardType()) {
                continue;
            }
            if (t.isCompatible(MediaType.valueOf(CSV))) {
                return "csv";
            }
            if (t.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return "html";
            }
            if (t.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return "json";
            }
        }
        return "json";
    }

    /**
     * One row per check, per period, per over-representation point (the organisation in holder_organisation, the body in
     * body), per seat and per funding event; the {@code section} column says which.
     */
    static String csv(GovernanceReportView r) {
        List<String[]> rows = new ArrayList<>();
        for (GovernanceReportView.ProjectReport p : r.projects()) {
            for (GovernanceReportView.RuleChecks c : p.checks()) {
                for (GovernanceReportView.Point pt : c.points()) {
                    rows.add(row("check", p.project(), c.rule(), s(pt.at()), pt.status(), s(pt.value()), s(pt.coverage()), s(pt.n()),
                            null, null, null, null, null, null, null, null, null, null, null, null, null));
                }
                for (GovernanceReportView.Period pd : c.periods()) {
                    rows.add(row("period", p.project(), c.rule(), null, pd.status(), null, null, null, s(pd.from()), s(pd.to()),
                            null, null, null, null, null, null, null, null, null, null, null));
                }
            }
            for (GovernanceReportView.Overrepresentation o : p.overrepresentation()) {
                rows.add(row("overrepresentation", p.project(), "seat_overrepresentation", s(o.at()), null, s(o.value()), s(o.coverage()),
                        s(o.n()), null, null, o.body(), null, null, o.organisation(), null, null, null, null, null, null, null));
            }
            for (GovernanceReportView.Seat st : p.seats()) {
                rows.add(row("seat", p.project(), null, null, null, null, null, null, s(st.from()), s(st.to()), st.bodyName(),
                        st.bodyKind(), st.holderName() != null ? st.holderName() : s(st.holderContributor()),
                        st.holderOrganisation(), st.role(), null, null, null, null, null, st.source()));
            }
            for (GovernanceReportView.Funding f : p.funding()) {
                rows.add(funding(p.project(), f));
            }
        }
        for (GovernanceReportView.Funding f : r.organisationFunding()) {
            rows.add(funding(null, f));
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        StringWriter out = new StringWriter();
        try (var writer = new CsvMapper().writer(schema.build()).writeValues(out)) {
            for (String[] row : rows) {
                writer.write(Arrays.stream(row).map(RequestText::guard).toList());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write CSV", e);
        }
        return out.toString();
    }

    private static String[] funding(String project, GovernanceReportView.Funding f) {
        return row("funder", project, null, f.date(), null, null, null, null, null, null, null, null, null, null, null,
                f.funder(), f.type(), s(f.amount()), f.currency(), s(f.amountUsd()), f.source());
    }

    private static String[] row(String section, String project, String rule, String date, String status, String value,
                                String coverage, String n, String from, String to, String body, String bodyKind, String holder,
                                String holderOrganisation, String role, String funder, String type, String amount,
                                String currency, String amountUsd, FactSource given) {
        FactSource source = given == null ? null : given.forReader();
        return new String[]{section, project, rule, date, status, value, coverage, n, from, to, body, bodyKind, holder,
                holderOrganisation, role, funder, type, amount, currency, amountUsd,
                source == null || source.kind() == null ? null : source.kind().code(), source == null ? null : source.url(),
                source == null || source.confidence() == null ? null : source.confidence().code(),
                source == null ? null : source.note(), source == null ? null : source.quote()};
    }

    private static String s(Object value) {
        return value == null ? null : value instanceof java.math.BigDecimal b ? b.toPlainString() : value.toString();
    }
}
