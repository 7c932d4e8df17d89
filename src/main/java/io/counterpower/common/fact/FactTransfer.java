package io.counterpower.common.fact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldError;
import io.counterpower.common.text.RequestText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes facts in their transfer formats: a JSON array of request bodies, or CSV whose
 * columns are the request body's fields, nested ones flattened with dots ({@code source.url}).
 * CSV cells that a spreadsheet would run as a formula are prefixed with an apostrophe on export,
 * and that prefix is removed on import, so that a round trip is lossless.
 */
@ApplicationScoped
public class FactTransfer {
    public static final String CSV = "text/csv";

    @Inject
    ObjectMapper json;

    private final CsvMapper csv = new CsvMapper();

    public boolean wantsCsv(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            if (format.equalsIgnoreCase("csv")) {
                return true;
            }
            if (format.equalsIgnoreCase("json")) {
                return false;
            }
            throw ApiProblem.badRequest("format", "must be json or csv");
        }
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> t.isCompatible(MediaType.valueOf(CSV)) && !t.isWildcardType());
    }

    /**
     * Facts as CSV in the import format, followed by the kind's export-only columns (derived
     * figures such as a funding event's amount in USD), which the import ignores.
     */
    <I extends FactInput> Response csv(FactKind<?, I, ?> kind, List<I> rows) {
        List<String> columns = columns(kind.inputType());
        List<String> derived = kind.exportOnlyColumns();
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        derived.forEach(schema::addColumn);
        StringWriter out = new StringWriter();
        try (var writer = csv.writer(schema.build()).writeValues(out)) {
            for (I row : rows) {
                ObjectNode tree = json.valueToTree(row);
                List<String> cells = new ArrayList<>();
                for (String column : columns) {
                    JsonNode value = at(tree, column);
                    cells.add(value != null && value.isNumber() ? cell(value)
                            : value == null || value.isNull() ? "" : RequestText.guard(value.asText()));
                }
                if (!derived.isEmpty()) {
                    Map<String, Object> values = kind.exportOnlyValues(row);
                    for (String column : derived) {
                        cells.add(cell(json.valueToTree(values.get(column))));
                    }
                }
                writer.write(cells);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write CSV", e);
        }
        return Response.ok(out.toString()).type(CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + kind.name() + "-export.csv\"").build();
    }

    /**
     * Rows that are no fact kind's import format (a view, a derived list) as CSV: one column per
     * record component, nested records as dotted columns ({@code source.url}), lists as their
     * elements joined with {@code "; "} (an element that is an object as its JSON).
     */
    public <T extends Record> Response records(String fileName, Class<T> type, List<T> rows) {
        List<String> columns = columns(type);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        StringWriter out = new StringWriter();
        try (var writer = csv.writer(schema.build()).writeValues(out)) {
            for (T row : rows) {
                JsonNode tree = json.valueToTree(row);
                List<String> cells = new ArrayList<>();
                for (String column : columns) {
                    cells.add(cell(at(tree, column)));
                }
                writer.write(cells);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write CSV", e);
        }
        return Response.ok(out.toString()).type(CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + ".csv\"").build();
    }

    /**
     * A cell: empty for null, numbers as plain decimals (a BigDecimal's text is {@code 1.05E+8}, which
     * spreadsheets and readers take for a float), guarded against formula injection.
     */
    private static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.bigIntegerValue().toString()
                    : value.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(element -> parts.add(element.isValueNode() ? element.asText() : element.toString()));
            return RequestText.guard(String.join("; ", parts));
        }
        return RequestText.guard(value.isValueNode() ? value.asText() : value.toString());
    }

    /** Parses an import body into rows, with line numbers (CSV) or positions from 1 (JSON). */
    <I extends FactInput> List<FactStore.Row<I>> read(FactKind<?, I, ?> kind, String contentType, byte[] body) {
        String text = RequestText.utf8(body);
        MediaType type = contentType == null ? MediaType.APPLICATION_JSON_TYPE : MediaType.valueOf(contentType);
        List<FactStore.Row<I>> rows = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        if (type.isCompatible(MediaType.valueOf(CSV))) {
            readCsv(kind, text, rows, errors);
        } else {
            readJson(kind, text, rows, errors);
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(400, "Invalid import", errors.size() + " problem(s) in the " + kind.name()
                    + " import; nothing was imported", errors, Map.of());
        }
        if (rows.isEmpty()) {
            throw ApiProblem.badRequest("body", "the import has no rows");
        }
        return rows;
    }

    private <I extends FactInput> void readCsv(FactKind<?, I, ?> kind, String text, List<FactStore.Row<I>> rows, List<FieldError> errors) {
        Set<String> known = new LinkedHashSet<>(columns(kind.inputType()));
        // Derived columns of the export are accepted so that an export imports again, and ignored:
        // the service recomputes them from the recorded fields.
        Set<String> ignored = Set.copyOf(kind.exportOnlyColumns());
        try (var it = csv.readerFor(Map.class).with(CsvSchema.emptySchema().withHeader())
                .with(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS).<Map<String, String>>readValues(text)) {
            List<String> header = new ArrayList<>(((CsvSchema) it.getParser().getSchema()).getColumnNames());
            for (String column : header) {
                if (!known.contains(column) && !ignored.contains(column)) {
                    errors.add(new FieldError("line 1: " + column, "unknown column; the columns are " + known));
                }
            }
            if (!errors.isEmpty()) {
                return;
            }
            while (it.hasNextValue()) {
                int line = it.getCurrentLocation().getLineNr();
                Map<String, String> cells;
                try {
                    cells = it.nextValue();
                } catch (RuntimeException e) {
                    errors.add(new FieldError("line " + line, "cannot be read as CSV"));
                    break;
                }
                ObjectNode tree = json.createObjectNode();
                cells.forEach((column, value) -> {
                    if (!ignored.contains(column)) {
                        put(tree, column, RequestText.unguard(value));
                    }
                });
                convert(kind, tree, line, rows, errors);
            }
        } catch (IOException | RuntimeException e) {
            errors.add(new FieldError("body", "is not valid CSV with a header line"));
        }
    }

    private <I extends FactInput> void readJson(FactKind<?, I, ?> kind, String text, List<FactStore.Row<I>> rows, List<FieldError> errors) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (IOException e) {
            errors.add(new FieldError("body", "is not valid JSON"));
            return;
        }
        if (root == null || !root.isArray()) {
            errors.add(new FieldError("body", "must be a JSON array of " + kind.name() + " records"));
            return;
        }
        int position = 0;
        for (Iterator<JsonNode> it = root.elements(); it.hasNext(); ) {
            position++;
            convert(kind, it.next(), position, rows, errors);
        }
    }

    private <I extends FactInput> void convert(FactKind<?, I, ?> kind, JsonNode tree, int line, List<FactStore.Row<I>> rows,
                                              List<FieldError> errors) {
        try {
            I input = json.treeToValue(tree, kind.inputType());
            if (input.source() == null) {
                errors.add(new FieldError("line " + line + ": source", "is required"));
                return;
            }
            rows.add(new FactStore.Row<>(line, input));
        } catch (IOException | IllegalArgumentException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                      .reduce((a, b) -> a + "." + b).orElse("row")
                    : "row";
            String message = e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null
                    ? iae.getMessage() : "has the wrong type or format";
            errors.add(new FieldError("line " + line + ": " + field, message));
        }
    }

    /** The CSV columns of a request body: its fields in order, nested records flattened with dots. */
    static List<String> columns(Class<?> type) {
        List<String> columns = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType().isRecord()) {
                columns(component.getType()).forEach(c -> columns.add(component.getName() + "." + c));
            } else {
                columns.add(component.getName());
            }
        }
        return columns;
    }

    private static JsonNode at(JsonNode tree, String dotted) {
        JsonNode node = tree;
        for (String part : dotted.split("\\.")) {
            if (node == null) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    private static void put(ObjectNode tree, String dotted, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String[] parts = dotted.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }
}
