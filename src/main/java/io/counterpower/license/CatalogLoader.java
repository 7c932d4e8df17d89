package io.counterpower.license;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.counterpower.license.CuratedCatalog.CuratedLicense;
import io.counterpower.license.CuratedCatalog.SpdxGroup;
import io.counterpower.license.ExpressionNode.ExceptionTerm;
import io.counterpower.license.ExpressionNode.LicenseTerm;
import io.counterpower.license.SpdxLicenseList.Listing;
import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the catalog from the SPDX License List and {@code license/curated.json}, applying the level rules of
 * docs/license-levels.md in order: curated group, deprecated id read as its replacement, OSI-approved or FSF-free
 * license not curated as anything else, otherwise unclassified.
 */
final class CatalogLoader {

    static final String RULE_OPEN_SOURCE = "Rule: OSI-approved or FSF-free, and in none of the curated copyleft or "
            + "restriction groups, so permissive (level 1). Every OSI-approved and FSF-free license of the reviewed "
            + "SPDX list version was checked for copyleft before this rule was adopted.";
    static final String UNCLASSIFIED = "Not classified: not curated, not OSI-approved, not FSF-free. Unknown is "
            + "not guessed.";

    private final ObjectMapper json = new ObjectMapper();

    CatalogContents load() {
        SpdxLicenseList spdx = SpdxLicenseList.load(json);
        CuratedCatalog curated = CuratedCatalog.load(json);
        Map<String, Listing> listings = new LinkedHashMap<>();
        spdx.licenses().forEach(listing -> listings.put(CatalogContents.lowerCase(listing.id()), listing));
        Map<String, String> exceptions = new HashMap<>();
        spdx.exceptionIds().forEach(id -> exceptions.put(CatalogContents.lowerCase(id), id));

        List<String> problems = new ArrayList<>();
        Map<String, SpdxGroup> groupOfId = curatedGroups(curated, listings, problems);
        Set<String> linking = linkingExceptions(curated, exceptions, problems);

        Map<String, LicenseEntry> entries = new HashMap<>();
        for (Listing listing : listings.values()) {
            if (!listing.deprecated()) {
                SpdxGroup group = groupOfId.get(CatalogContents.lowerCase(listing.id()));
                entries.put(CatalogContents.lowerCase(listing.id()),
                        group != null ? curatedSpdxEntry(listing, group) : ruleEntry(listing));
            }
        }
        for (CuratedLicense license : curated.licenseRefs()) {
            checkLicenseRef(license, entries, problems);
            entries.put(CatalogContents.lowerCase(license.id()), licenseRefEntry(license));
        }
        // Deprecated ids are read through the catalog built so far, which holds only current ids.
        CatalogContents current = contents(spdx, curated, entries, exceptions, linking);
        ExpressionEvaluator evaluator = new ExpressionEvaluator(current);
        Map<String, LicenseEntry> deprecatedEntries = new HashMap<>();
        for (Listing listing : listings.values()) {
            if (listing.deprecated()) {
                String replacement = replacement(listing, curated, listings);
                deprecatedEntries.put(CatalogContents.lowerCase(listing.id()), replacement == null
                        ? ruleEntry(listing)
                        : deprecatedEntry(listing, replacement, evaluator, current, problems));
            }
        }
        curated.deprecatedReplacements().keySet().stream()
                .filter(id -> !listings.containsKey(CatalogContents.lowerCase(id))
                        || !listings.get(CatalogContents.lowerCase(id)).deprecated())
                .forEach(id -> problems.add("deprecatedReplacements: " + id + " is not a deprecated SPDX id"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(CuratedCatalog.RESOURCE + " does not fit the SPDX license list "
                    + spdx.version() + ": " + String.join("; ", problems));
        }
        if (!spdx.version().equals(curated.reviewedSpdxListVersion())) {
            Log.warnf("SPDX license list %s differs from %s reviewed for the open-source rule: review new licenses"
                    + " for copyleft (docs/license-levels.md)", spdx.version(), curated.reviewedSpdxListVersion());
        }
        entries.putAll(deprecatedEntries);
        CatalogContents catalog = contents(spdx, curated, entries, exceptions, linking);
        Log.infof("License catalog spdx-%s+curated-%s loaded: %d licenses, %d classified", spdx.version(),
                curated.version(), catalog.entries().size(),
                catalog.entries().stream().filter(LicenseEntry::classified).count());
        return catalog;
    }

    private static Map<String, SpdxGroup> curatedGroups(CuratedCatalog curated, Map<String, Listing> listings,
            List<String> problems) {
        Map<String, SpdxGroup> groupOfId = new HashMap<>();
        for (SpdxGroup group : curated.spdxGroups()) {
            if (group.level() == null || LicenseCategory.ofLevel(group.level()).isEmpty() || group.copyleft() == null
                    || group.rationale() == null) {
                problems.add("group '" + group.name() + "' needs a level 0..7, a copyleft and a rationale");
            }
            for (String id : group.ids()) {
                Listing listing = listings.get(CatalogContents.lowerCase(id));
                if (listing == null || !listing.id().equals(id)) {
                    problems.add("group '" + group.name() + "': " + id + " is not an SPDX id (ids are exact)");
                } else if (listing.deprecated()) {
                    problems.add("group '" + group.name() + "': " + id + " is deprecated; curate its replacement");
                } else if (groupOfId.put(CatalogContents.lowerCase(id), group) != null) {
                    problems.add(id + " is in more than one group");
                }
            }
        }
        return groupOfId;
    }

    private static Set<String> linkingExceptions(CuratedCatalog curated, Map<String, String> exceptions,
            List<String> problems) {
        Set<String> linking = new HashSet<>();
        for (String id : curated.linkingExceptions()) {
            if (!id.equals(exceptions.get(CatalogContents.lowerCase(id)))) {
                problems.add("linkingExceptions: " + id + " is not an SPDX exception id");
            }
            linking.add(id);
        }
        return linking;
    }

    private static void checkLicenseRef(CuratedLicense license, Map<String, LicenseEntry> entries,
            List<String> problems) {
        if (license.id() == null || !license.id().startsWith("LicenseRef-")) {
            problems.add("licenseRefs: " + license.id() + " must start with LicenseRef-");
            return;
        }
        if (entries.containsKey(CatalogContents.lowerCase(license.id()))) {
            problems.add("licenseRefs: " + license.id() + " is defined twice");
        }
        if (license.level() == null || LicenseCategory.ofLevel(license.level()).isEmpty()
                || license.copyleft() == null || license.name() == null || license.rationale() == null) {
            problems.add(license.id() + " needs a name, a level 0..7, a copyleft and a rationale");
        }
        if (license.referenceUrl() == null || !license.referenceUrl().startsWith("https://")) {
            problems.add(license.id() + " needs an https reference URL");
        }
    }

    /**
     * The replacement of a deprecated id: curated, or derived from SPDX's naming ({@code GPL-2.0+} ->
     * {@code GPL-2.0-or-later}, {@code LGPL-2.1} -> {@code LGPL-2.1-only}); null when there is none.
     */
    private static String replacement(Listing listing, CuratedCatalog curated, Map<String, Listing> listings) {
        String curatedReplacement = curated.deprecatedReplacements().get(listing.id());
        if (curatedReplacement != null) {
            return curatedReplacement;
        }
        String id = listing.id();
        String derived = id.endsWith("+") ? id.substring(0, id.length() - 1) + "-or-later" : id + "-only";
        Listing current = listings.get(CatalogContents.lowerCase(derived));
        return current != null && !current.deprecated() ? current.id() : null;
    }

    private static LicenseEntry deprecatedEntry(Listing listing, String replacement, ExpressionEvaluator evaluator,
            CatalogContents current, List<String> problems) {
        ExpressionLevel level = evaluator.evaluate(replacement);
        if (level.malformed() || !level.unknownIds().stream().allMatch(id -> current.license(id).isPresent())) {
            problems.add(listing.id() + ": replacement '" + replacement + "' does not name current SPDX ids");
            return ruleEntry(listing);
        }
        Optional<LicenseEntry> base = primaryLicense(replacement, current);
        if (base.isEmpty()) {
            problems.add(listing.id() + ": replacement '" + replacement + "' has no primary license");
            return ruleEntry(listing);
        }
        LicenseEntry flags = base.get();
        Copyleft copyleft = flags.copyleft();
        if (level.known() && flags.level() != null && level.level() < flags.level() && copyleft != null) {
            copyleft = Copyleft.LIBRARY; // a linking exception leaves copyleft on the library only
        }
        Integer value = level.level();
        return new LicenseEntry(listing.id(), listing.name(), value, LicenseCategory.ofLevel(value).orElse(null),
                value == null ? null : LevelBasis.RULE,
                "Rule: deprecated SPDX id, read as its replacement " + level.normalised() + ".",
                true, true, level.normalised(), listing.osiApproved(), listing.fsfLibre(),
                flags.commercialUse(), flags.userThreshold(), flags.useRestrictions(), flags.competingUse(),
                flags.outputRestrictions(), copyleft, flags.convertsTo(), flags.attributionOrBranding(),
                flags.licensor(), listing.reference(), List.of());
    }

    private static Optional<LicenseEntry> primaryLicense(String replacement, CatalogContents current) {
        try {
            ExpressionNode node = ExpressionParser.parse(replacement);
            if (node instanceof ExceptionTerm exceptionTerm) {
                node = exceptionTerm.license();
            }
            return node instanceof LicenseTerm term ? current.license(term.id()) : Optional.empty();
        } catch (MalformedExpressionException e) {
            return Optional.empty();
        }
    }

    private static LicenseEntry curatedSpdxEntry(Listing listing, SpdxGroup group) {
        return new LicenseEntry(listing.id(), listing.name(), group.level(),
                LicenseCategory.ofLevel(group.level()).orElse(null), LevelBasis.CURATED, group.rationale(),
                true, false, null, listing.osiApproved(), listing.fsfLibre(),
                group.commercialUse(), group.userThreshold(), group.useRestrictions(), group.competingUse(),
                group.outputRestrictions(), group.copyleft(), group.convertsTo(), group.attributionOrBranding(),
                group.licensor(), listing.reference(), List.of());
    }

    /** A license no person curated: permissive by rule when OSI-approved or FSF-free, else unclassified. */
    private static LicenseEntry ruleEntry(Listing listing) {
        if (listing.osiApproved() || listing.fsfLibre()) {
            // Both definitions require the freedom to use for any purpose, commercial included.
            return new LicenseEntry(listing.id(), listing.name(), LicenseCategory.PERMISSIVE.level(),
                    LicenseCategory.PERMISSIVE, LevelBasis.RULE, RULE_OPEN_SOURCE, true, listing.deprecated(),
                    null, listing.osiApproved(), listing.fsfLibre(), true, null, false, false, false,
                    Copyleft.NONE, null, null, null, listing.reference(), List.of());
        }
        return new LicenseEntry(listing.id(), listing.name(), null, null, null, UNCLASSIFIED, true,
                listing.deprecated(), null, false, false, null, null, null, null, null, null, null, null, null,
                listing.reference(), List.of());
    }

    private static LicenseEntry licenseRefEntry(CuratedLicense license) {
        return new LicenseEntry(license.id(), license.name(), license.level(),
                LicenseCategory.ofLevel(license.level()).orElse(null), LevelBasis.CURATED, license.rationale(),
                false, false, null, false, false, license.commercialUse(), license.userThreshold(),
                license.useRestrictions(), license.competingUse(), license.outputRestrictions(), license.copyleft(),
                license.convertsTo(), license.attributionOrBranding(), license.licensor(), license.referenceUrl(),
                license.keyPhrases());
    }

    private static CatalogContents contents(SpdxLicenseList spdx, CuratedCatalog curated,
            Map<String, LicenseEntry> entries, Map<String, String> exceptions, Set<String> linking) {
        List<LicenseEntry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparing(entry -> CatalogContents.lowerCase(entry.id())));
        return new CatalogContents(spdx.version(), spdx.releaseDate(), curated.version(),
                curated.reviewedSpdxListVersion(), sorted, entries, exceptions, linking);
    }
}
