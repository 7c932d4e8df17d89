package io.counterpower.license;

import java.util.List;
import java.util.Objects;

/**
 * One license of the catalog (METHODOLOGY.md section 5): an SPDX license by its SPDX id, or a license SPDX lacks
 * as {@code LicenseRef-…}.
 *
 * <p>Flags follow the methodology: {@code commercialUse} is true when commercial use is granted (possibly below
 * {@code userThreshold} monthly active users); {@code useRestrictions}, {@code competingUse} and
 * {@code outputRestrictions} are true when the license <em>imposes</em> that restriction (an acceptable-use policy;
 * a ban on building a competing model or service; conditions on the outputs); {@code attributionOrBranding} is true
 * when it demands a visible attribution or brand beyond keeping notices ("Built with Llama"). A null flag means
 * nobody assessed it: it is never filled in by guess.
 *
 * @param id the SPDX id or {@code LicenseRef-…} id, in its canonical case
 * @param name the license's full name
 * @param level restrictiveness 0..7, null when the license is not classified (unknown is never guessed)
 * @param category the name of the level, null when the level is
 * @param levelBasis {@code curated} when a person classified it, {@code rule} when a documented rule derived it,
 *     null when unclassified
 * @param rationale why the license has its level, in a sentence (the curated reason or the rule applied)
 * @param spdx true for an id of the SPDX License List
 * @param deprecated true for an id SPDX has deprecated
 * @param replacedBy for a deprecated id, the SPDX expression that replaces it ({@code GPL-3.0} ->
 *     {@code GPL-3.0-only})
 * @param osiApproved approved by the Open Source Initiative, per the SPDX list
 * @param fsfLibre listed as free by the Free Software Foundation, per the SPDX list
 * @param commercialUse commercial use granted
 * @param userThreshold monthly active users above which the grant stops (Llama: 700 000 000), null for none
 * @param useRestrictions the license restricts fields of use (acceptable-use policy)
 * @param competingUse the license forbids using the work to build a competing model or service
 * @param outputRestrictions the license puts conditions on the outputs of a model
 * @param copyleft reach of the share-alike obligation
 * @param convertsTo the license the terms convert to after a delay (BUSL-1.1's Change License)
 * @param attributionOrBranding a visible attribution or brand is required
 * @param licensor who grants the license, when one party does
 * @param referenceUrl where a person can read the license (https)
 * @param keyPhrases phrases that recognise the license's text, for licenses SPDX does not hold
 */
public record LicenseEntry(
        String id,
        String name,
        Integer level,
        LicenseCategory category,
        LevelBasis levelBasis,
        String rationale,
        boolean spdx,
        boolean deprecated,
        String replacedBy,
        boolean osiApproved,
        boolean fsfLibre,
        Boolean commercialUse,
        Long userThreshold,
        Boolean useRestrictions,
        Boolean competingUse,
        Boolean outputRestrictions,
        Copyleft copyleft,
        String convertsTo,
        Boolean attributionOrBranding,
        String licensor,
        String referenceUrl,
        List<String> keyPhrases) {

    public LicenseEntry {
        Objects.requireNonNull(id, "id");
        if (!Objects.equals(category, LicenseCategory.ofLevel(level).orElse(null))) {
            throw new IllegalArgumentException(id + ": category " + category + " does not name level " + level);
        }
        if ((level == null) != (levelBasis == null)) {
            throw new IllegalArgumentException(id + ": a level needs a basis and an unclassified entry has none");
        }
        keyPhrases = keyPhrases == null ? List.of() : List.copyOf(keyPhrases);
    }

    /** True when the license has a level. */
    boolean classified() {
        return level != null;
    }
}
