package io.counterpower.license;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The license catalog of METHODOLOGY.md section 5: every id of the SPDX License List (names and flags from the
 * list shipped in org.spdx:java-spdx-library, none typed by hand) plus the AI-model and source-available licenses
 * SPDX lacks, as {@code LicenseRef-…} entries curated in {@code license/curated.json}. Each entry has a
 * restrictiveness level 0..7, or none when neither the curation nor a rule of docs/license-levels.md classifies it.
 *
 * <p>A plain class: {@code new LicenseCatalog()} works without CDI (unit tests); the service injects the
 * application-scoped bean. The data is loaded on first use, not in the constructor, because CDI also calls the
 * constructor to build the bean's client proxy.
 */
@ApplicationScoped
public class LicenseCatalog {

    private volatile CatalogContents contents;

    public LicenseCatalog() {
        // loaded lazily, see the class comment
    }

    /** The entry with this id, matched whatever its case ({@code mit} finds {@code MIT}); deprecated ids included. */
    public Optional<LicenseEntry> find(String id) {
        return contents().license(id);
    }

    /** Every entry, sorted by id (case-insensitively). */
    List<LicenseEntry> entries() {
        return contents().entries();
    }

    /** The ids of the SPDX License List, deprecated ones included. */
    List<String> spdxIds() {
        return contents().entries().stream().filter(LicenseEntry::spdx).map(LicenseEntry::id).toList();
    }

    /** The canonical id of an SPDX license exception ({@code classpath-exception-2.0} -> {@code Classpath-…}). */
    Optional<String> findException(String id) {
        return contents().exception(id);
    }

    /** True for an exception that lowers a strong copyleft to weak copyleft in {@code X WITH exception}. */
    boolean isLinkingException(String id) {
        return contents().exception(id).map(contents()::isLinkingException).orElse(false);
    }

    /** The SPDX License List version the catalog was built from, for example {@code 3.26.0}. */
    String spdxListVersion() {
        return contents().spdxListVersion();
    }

    /** The version of {@code license/curated.json}. */
    String curatedVersion() {
        return contents().curatedVersion();
    }

    /** The SPDX list version whose licenses were reviewed when the open-source rule was adopted. */
    String reviewedSpdxListVersion() {
        return contents().reviewedSpdxListVersion();
    }

    /**
     * Names both sources of the catalog, for example {@code spdx-3.26.0+curated-1}, so that a level can be traced
     * to the data that produced it.
     */
    public String catalogVersion() {
        return "spdx-" + spdxListVersion() + "+curated-" + curatedVersion();
    }

    /** The catalog as the expression evaluator sees it. */
    LicenseVocabulary vocabulary() {
        return contents();
    }

    private CatalogContents contents() {
        CatalogContents loaded = contents;
        if (loaded == null) {
            synchronized (this) {
                loaded = contents;
                if (loaded == null) {
                    loaded = new CatalogLoader().load();
                    contents = loaded;
                }
            }
        }
        return loaded;
    }
}
