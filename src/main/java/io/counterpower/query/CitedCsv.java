package io.counterpower.query;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.counterpower.common.text.RequestText;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV export that carries its provenance: leading {@code # } comment lines (title, methodology
 * and data versions, generation time, query, reproducing query, citation), then a header line and
 * the rows. Spreadsheets show the comments as the first rows; Jackson, pandas
 * ({@code comment='#'}) and R ({@code comment.char='#'}) skip them. Every cell is guarded against
 * formula injection.
 */
final class CitedCsv {
    static final String TYPE = "text/csv";
    private static final CsvMapper CSV = new CsvMapper();

    private CitedCsv() {
    }

    static Response response(String filename, String title, Provenance provenance, List<String> columns, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        for (String line : provenance.csvComments(title)) {
            // A comment line ends at its first line break: none may come from the data.
            out.append("# ").append(line.replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        try (var writer = CSV.writer(schema.build()).writeValues(out)) {
            for (List<Object> row : rows) {
                List<String> cells = new ArrayList<>(row.size());
                for (Object cell : row) {
                    // Numbers and booleans cannot run as formulas (and a negative trend keeps its sign as a number).
                    cells.add(cell instanceof Number || cell instanceof Boolean ? String.valueOf(cell)
                            : RequestText.guard(cell == null ? null : String.valueOf(cell)));
                }
                writer.write(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write CSV", e);
        }
        return Response.ok(out.toString()).type(TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + ".csv\"").build();
    }
}
