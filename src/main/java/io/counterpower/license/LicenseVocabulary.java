package io.counterpower.license;

import java.util.Optional;

/** What expression evaluation needs to know about ids: the catalog, or the part of it built so far. */
interface LicenseVocabulary {

    /** The license with this id, whatever its case. */
    Optional<LicenseEntry> license(String id);

    /** The canonical id of an SPDX license exception, whatever the case it is written in. */
    Optional<String> exception(String id);

    /** True for a curated exception that lets other works link to the covered one under any terms. */
    boolean isLinkingException(String canonicalExceptionId);
}
