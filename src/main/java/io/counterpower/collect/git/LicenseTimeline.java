package io.counterpower.collect.git;

import io.quarkus.logging.Log;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Folds license observations, oldest first, into {@link ObservedLicensePeriod}s per artifact.
 *
 * <p>An artifact with several license files (a {@code LICENSES/} folder next to {@code LICENSE})
 * gets the conjunction of their expressions, {@code A AND B}: the reader cannot tell a choice
 * ({@code OR}, as dual MIT/Apache files usually mean) from a conjunction, and a conjunction takes
 * the most restrictive level, the cautious reading; a manual period can correct it. If any file is
 * unidentified, the artifact is unidentified.
 */
final class LicenseTimeline {

    private final LicenseTextIdentifier identifier;
    private final Map<String, Optional<String>> identifiedByTextHash = new HashMap<>();
    private final Map<LicenseArtifact, ObservedLicensePeriod> current = new EnumMap<>(LicenseArtifact.class);
    private final List<ObservedLicensePeriod> periods = new ArrayList<>();

    LicenseTimeline(LicenseTextIdentifier identifier) {
        this.identifier = Objects.requireNonNull(identifier, "identifier");
    }

    /**
     * Sets what the branch stated before the observations that follow, without reporting it as a
     * period: an incremental read knows the state at its boundary, and an unchanged license after
     * it must not look like a new period.
     */
    void startFrom(LicenseObservation baseline) {
        current.put(baseline.artifact(), periodOf(baseline));
    }

    /**
     * Adds the next observation; opens a period when the terms differ from the current one. Before
     * the artifact's first license file nothing is known: "no file" then opens no period (it is not
     * level 7), and the first file's period is the artifact's first.
     */
    void accept(LicenseObservation observation) {
        ObservedLicensePeriod candidate = periodOf(observation);
        ObservedLicensePeriod open = current.get(observation.artifact());
        if (observation.isNoLicense() && (open == null || ObservedLicensePeriod.NO_LICENSE.equals(open.expression()))) {
            return;
        }
        if (open != null && sameTerms(open, candidate)) {
            return;
        }
        current.put(observation.artifact(), candidate);
        periods.add(candidate);
    }

    /** The periods opened so far, in the order their observations came. */
    List<ObservedLicensePeriod> periods() {
        return List.copyOf(periods);
    }

    /** The expression of an observation: {@code NONE}, an identified expression, or null. */
    String expressionOf(LicenseObservation observation) {
        if (observation.isNoLicense()) {
            return ObservedLicensePeriod.NO_LICENSE;
        }
        TreeSet<String> expressions = new TreeSet<>();
        for (LicenseFileText file : observation.files()) {
            Optional<String> identified = file.text() == null
                    ? Optional.empty()
                    : identifiedByTextHash.computeIfAbsent(file.textSha256(), hash -> identify(file));
            if (identified.isEmpty()) {
                return null;
            }
            expressions.add(identified.get().strip());
        }
        if (expressions.size() == 1) {
            return expressions.first();
        }
        List<String> parts = new ArrayList<>();
        for (String expression : expressions) {
            boolean compound = expression.contains(" OR ") || expression.contains(" AND ");
            parts.add(compound ? "(" + expression + ")" : expression);
        }
        return String.join(" AND ", parts);
    }

    private Optional<String> identify(LicenseFileText file) {
        try {
            return identifier.identify(file.text()).filter(expression -> !expression.isBlank());
        } catch (RuntimeException e) {
            // A catalog failure leaves the text unidentified instead of losing the whole history.
            Log.warnf(e, "License identification failed for %s (%s)", file.path(), file.textSha256());
            return Optional.empty();
        }
    }

    private ObservedLicensePeriod periodOf(LicenseObservation observation) {
        return new ObservedLicensePeriod(observation.artifact(), expressionOf(observation), observation.textSha256(),
                observation.commitInstant(), observation.commitSha(), parametersOf(observation));
    }

    /** The parameters of a single identified file (BUSL-1.1); several files or none have none. */
    private Map<String, String> parametersOf(LicenseObservation observation) {
        if (observation.files().size() != 1 || observation.files().get(0).text() == null) {
            return Map.of();
        }
        try {
            return identifier.parameters(observation.files().get(0).text());
        } catch (RuntimeException e) {
            return Map.of(); // as for identification: a catalog failure loses the detail, not the history
        }
    }

    private static boolean sameTerms(ObservedLicensePeriod open, ObservedLicensePeriod next) {
        if (open.expression() != null || next.expression() != null) {
            return Objects.equals(open.expression(), next.expression());
        }
        return Objects.equals(open.textSha256(), next.textSha256());
    }
}
