package io.counterpower.query;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes a published figure citable: the methodology and data versions it was computed from,
 * when it was generated, the query as asked, the query that reproduces it later (the same one
 * with {@code at}, {@code asRecordedOn} and {@code methodology} pinned) and a suggested citation.
 */
record Provenance(int methodologyVersion, Long dataVersion, Instant generatedAt, String query, String reproduce,
                         String citation) {

    /**
     * @param title  what the figures are, for the citation ("Capture risk ranking")
     * @param pinned the parameters that fix the answer in time, added to (or replacing those of) the query
     */
    static Provenance of(UriInfo uri, String title, int methodologyVersion, Long dataVersion, Instant generatedAt,
                         Map<String, String> pinned) {
        String query = uri.getRequestUri().getRawPath() + (uri.getRequestUri().getRawQuery() == null ? ""
                : "?" + uri.getRequestUri().getRawQuery());
        // The format asked for stays: a CSV's reproduce link gives the CSV again (csvComments adds it
        // when CSV was asked for with an Accept header).
        UriBuilder b = uri.getRequestUriBuilder();
        pinned.forEach((name, value) -> b.replaceQueryParam(name, value));
        String reproduce = b.build().toString();
        String citation = "Counterpower (" + LocalDate.ofInstant(generatedAt, ZoneOffset.UTC).getYear() + "). " + title
                + ". Methodology version " + methodologyVersion + ", data version " + (dataVersion == null ? "unknown" : dataVersion) + ", generated "
                + generatedAt + ". " + reproduce;
        return new Provenance(methodologyVersion, dataVersion, generatedAt, query, reproduce, citation);
    }

    /** The pins of a figure: the day it describes, the instant its facts were read, the methodology. */
    static Map<String, String> pins(LocalDate at, Instant recordedOn, int methodologyVersion) {
        Map<String, String> pins = new LinkedHashMap<>();
        if (at != null) {
            pins.put("at", at.toString());
        }
        pins.put("asRecordedOn", recordedOn.toString());
        pins.put("methodology", String.valueOf(methodologyVersion));
        return pins;
    }

    /** The leading comment lines of a CSV export, in the order of the JSON fields. */
    List<String> csvComments(String title) {
        String csv = UriBuilder.fromUri(reproduce).replaceQueryParam("format", "csv").build().toString();
        return List.of(title, "methodologyVersion: " + methodologyVersion, "dataVersion: " + (dataVersion == null ? "" : dataVersion),
                "generatedAt: " + generatedAt, "query: " + query, "reproduce: " + csv,
                "citation: " + citation.replace(reproduce, csv));
    }
}
