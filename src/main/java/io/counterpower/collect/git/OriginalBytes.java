package io.counterpower.collect.git;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Bytes of a name, an email or a message exactly as stored in a commit, kept when they are not
 * valid UTF-8: the decoded text is a lenient guess, and a later reader (or a person checking the
 * source) must be able to see what the commit really said.
 *
 * @param bytes the stored bytes; copied in and out, since arrays are mutable
 */
record OriginalBytes(byte[] bytes) {

    public OriginalBytes {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The stored bytes in lower-case hex, e.g. for a {@code bytea} column or a log line. */
    String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OriginalBytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "OriginalBytes[" + hex() + "]";
    }
}
