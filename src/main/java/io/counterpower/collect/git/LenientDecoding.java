package io.counterpower.collect.git;

import org.eclipse.jgit.util.RawParseUtils;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decoding of commit and file bytes that never throws: old repositories hold Latin-1 names, odd
 * {@code encoding} headers and binary junk, and one such commit must not stop a collection.
 */
final class LenientDecoding {
    private LenientDecoding() {
    }

    /**
     * Decodes {@code [start, end)}: UTF-8 first, then the declared charset, then the platform
     * default, then byte-per-char (JGit's {@link RawParseUtils#decode} order), so every byte
     * survives as some character.
     */
    static String decode(byte[] buffer, int start, int end, Charset declared) {
        try {
            return RawParseUtils.decode(declared == null ? StandardCharsets.UTF_8 : declared, buffer, start, end);
        } catch (RuntimeException unexpected) {
            // RawParseUtils already falls back; this is a last guard against a decoder bug.
            return RawParseUtils.extractBinaryString(buffer, start, end);
        }
    }

    static String decode(byte[] buffer) {
        return decode(buffer, 0, buffer.length, StandardCharsets.UTF_8);
    }

    /** Whether {@code [start, end)} is well-formed UTF-8. */
    static boolean isUtf8(byte[] buffer, int start, int end) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buffer, start, end - start));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The original bytes of {@code [start, end)} when they are not UTF-8, otherwise null. */
    static OriginalBytes originalIfNotUtf8(byte[] buffer, int start, int end) {
        if (isUtf8(buffer, start, end)) {
            return null;
        }
        byte[] copy = new byte[end - start];
        System.arraycopy(buffer, start, copy, 0, copy.length);
        return new OriginalBytes(copy);
    }

    /** The charset named by a commit's {@code encoding} header, or null when absent or unknown. */
    static Charset charsetOrNull(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException unknownOrIllegalName) {
            return null;
        }
    }
}
