package io.counterpower.common.text;

import io.counterpower.common.problem.ApiProblem;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text that crosses the API boundary in files (imports and CSV exports): strict UTF-8 on the way
 * in, and cells guarded against formula injection on the way out (a leading apostrophe that the
 * import removes again, so that a round trip is lossless).
 */
public final class RequestText {
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private RequestText() {
    }

    /** The body as UTF-8, or a 400 naming the body when it is not valid UTF-8. */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.badRequest("body", "is not valid UTF-8");
        }
    }

    /** A CSV cell a spreadsheet would run as a formula gets a leading apostrophe; null becomes empty. */
    public static String guard(String cell) {
        if (cell == null) {
            return "";
        }
        return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** Removes the apostrophe {@link #guard} added. */
    public static String unguard(String cell) {
        return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && FORMULA_STARTS.indexOf(cell.charAt(1)) >= 0
                ? cell.substring(1) : cell;
    }
}
