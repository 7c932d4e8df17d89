package io.counterpower.collect.git;

import java.util.Map;
import java.util.Optional;

/**
 * Identifies a license text against the catalog (METHODOLOGY.md section 5). Implemented by the
 * license feature; the reader only needs the answer. A text the catalog does not know yields empty
 * and stays unidentified: it is never guessed.
 */
@FunctionalInterface
interface LicenseTextIdentifier {

    /** Identifies nothing: every period is unidentified and keyed by its text hash. */
    LicenseTextIdentifier NONE = text -> Optional.empty();

    /** The SPDX expression (or {@code LicenseRef-…}) of {@code text}, if known. */
    Optional<String> identify(String text);

    /**
     * The parameters a license with parameters was filled in with (BUSL-1.1's licensor, change date, change license),
     * read into the period's detail; empty by default and for texts without parameters.
     */
    default Map<String, String> parameters(String text) {
        return Map.of();
    }
}
