package io.counterpower.license;

import java.util.Arrays;

/**
 * The distinct word pairs of a normalised text, as sorted 64-bit hashes, and the Dice coefficient between two such
 * sets: 2 |A ∩ B| / (|A| + |B|). Pairs rather than words keep word order in the measure, so that two licenses made
 * of the same vocabulary in different sentences stay apart.
 */
final class WordBigrams {

    private WordBigrams() {
    }

    static long[] of(String normalised) {
        if (normalised.isEmpty()) {
            return new long[0];
        }
        String[] words = normalised.split(" ");
        if (words.length < 2) {
            return new long[0];
        }
        long[] pairs = new long[words.length - 1];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = ((long) words[i].hashCode() << 32) | (words[i + 1].hashCode() & 0xffffffffL);
        }
        Arrays.sort(pairs);
        int distinct = 0;
        for (int i = 0; i < pairs.length; i++) {
            if (i == 0 || pairs[i] != pairs[distinct - 1]) {
                pairs[distinct++] = pairs[i];
            }
        }
        return Arrays.copyOf(pairs, distinct);
    }

    /** The highest Dice coefficient two sets of these sizes can reach, to skip candidates without comparing. */
    static double diceUpperBound(int sizeA, int sizeB) {
        return sizeA + sizeB == 0 ? 0 : 2.0 * Math.min(sizeA, sizeB) / (sizeA + sizeB);
    }

    static double dice(long[] a, long[] b) {
        if (a.length + b.length == 0) {
            return 0;
        }
        int common = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2.0 * common / (a.length + b.length);
    }
}
