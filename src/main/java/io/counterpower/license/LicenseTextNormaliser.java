package io.counterpower.license;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.spdx.licenseTemplate.LicenseTextHelper;

/**
 * Reduces a license text to the words that matter, following the SPDX matching guidelines
 * (https://spdx.github.io/spdx-spec/v2.3/license-matching-guidelines-and-templates/): case, whitespace, punctuation,
 * quotes, dashes, bullets and numbering, code comment markers, copyright notices, {@code http} versus
 * {@code https} and varietal spellings ({@code licence}/{@code license}, SPDX's own list) are ignored. Two texts
 * the guidelines call equivalent normalise to the same string, hence the same SHA-256.
 */
final class LicenseTextNormaliser {

    /** A notice line longer than this is probably license text reflowed onto the copyright line: it is kept. */
    private static final int MAX_NOTICE_LINE = 200;

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n?|\n");
    private static final Pattern COMMENT_MARKER = Pattern.compile("^\\s*(?://+|/\\*+|\\*+/?|#+|;+|rem\\s)\\s?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_MARKER = Pattern.compile(
            "^\\s*(?:\\(?(?:\\d{1,3}(?:\\.\\d{1,3})*|[a-z]|[ivxlc]{1,6})[.)]"
                    + "|\\d{1,3}(?:\\.\\d{1,3})+"
                    + "|[-\u2022\u00b7\u2023\u25e6\u25aa\u25cf\u25cb\u25a0\u25a1\u27a2\u25ba\u2013\u2014*])(?=\\s)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOTICE_START = Pattern.compile("^\\s*(?:portions\\s+)?(?:copyright|\\(c\\)|\u00a9)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOTICE_MARK = Pattern.compile(
            "\\(c\\)|\u00a9|\\b(?:1[89]|20)\\d{2}\\b|yyyy|<year>|\\[year]|\\{year}", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPDX_TAG = Pattern.compile("^\\s*spdx-license-identifier\\s*:",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ALL_RIGHTS_RESERVED = Pattern.compile("all rights reserved\\.?");
    private static final Pattern INLINE_MARKER = Pattern.compile("\\(\\s*(?:\\d{1,3}|[a-z]|[ivx]{1,5})\\s*\\)");
    private static final Map<String, String> VARIETAL_SPELLINGS = LicenseTextHelper.NORMALIZE_TOKENS;

    private LicenseTextNormaliser() {
    }

    /** The normalised text: lower-case words separated by single spaces, empty for a text with no words. */
    static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        // Compatibility forms (full-width letters, ligatures) read as their plain letters; ASCII needs no pass.
        String unicode = isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder kept = new StringBuilder(unicode.length());
        for (String line : LINE_BREAK.split(unicode, -1)) {
            String content = mayStartWithCommentMarker(line) ? COMMENT_MARKER.matcher(line).replaceFirst("") : line;
            if (isCopyrightNotice(content) || isSpdxTag(content)) {
                continue;
            }
            kept.append(mayStartWithListMarker(content) ? LIST_MARKER.matcher(content).replaceFirst("") : content)
                    .append('\n');
        }
        String lower = kept.toString().toLowerCase(Locale.ROOT).replace("http://", "https://");
        lower = ALL_RIGHTS_RESERVED.matcher(lower).replaceAll(" ");
        lower = INLINE_MARKER.matcher(lower).replaceAll(" ");
        return words(lower);
    }

    /**
     * Keeps letters, digits, {@code &} and hyphens, a dot only inside a number (so that versions such as "2.0" and
     * "3.1" stay apart from sentence ends), turns every other character into a word break, maps varietal spellings
     * and splits hyphenated words. One pass over the characters: regular expressions here cost several times more
     * on the 700 SPDX texts indexed at start-up.
     */
    private static String words(String lower) {
        StringBuilder words = new StringBuilder(lower.length());
        StringBuilder token = new StringBuilder();
        int length = lower.length();
        for (int i = 0; i < length; i++) {
            char c = lower.charAt(i);
            if (isDash(c)) {
                token.append('-');
            } else if (c == '.') {
                if (i > 0 && i + 1 < length && Character.isDigit(lower.charAt(i - 1))
                        && Character.isDigit(lower.charAt(i + 1))) {
                    token.append(c);
                } else {
                    appendToken(words, token);
                }
            } else if (Character.isLetterOrDigit(c) || c == '&') {
                token.append(c);
            } else {
                appendToken(words, token);
            }
        }
        appendToken(words, token);
        return words.toString();
    }

    private static void appendToken(StringBuilder words, StringBuilder token) {
        if (token.length() == 0) {
            return;
        }
        String raw = token.toString();
        token.setLength(0);
        String spelled = VARIETAL_SPELLINGS.getOrDefault(raw, raw);
        // Hyphenated and split spellings ("sub-license", "sub license") become the same words.
        int start = 0;
        for (int i = 0; i <= spelled.length(); i++) {
            if (i == spelled.length() || spelled.charAt(i) == '-') {
                if (i > start) {
                    if (words.length() > 0) {
                        words.append(' ');
                    }
                    words.append(spelled, start, i);
                }
                start = i + 1;
            }
        }
    }

    private static boolean isDash(char c) {
        return c == '-' || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2014'
                || c == '\u2015' || c == '\ufe58' || c == '\ufe63' || c == '\uff0d';
    }

    /** SHA-256 of the UTF-8 bytes of a normalised text, in lower-case hex. */
    static String sha256(String normalised) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    // The checks below only look at the first character, so that most lines skip the regular expressions.

    private static boolean isCopyrightNotice(String line) {
        if (line.length() > MAX_NOTICE_LINE) {
            return false;
        }
        char first = Character.toLowerCase(firstNonSpace(line));
        return (first == 'c' || first == 'p' || first == '(' || first == '\u00a9')
                && NOTICE_START.matcher(line).find() && NOTICE_MARK.matcher(line).find();
    }

    private static boolean mayStartWithCommentMarker(String line) {
        char first = Character.toLowerCase(firstNonSpace(line));
        return first == '/' || first == '*' || first == '#' || first == ';' || first == 'r';
    }

    private static boolean isSpdxTag(String line) {
        return Character.toLowerCase(firstNonSpace(line)) == 's' && SPDX_TAG.matcher(line).find();
    }

    /** Digits, brackets and bullets may open a list item; letters only as "a." or "iv)". */
    private static boolean mayStartWithListMarker(String line) {
        int start = 0;
        while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        if (start == line.length()) {
            return false;
        }
        if (!Character.isLetter(line.charAt(start))) {
            return true;
        }
        int end = start;
        while (end < line.length() && end - start < 7 && Character.isLetter(line.charAt(end))) {
            end++;
        }
        return end < line.length() && (line.charAt(end) == '.' || line.charAt(end) == ')');
    }

    private static char firstNonSpace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!Character.isWhitespace(line.charAt(i))) {
                return line.charAt(i);
            }
        }
        return 0;
    }
}
