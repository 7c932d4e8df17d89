package io.counterpower.common.text;

import io.counterpower.common.problem.ApiProblem;
import io.counterpower.common.problem.FieldError;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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

    /**
     * A streamed body read as strict UTF-8, never more than {@code maxBytes} of it: past the limit
     * the read fails with a 413 naming {@code limitName} (the setting that holds it), on bytes that
     * are not UTF-8 with the same 400 as {@link #utf8(byte[])}. Both are unchecked, so that they
     * pass through the parsers reading from it.
     */
    public static Reader utf8(InputStream body, long maxBytes, String limitName) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(new Bounded(body, maxBytes, limitName), strict) {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (CharacterCodingException e) {
                    throw ApiProblem.badRequest("body", "is not valid UTF-8");
                }
            }
        };
    }

    /** A streamed body of bytes, never more than {@code maxBytes} of it (past the limit, a 413 naming {@code limitName}). */
    public static InputStream bounded(InputStream body, long maxBytes, String limitName) {
        return new Bounded(body, maxBytes, limitName);
    }

    /**
     * Reads what is left of a body and drops it, up to its limit, so that a client still sending
     * receives the answer; a body over the limit ends at the limit.
     */
    public static void discardRest(Reader body) {
        char[] buffer = new char[8192];
        try {
            while (body.read(buffer) >= 0) {
                // dropped
            }
        } catch (IOException | RuntimeException e) {
            // the answer is already decided; what is left does not change it
        }
    }

    /** Counts the bytes read and fails past the limit. */
    private static final class Bounded extends FilterInputStream {
        private final long maxBytes;
        private final String limitName;
        private long read;

        Bounded(InputStream in, long maxBytes, String limitName) {
            super(in);
            this.maxBytes = maxBytes;
            this.limitName = limitName;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw new ApiProblem(413, "Payload too large", "The body is larger than " + maxBytes + " bytes (" + limitName
                        + "); nothing was imported", List.of(new FieldError("body",
                        "is larger than " + maxBytes + " bytes (" + limitName + ")")), Map.of());
            }
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
