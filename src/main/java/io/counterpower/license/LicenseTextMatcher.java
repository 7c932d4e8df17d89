package io.counterpower.license;

import io.counterpower.license.LicenseTextIndex.KeyPhrase;
import io.counterpower.license.LicenseTextIndex.SpdxText;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.spdx.utility.compare.LicenseCompareHelper;
import org.spdx.utility.compare.SpdxCompareException;

/**
 * Identifies a license file's text against the {@link LicenseCatalog}, following the SPDX matching guidelines
 * (https://spdx.github.io/spdx-spec/v2.3/license-matching-guidelines-and-templates/). In order, and the first that
 * succeeds wins:
 * <ol>
 *   <li>{@code normalised-sha256}: the normalised text (see {@link #normalisedSha256}) is an SPDX text;</li>
 *   <li>{@code fixed-text}: the fixed text of a license with parameters (BUSL-1.1) is there; the parameters are
 *       read into the match;</li>
 *   <li>{@code grant-statement}: the text grants a choice of licenses that {@code license/grant-statements.json}
 *       curates (Redis's "RSALv2 or SSPLv1"): the expression it grants, before key phrases, which would read only
 *       the first option's title;</li>
 *   <li>{@code spdx-template}: SPDX's own template accepts the text, tried on the closest short candidates;</li>
 *   <li>{@code key-phrase}: the text carries a curated key phrase of a {@code LicenseRef-…} (its title). Before
 *       similarity, because several AI licenses are edited copies of Apache-2.0 whose title says what they are;</li>
 *   <li>{@code similarity}: word-pair Dice with an SPDX text at or above {@value #SIMILARITY_THRESHOLD};</li>
 * </ol>
 * otherwise nothing: an unmatched text is never guessed. The index is computed once, on first use (about a second);
 * after that one identification takes a few milliseconds.
 */
@Singleton
public class LicenseTextMatcher {

    /**
     * Dice coefficient from which a text counts as a near copy of an SPDX text. High on purpose: at 0.95 a text
     * differs from the license in a few words per hundred (a stray header, a changed name). A small added clause in
     * a long license can stay below that, which is why the method is reported with the match.
     */
    static final double SIMILARITY_THRESHOLD = 0.95;

    /** Candidates less similar than this are not worth a template comparison. */
    static final double TEMPLATE_CANDIDATE_FLOOR = 0.80;

    /** Template comparisons per text, closest candidates first, to bound the time. */
    static final int TEMPLATE_CANDIDATES = 3;

    /** A license file is a few pages; beyond this the text is cut before matching rather than slowing the service. */
    static final int MAX_TEXT_CHARS = 1_000_000;

    private static final double SAME_SCORE = 1e-9;

    private final LicenseCatalog catalog;
    private volatile LicenseTextIndex index;

    @Inject
    public LicenseTextMatcher(LicenseCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** Identifies a license text; a text nothing matches gives an empty id and method {@code none}. */
    public LicenseTextMatch identify(String text) {
        String input = text == null ? "" : text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
        String normalised = LicenseTextNormaliser.normalise(input);
        String sha256 = LicenseTextNormaliser.sha256(normalised);
        if (normalised.isEmpty()) {
            return LicenseTextMatch.none(0, sha256);
        }
        LicenseTextIndex texts = index();
        List<String> exact = texts.idsBySha256.get(sha256);
        if (exact != null) {
            return new LicenseTextMatch(exact.get(0), MatchMethod.NORMALISED_SHA256, 1.0, sha256,
                    exact.subList(1, exact.size()));
        }
        if (BusinessSourceLicense.recognises(normalised)) {
            return busl(input, sha256);
        }
        GrantStatements.Statement grant = GrantStatements.find(texts.grantStatements, normalised);
        if (grant != null) {
            return new LicenseTextMatch(grant.expression(), MatchMethod.GRANT_STATEMENT, 1.0, sha256, List.of());
        }
        List<Candidate> candidates = candidates(texts, WordBigrams.of(normalised));
        LicenseTextMatch byTemplate = byTemplate(candidates, input, sha256);
        if (byTemplate != null) {
            return byTemplate;
        }
        if (isUsePolicy(normalised)) {
            // An acceptable-use policy names the license it belongs to; it is not that license (section 5).
            return LicenseTextMatch.none(candidates.isEmpty() ? 0 : candidates.get(0).score(), sha256);
        }
        LicenseTextMatch byKeyPhrase = byKeyPhrase(texts, normalised, sha256);
        if (byKeyPhrase != null) {
            return byKeyPhrase;
        }
        double best = candidates.isEmpty() ? 0 : candidates.get(0).score();
        if (best >= SIMILARITY_THRESHOLD) {
            return new LicenseTextMatch(candidates.get(0).text().id(), MatchMethod.SIMILARITY, best, sha256,
                    tiedWith(candidates, candidates.get(0)));
        }
        return LicenseTextMatch.none(best, sha256);
    }

    /** SHA-256 of a text after normalisation, to compare with stored {@code normalised-sha256} fingerprints. */
    String normalisedSha256(String text) {
        return LicenseTextNormaliser.sha256(LicenseTextNormaliser.normalise(text));
    }

    /**
     * What recognises each license: the SHA-256 of every current SPDX license's normalised text and the normalised
     * key phrases of the curated licenses. Identical SPDX texts share a hash.
     */
    List<LicenseFingerprint> fingerprints() {
        return index().fingerprints;
    }

    /** Words of a text's opening within which an "acceptable use policy" title marks a use policy. */
    static final int USE_POLICY_TITLE_WORDS = 12;

    /** Whether the text opens as an acceptable-use policy (Llama's USE_POLICY.md), which is no license. */
    static boolean isUsePolicy(String normalised) {
        String[] words = normalised.split(" ", USE_POLICY_TITLE_WORDS + 1);
        String opening = " " + String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length,
                USE_POLICY_TITLE_WORDS))) + " ";
        return opening.contains(" acceptable use policy ");
    }

    private LicenseTextMatch busl(String input, String sha256) {
        Map<String, String> parameters = new LinkedHashMap<>(BusinessSourceLicense.parameters(input));
        BusinessSourceLicense.changeLicenseId(parameters.get("changeLicense"), catalog)
                .ifPresent(id -> parameters.put("convertsTo", id));
        return new LicenseTextMatch(BusinessSourceLicense.ID, MatchMethod.FIXED_TEXT, 1.0, sha256, List.of(),
                parameters);
    }

    private static List<Candidate> candidates(LicenseTextIndex texts, long[] bigrams) {
        List<Candidate> candidates = new ArrayList<>();
        for (SpdxText text : texts.spdxTexts) {
            if (WordBigrams.diceUpperBound(bigrams.length, text.bigrams().length) >= TEMPLATE_CANDIDATE_FLOOR) {
                double score = WordBigrams.dice(bigrams, text.bigrams());
                if (score >= TEMPLATE_CANDIDATE_FLOOR) {
                    candidates.add(new Candidate(text, score));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparing(candidate -> candidate.text().id(), LicenseTextIndex.PREFERENCE));
        return candidates;
    }

    private static LicenseTextMatch byTemplate(List<Candidate> candidates, String input, String sha256) {
        int compared = 0;
        for (Candidate candidate : candidates) {
            if (compared == TEMPLATE_CANDIDATES) {
                break;
            }
            SpdxText text = candidate.text();
            // A text much longer than the license cannot match its template; do not spend time proving it.
            if (text.template() == null || input.length() > 2 * text.textLength() + 1000) {
                continue;
            }
            compared++;
            if (templateAccepts(text, input)) {
                return new LicenseTextMatch(text.id(), MatchMethod.SPDX_TEMPLATE, candidate.score(), sha256,
                        tiedWith(candidates, candidate));
            }
        }
        return null;
    }

    private static boolean templateAccepts(SpdxText text, String input) {
        try {
            return !LicenseCompareHelper.isTextMatchingTemplate(text.template(), input).isDifferenceFound();
        } catch (SpdxCompareException | RuntimeException e) {
            // A template the library cannot apply is no evidence either way: fall through to the next method.
            Log.debugf(e, "SPDX template of %s could not be applied", text.id());
            return false;
        }
    }

    /**
     * The license whose key phrase appears first in the text: a license's title heads its text, while other
     * licenses are mentioned further down ("... may be subject to the Qwen License Agreement").
     */
    private static LicenseTextMatch byKeyPhrase(LicenseTextIndex texts, String normalised, String sha256) {
        String padded = " " + normalised + " ";
        KeyPhrase first = null;
        int firstAt = Integer.MAX_VALUE;
        Set<String> matchedIds = new LinkedHashSet<>();
        for (KeyPhrase keyPhrase : texts.keyPhrases) {
            int at = padded.indexOf(" " + keyPhrase.phrase() + " ");
            if (at >= 0) {
                matchedIds.add(keyPhrase.id());
                if (at < firstAt || at == firstAt && keyPhrase.phrase().length() > first.phrase().length()) {
                    first = keyPhrase;
                    firstAt = at;
                }
            }
        }
        if (first == null) {
            return null;
        }
        matchedIds.remove(first.id());
        return new LicenseTextMatch(first.id(), MatchMethod.KEY_PHRASE, 1.0, sha256, new ArrayList<>(matchedIds));
    }

    private static List<String> tiedWith(List<Candidate> candidates, Candidate chosen) {
        return candidates.stream()
                .filter(candidate -> candidate != chosen && Math.abs(candidate.score() - chosen.score()) < SAME_SCORE)
                .map(candidate -> candidate.text().id())
                .toList();
    }

    private LicenseTextIndex index() {
        LicenseTextIndex built = index;
        if (built == null) {
            synchronized (this) {
                built = index;
                if (built == null) {
                    built = LicenseTextIndex.build(catalog);
                    index = built;
                }
            }
        }
        return built;
    }

    private record Candidate(SpdxText text, double score) {
    }
}
