package io.counterpower.collect.git;

import java.util.Locale;

/**
 * What a license file covers (METHODOLOGY.md section 2, "licenses": periods per artifact). AI
 * projects license their code and their weights differently, so the distinction carries the
 * co-optation signal.
 */
enum LicenseArtifact {
    /** The source code: any license file that names no other artifact. */
    CODE,
    /** Model weights: {@code LICENSE-MODEL*}, {@code MODEL_LICENSE*}, or a name with "model" or "weights". */
    WEIGHTS,
    /** Data sets: a name with "data" (e.g. {@code LICENSE-DATA}). */
    DATA,
    /** Documentation: a name with "doc" (e.g. {@code LICENSE-DOCS}). */
    DOCS;

    /** The code stored in {@code license_period.artifact}. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
