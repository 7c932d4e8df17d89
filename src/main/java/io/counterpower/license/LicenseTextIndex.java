package io.counterpower.license;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link LicenseTextMatcher} computes once: for every current SPDX license, the SHA-256 and word pairs of its
 * normalised text and, for short texts, SPDX's matching template; for every curated {@code LicenseRef-…}, its
 * normalised key phrases.
 */
final class LicenseTextIndex {

    /**
     * Template matching of a long text takes tens of milliseconds; beyond this length a text is matched by hash or
     * similarity only, which keeps one identification well under 100 ms.
     */
    static final int TEMPLATE_MAX_CHARS = 6000;

    /**
     * When texts are identical the license text alone cannot tell them apart ({@code GPL-3.0-only} and
     * {@code GPL-3.0-or-later}, the GFDL variants): report the narrowest grant ("-only"), then the simplest id.
     */
    static final Comparator<String> PREFERENCE = Comparator
            .comparing((String id) -> !id.endsWith("-only"))
            .thenComparingInt(String::length)
            .thenComparing(id -> id.toLowerCase(Locale.ROOT));

    final Map<String, List<String>> idsBySha256;
    final List<SpdxText> spdxTexts;
    final List<KeyPhrase> keyPhrases;
    final List<LicenseFingerprint> fingerprints;
    final List<GrantStatements.Statement> grantStatements;

    /** One SPDX license's text, reduced for matching. */
    record SpdxText(String id, long[] bigrams, String template, int textLength) {
    }

    /** A normalised phrase that identifies a {@code LicenseRef-…}. */
    record KeyPhrase(String id, String phrase) {
    }

    private LicenseTextIndex(Map<String, List<String>> idsBySha256, List<SpdxText> spdxTexts,
            List<KeyPhrase> keyPhrases, List<LicenseFingerprint> fingerprints,
            List<GrantStatements.Statement> grantStatements) {
        this.idsBySha256 = idsBySha256;
        this.spdxTexts = List.copyOf(spdxTexts);
        this.keyPhrases = List.copyOf(keyPhrases);
        this.fingerprints = List.copyOf(fingerprints);
        this.grantStatements = List.copyOf(grantStatements);
    }

    static LicenseTextIndex build(LicenseCatalog catalog) {
        long started = System.nanoTime();
        JsonFactory json = new JsonFactory();
        Map<String, List<String>> idsBySha256 = new HashMap<>();
        List<SpdxText> spdxTexts = new ArrayList<>();
        List<KeyPhrase> keyPhrases = new ArrayList<>();
        List<LicenseFingerprint> fingerprints = new ArrayList<>();
        for (LicenseEntry entry : catalog.entries()) {
            if (entry.spdx() && !entry.deprecated()) {
                String[] textAndTemplate = readText(json, entry.id());
                String normalised = LicenseTextNormaliser.normalise(textAndTemplate[0]);
                if (normalised.isEmpty()) {
                    continue;
                }
                String sha256 = LicenseTextNormaliser.sha256(normalised);
                idsBySha256.computeIfAbsent(sha256, key -> new ArrayList<>()).add(entry.id());
                String template = textAndTemplate[0].length() <= TEMPLATE_MAX_CHARS ? textAndTemplate[1] : null;
                spdxTexts.add(new SpdxText(entry.id(), WordBigrams.of(normalised), template,
                        textAndTemplate[0].length()));
                fingerprints.add(new LicenseFingerprint(entry.id(), FingerprintKind.NORMALISED_SHA256, sha256));
            }
            for (String phrase : entry.keyPhrases()) {
                String normalised = LicenseTextNormaliser.normalise(phrase);
                if (!normalised.isEmpty()) {
                    keyPhrases.add(new KeyPhrase(entry.id(), normalised));
                    fingerprints.add(new LicenseFingerprint(entry.id(), FingerprintKind.KEY_PHRASE, normalised));
                }
            }
        }
        idsBySha256.values().forEach(ids -> ids.sort(PREFERENCE));
        Map<String, List<String>> frozen = new HashMap<>();
        idsBySha256.forEach((sha256, ids) -> frozen.put(sha256, List.copyOf(ids)));
        Log.infof("License text index built in %d ms: %d SPDX texts, %d key phrases",
                (System.nanoTime() - started) / 1_000_000, spdxTexts.size(), keyPhrases.size());
        return new LicenseTextIndex(Map.copyOf(frozen), spdxTexts, keyPhrases, fingerprints,
                GrantStatements.load(catalog));
    }

    /** The {@code licenseText} and {@code standardLicenseTemplate} of one SPDX license file, streamed. */
    private static String[] readText(JsonFactory json, String id) {
        String text = null;
        String template = null;
        try (InputStream in = SpdxLicenseList.open(id + ".json"); JsonParser parser = json.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(id + ".json is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("licenseText".equals(field)) {
                    text = parser.getText();
                } else if ("standardLicenseTemplate".equals(field)) {
                    template = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SPDX text of " + id, e);
        }
        return new String[] {text == null ? "" : text, template};
    }
}
