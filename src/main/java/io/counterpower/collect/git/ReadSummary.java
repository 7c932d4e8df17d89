package io.counterpower.collect.git;

import java.util.List;

/**
 * The outcome of a read, handed to {@link GitHistoryVisitor#finished} and returned. It holds
 * counts and the small derived results (periods, seats), never the commits.
 *
 * @param branchRef            the ref that was read, e.g. {@code refs/heads/main}
 * @param tipSha               the branch's tip: store it and pass it as {@code since} next time
 * @param forkPointSha         the fork point used, or null
 * @param sinceSha             the boundary of an incremental read, or null
 * @param commitsRead          commits handed to the visitor
 * @param licenseObservations  license observations handed to the visitor
 * @param governanceDocChanges governance document changes handed to the visitor
 * @param historyComplete      false for a shallow clone: commits and periods before the cut are missing
 * @param mailmapChanged       for an incremental read, whether {@code .mailmap} differs between the
 *                             boundary and the tip: identities read earlier were resolved with the
 *                             old one, and the caller may want to re-resolve them
 * @param licensePeriods       periods opened by this read, per artifact in time order (for an
 *                             incremental read, only those opened after the boundary)
 * @param maintainerSeats      seats held or ended during the read, ordered by start
 * @param statedAffiliations   affiliations the MAINTAINERS files state for their holders, held or ended
 *                             during the read, ordered by start
 */
record ReadSummary(
        String branchRef,
        String tipSha,
        String forkPointSha,
        String sinceSha,
        long commitsRead,
        long licenseObservations,
        long governanceDocChanges,
        boolean historyComplete,
        boolean mailmapChanged,
        List<ObservedLicensePeriod> licensePeriods,
        List<MaintainerSeat> maintainerSeats,
        List<StatedAffiliation> statedAffiliations) {

    public ReadSummary {
        licensePeriods = List.copyOf(licensePeriods);
        maintainerSeats = List.copyOf(maintainerSeats);
        statedAffiliations = List.copyOf(statedAffiliations);
    }
}
