package io.counterpower.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.common.problem.ApiProblem;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versioned methodology (METHODOLOGY.md sections 3, 4 and 7) as data: the indicator definitions,
 * windows, signals, gates, thresholds and weights, read from {@code methodology/v<N>.json}. Every
 * figure names the version it was computed with, and a request may pin an earlier one.
 */
@ApplicationScoped
public class Methodology {
    /** One loaded version of the methodology file. */
    public record Version(int number, JsonNode document, List<String> indicatorIds) {
        public double minCoverage() {
            return document.path("assessment").path("min_coverage").asDouble(0.5);
        }

        JsonNode assessment() {
            return document.path("assessment");
        }

        JsonNode counterPower() {
            return document.path("counterPower");
        }

        String definition(String indicator) {
            return "/api/v1/methodology/" + number + "#" + indicator;
        }

        /** The indicator's unit as the methodology file states it ("share", "level 0..7", "boolean"), or null. */
        public String unit(String indicator) {
            for (JsonNode i : document.path("indicators")) {
                if (i.path("id").asText().equals(indicator)) {
                    return i.path("unit").asText(null);
                }
            }
            return null;
        }
    }

    @Inject
    ObjectMapper json;

    private final Map<Integer, Version> versions = new TreeMap<>();

    @PostConstruct
    void load() {
        for (int n = 1; ; n++) {
            String resource = "methodology/v" + n + ".json";
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    break;
                }
                JsonNode doc = json.readTree(in);
                if (doc.path("version").asInt() != n) {
                    throw new IllegalStateException(resource + " declares version " + doc.path("version"));
                }
                List<String> ids = new ArrayList<>();
                doc.path("indicators").forEach(i -> ids.add(i.path("id").asText()));
                versions.put(n, new Version(n, doc, Collections.unmodifiableList(ids)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("No methodology file (methodology/v1.json) is packaged");
        }
        Log.infof("Methodology versions loaded: %s", versions.keySet());
    }

    public Version latest() {
        return ((TreeMap<Integer, Version>) versions).lastEntry().getValue();
    }

    public Map<Integer, Version> all() {
        return new LinkedHashMap<>(versions);
    }

    /** The version a request pins (null: the latest); an unknown one is a 400 naming the known ones. */
    public Version pinned(String value, String field) {
        if (value == null || value.isBlank()) {
            return latest();
        }
        Version v = byText(value);
        if (v == null) {
            throw ApiProblem.badRequest(field, "unknown methodology version '" + value + "'; known versions are " + versions.keySet());
        }
        return v;
    }

    /** A version stored by number (a watch's): an unknown one is a 400 on {@code field}, as {@link #pinned} answers. */
    public Version numbered(int number, String field) {
        Version v = versions.get(number);
        if (v == null) {
            throw ApiProblem.badRequest(field, "unknown methodology version '" + number + "'; known versions are " + versions.keySet());
        }
        return v;
    }

    /** The version named in a path (null: the latest); an unknown one is a 404. */
    Version require(String value) {
        Version v = byText(value);
        if (v == null) {
            throw ApiProblem.notFound("No methodology version '" + value + "'; known versions are " + versions.keySet());
        }
        return v;
    }

    private Version byText(String value) {
        String v = value.trim();
        if (v.startsWith("v")) {
            v = v.substring(1);
        }
        if (!v.matches("[0-9]{1,4}")) {
            return null;
        }
        return versions.get(Integer.parseInt(v));
    }
}
