package io.counterpower.collect.git;

import java.util.ArrayList;
import java.util.List;

/**
 * The trailers of a commit message exactly as git reads them for
 * {@code git log --format='%(trailers:key=K,valueonly)'} (git's {@code trailer.c}: the trailer block is
 * the message's last paragraph after the title, made of {@code Key: value} lines and their indented
 * continuations, or, when it holds a git-generated line such as {@code Signed-off-by: }, at least 25%
 * trailer lines; trailing comment lines, blank lines and an old {@code Conflicts:} block are ignored;
 * keys are matched ignoring case; a value keeps its folded continuation lines as written).
 *
 * <p>Checked against git itself on real histories (mlx, ollama, redis): see
 * {@code src/test/resources/fixtures/trailers/README.md}.
 */
final class CommitTrailers {

    /** One trailer: its key as written (trimmed) and its value (trimmed, folded lines kept). */
    record Trailer(String key, String value) {
    }

    private static final char COMMENT = '#';
    private static final List<String> GIT_GENERATED_PREFIXES = List.of("Signed-off-by: ", "(cherry picked from commit ");

    private CommitTrailers() {
    }

    /** The values of the trailers whose key is {@code key} (ignoring case), in message order. */
    static List<String> values(String message, String key) {
        List<String> values = new ArrayList<>();
        for (Trailer trailer : of(message)) {
            if (trailer.key().equalsIgnoreCase(key)) {
                values.add(trailer.value());
            }
        }
        return values;
    }

    /** Every trailer of the message's trailer block, in order; none when it has no block. */
    static List<Trailer> of(String message) {
        String buf = message;
        int end = buf.length() - ignoredTrailingBytes(buf);
        int start = trailerStart(buf, end);
        if (start >= end) {
            return List.of();
        }
        // The block's lines; an indented line continues the trailer before it (when that one is a trailer).
        List<StringBuilder> lines = new ArrayList<>();
        StringBuilder last = null;
        for (int bol = start; bol < end; ) {
            int eol = buf.indexOf('\n', bol);
            int next = eol < 0 || eol + 1 > end ? end : eol + 1;
            String line = buf.substring(bol, next);
            if (last != null && !line.isEmpty() && isSpace(line.charAt(0))) {
                last.append(line);
            } else {
                StringBuilder entry = new StringBuilder(line);
                lines.add(entry);
                last = separator(line) >= 1 ? entry : null;
            }
            bol = next;
        }
        List<Trailer> trailers = new ArrayList<>();
        for (StringBuilder entry : lines) {
            String line = entry.toString();
            int separator = separator(line);
            if (separator >= 1) {
                trailers.add(new Trailer(trim(line.substring(0, separator)), trim(line.substring(separator + 1))));
            }
        }
        return trailers;
    }

    /**
     * Where the trailer block starts, or {@code len} when there is none (git's
     * {@code find_trailer_start}): going up from the last line, a blank line above a run of lines that
     * are all trailers, or that hold a git-generated trailer and at least 25% trailers.
     */
    private static int trailerStart(String buf, int len) {
        // The first paragraph is the title and cannot be trailers.
        int s = 0;
        while (s < len) {
            if (buf.charAt(s) != COMMENT && isBlankLine(buf, s, len)) {
                break;
            }
            s = nextLine(buf, s, len);
        }
        int endOfTitle = s;

        boolean onlySpaces = true;
        boolean recognisedPrefix = false;
        int trailerLines = 0;
        int nonTrailerLines = 0;
        int possibleContinuationLines = 0;
        for (int l = lastLine(buf, len); l >= endOfTitle; l = lastLine(buf, l)) {
            if (buf.charAt(l) == COMMENT) {
                nonTrailerLines += possibleContinuationLines;
                possibleContinuationLines = 0;
                continue;
            }
            if (isBlankLine(buf, l, len)) {
                if (onlySpaces) {
                    continue;
                }
                nonTrailerLines += possibleContinuationLines;
                if (recognisedPrefix && trailerLines * 3 >= nonTrailerLines) {
                    return nextLine(buf, l, len);
                } else if (trailerLines > 0 && nonTrailerLines == 0) {
                    return nextLine(buf, l, len);
                }
                return len;
            }
            onlySpaces = false;
            String line = buf.substring(l, nextLine(buf, l, len));
            if (GIT_GENERATED_PREFIXES.stream().anyMatch(line::startsWith)) {
                trailerLines++;
                possibleContinuationLines = 0;
                recognisedPrefix = true;
                continue;
            }
            if (separator(line) >= 1 && !isSpace(line.charAt(0))) {
                trailerLines++;
                possibleContinuationLines = 0;
            } else if (isSpace(line.charAt(0))) {
                possibleContinuationLines++;
            } else {
                nonTrailerLines++;
                nonTrailerLines += possibleContinuationLines;
                possibleContinuationLines = 0;
            }
        }
        return len;
    }

    /**
     * How many characters at the end are not part of the message proper (git's
     * {@code ignore_non_trailer}): trailing comment and empty lines, and an old {@code Conflicts:} block.
     */
    private static int ignoredTrailingBytes(String buf) {
        int len = buf.length();
        int boc = 0;
        boolean inConflicts = false;
        boolean seen = false;
        int bol = 0;
        while (bol < len) {
            int eol = buf.indexOf('\n', bol);
            int next = eol < 0 ? len : eol + 1;
            char first = buf.charAt(bol);
            if (first == COMMENT || first == '\n') {
                if (!seen) {
                    boc = bol;
                    seen = true;
                }
            } else if (buf.startsWith("Conflicts:\n", bol)) {
                inConflicts = true;
                if (!seen) {
                    boc = bol;
                    seen = true;
                }
            } else if (inConflicts && first == '\t') {
                // a path in the conflicts block
            } else if (seen) {
                seen = false;
                inConflicts = false;
            }
            bol = next;
        }
        return seen ? len - boc : 0;
    }

    /**
     * The position of the ':' ending a trailer key (letters, digits and '-', then optional blanks), or
     * -1 (git's {@code find_separator}).
     */
    static int separator(String line) {
        boolean whitespaceFound = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!whitespaceFound && (isAsciiAlnum(c) || c == '-')) {
                continue;
            }
            if (i != 0 && (c == ' ' || c == '\t')) {
                whitespaceFound = true;
                continue;
            }
            break;
        }
        return -1;
    }

    /** Start of the line before the one starting at {@code len} (git's {@code last_line}). */
    private static int lastLine(String buf, int len) {
        if (len == 0) {
            return -1;
        }
        if (len == 1) {
            return 0;
        }
        for (int i = len - 2; i >= 0; i--) {
            if (buf.charAt(i) == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static int nextLine(String buf, int from, int len) {
        int eol = buf.indexOf('\n', from);
        return eol < 0 || eol >= len ? len : eol + 1;
    }

    private static boolean isBlankLine(String buf, int from, int len) {
        int i = from;
        while (i < len && buf.charAt(i) != '\n' && isSpace(buf.charAt(i))) {
            i++;
        }
        return i >= len || buf.charAt(i) == '\n';
    }

    private static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    /** git's own {@code isspace} ({@code sane_ctype}): space, tab, line feed and carriage return only. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
