package io.counterpower.watch;

import io.counterpower.common.fact.FactSource;

import java.util.Locale;

/**
 * The governance report as a printable HTML page. Every value shown comes from records that key
 * holders wrote (names, notes, URLs), so every one is escaped, in text and in attributes alike, and
 * only http(s) URLs become links. Written by hand: one page of tables does not justify a template
 * engine, and {@link #escape} is the one place that has to be right.
 */
final class GovernanceReportPage {
    private GovernanceReportPage() {
    }

    static String render(GovernanceReportView r) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Governance report: ").append(escape(r.name())).append("</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:.5em 0 1.5em}")
                .append("th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}")
                .append(".holds{background:#dfd}.fails{background:#fdd}.unknown{background:#eee}")
                .append("@media print{a{color:#000;text-decoration:none}section{page-break-inside:avoid}}</style></head><body>\n");
        h.append("<h1>Governance report: ").append(escape(r.name())).append(" (").append(escape(r.organisation())).append(")</h1>\n");
        h.append("<p>Rules checked at the end of each ").append(escape(r.step())).append(" from ").append(escape(r.from()))
                .append(" to ").append(escape(r.to())).append("; methodology version ").append(r.methodologyVersion())
                .append("; a rule whose indicator is unknown or below the minimum coverage (")
                .append(r.minCoverage()).append(") is unknown. Generated ").append(escape(r.generatedAt())).append(".</p>\n");
        h.append("<h2>Rules</h2><table><tr><th>Rule</th><th>Description</th></tr>");
        for (GovernanceReportView.Rule rule : r.rules()) {
            h.append("<tr><td>").append(escape(rule.id())).append("</td><td>").append(escape(rule.description())).append("</td></tr>");
        }
        h.append("</table>\n");
        if (r.projects().isEmpty()) {
            h.append("<p>The organisation stewards no project today.</p>\n");
        }
        for (GovernanceReportView.ProjectReport p : r.projects()) {
            h.append("<section><h2>").append(escape(p.project())).append("</h2>");
            if (p.stewardFrom() != null) {
                h.append("<p>Stewarded since ").append(escape(p.stewardFrom())).append(".</p>");
            }
            h.append("<h3>Rule checks</h3><table><tr><th>Rule</th><th>Now</th><th>Periods</th></tr>");
            for (GovernanceReportView.RuleChecks c : p.checks()) {
                h.append("<tr><td>").append(escape(c.rule())).append("</td><td class=\"").append(escape(c.current())).append("\">")
                        .append(escape(c.current())).append("</td><td>");
                for (GovernanceReportView.Period pd : c.periods()) {
                    h.append("<div class=\"").append(escape(pd.status())).append("\">").append(escape(pd.from())).append(" to ")
                            .append(escape(pd.to())).append(": ").append(escape(pd.status())).append("</div>");
                }
                h.append("</td></tr>");
            }
            h.append("</table>");
            if (!p.overrepresentation().isEmpty()) {
                // Section 7: the largest seat share of a body minus the same organisation's share of contributions.
                GovernanceReportView.Overrepresentation last = p.overrepresentation().get(p.overrepresentation().size() - 1);
                h.append("<h3>Seat over-representation</h3><p>");
                if (last.value() == null) {
                    h.append("Unknown on ").append(escape(last.at())).append(" (no known seat or no known contribution).");
                } else {
                    h.append("On ").append(escape(last.at())).append(": ").append(escape(last.organisation())).append(" in ")
                            .append(escape(last.body())).append(", seat share minus contribution share ")
                            .append(escape(String.format(java.util.Locale.ROOT, "%+.2f", last.value())))
                            .append(" (coverage ").append(escape(String.format(java.util.Locale.ROOT, "%.2f", last.coverage()))).append(").");
                }
                h.append("</p>");
            }
            h.append("<h3>Seats</h3>");
            if (p.seats().isEmpty()) {
                h.append("<p>No seat is recorded.</p>");
            } else {
                h.append("<table><tr><th>Body</th><th>Holder</th><th>Organisation</th><th>Role</th><th>From</th><th>To</th><th>Source</th></tr>");
                for (GovernanceReportView.Seat s : p.seats()) {
                    h.append("<tr><td>").append(escape(s.bodyName())).append(" (").append(escape(s.bodyKind())).append(")</td><td>")
                            .append(escape(s.holderName() != null ? s.holderName() : s.holderContributor())).append("</td><td>")
                            .append(escape(s.holderOrganisation())).append("</td><td>").append(escape(s.role())).append("</td><td>")
                            .append(escape(s.from())).append("</td><td>").append(escape(s.to())).append("</td><td>")
                            .append(source(s.source())).append("</td></tr>");
                }
                h.append("</table>");
            }
            h.append("<h3>Funding</h3>");
            funding(h, p.funding());
            h.append("</section>\n");
        }
        h.append("<section><h2>Funding of ").append(escape(r.name())).append("</h2>");
        funding(h, r.organisationFunding());
        h.append("</section>\n</body></html>\n");
        return h.toString();
    }

    private static void funding(StringBuilder h, java.util.List<GovernanceReportView.Funding> events) {
        if (events.isEmpty()) {
            h.append("<p>No funding event is recorded.</p>");
            return;
        }
        h.append("<table><tr><th>Date</th><th>Funder</th><th>Type</th><th>Amount</th><th>USD</th><th>Source</th></tr>");
        for (GovernanceReportView.Funding f : events) {
            h.append("<tr><td>").append(escape(f.date())).append("</td><td>").append(escape(f.funder())).append("</td><td>")
                    .append(escape(f.type())).append("</td><td>")
                    .append(f.amount() == null ? "undisclosed" : escape(f.amount().toPlainString() + " " + f.currency()))
                    .append("</td><td>").append(f.amountUsd() == null ? "unknown" : escape(f.amountUsd().toPlainString()))
                    .append("</td><td>").append(source(f.source())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String source(FactSource s) {
        if (s == null) {
            return "";
        }
        s = s.forReader();
        StringBuilder out = new StringBuilder();
        out.append(escape(s.kind() == null ? null : s.kind().code())).append(", ")
                .append(escape(s.confidence() == null ? null : s.confidence().code()));
        if (s.url() != null) {
            String lower = s.url().toLowerCase(Locale.ROOT);
            if (lower.startsWith("https://") || lower.startsWith("http://")) {
                out.append(": <a href=\"").append(escape(s.url())).append("\">").append(escape(s.url())).append("</a>");
            } else {
                out.append(": ").append(escape(s.url()));
            }
        }
        if (s.note() != null) {
            out.append(" (").append(escape(s.note())).append(")");
        }
        return out.toString();
    }

    /** HTML-escapes text for element content and quoted attribute values; null shows as empty. */
    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
