package io.counterpower.query;

/**
 * One number of a ranking row with what it rests on: {@code coverage} (0..1, the share of its
 * input that had what it needs) and {@code n} (the size of that input). A value that cannot be
 * computed is null, never 0.
 */
record Figure(Object value, double coverage, long n) {
    Double number() {
        return value instanceof Number x ? x.doubleValue() : null;
    }
}
