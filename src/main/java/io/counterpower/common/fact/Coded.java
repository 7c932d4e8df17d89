package io.counterpower.common.fact;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enumeration whose values travel as lower-case codes, in JSON and in the database alike. */
public interface Coded {
    String code();

    /** Parses a code, or fails with a message that lists the valid codes (shown to clients as is). */
    static <E extends Enum<E> & Coded> E parse(E[] values, String code) {
        for (E value : values) {
            if (value.code().equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("must be one of " + codes(values));
    }

    static <E extends Enum<E> & Coded> String codes(E[] values) {
        return Arrays.stream(values).map(Coded::code).collect(Collectors.joining(", ", "[", "]"));
    }
}
