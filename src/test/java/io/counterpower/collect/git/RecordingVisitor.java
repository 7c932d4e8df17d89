package io.counterpower.collect.git;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a read hands over, for assertions on small test histories. */
final class RecordingVisitor implements GitHistoryVisitor {

    final List<CommitRecord> commits = new ArrayList<>();
    final List<LicenseObservation> licenseObservations = new ArrayList<>();
    final List<GovernanceDocChange> governanceDocChanges = new ArrayList<>();
    ReadSummary finished;

    @Override
    public void commit(CommitRecord commit) {
        commits.add(commit);
    }

    @Override
    public void licenseObservation(LicenseObservation observation) {
        licenseObservations.add(observation);
    }

    @Override
    public void governanceDocChange(GovernanceDocChange change) {
        governanceDocChanges.add(change);
    }

    @Override
    public void finished(ReadSummary summary) {
        finished = summary;
    }

    List<Contribution> contributions() {
        return commits.stream().flatMap(c -> c.contributions().stream()).toList();
    }

    CommitRecord commit(Object sha) {
        String name = sha instanceof org.eclipse.jgit.lib.AnyObjectId id ? id.name() : sha.toString();
        return commits.stream().filter(c -> c.sha().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No commit " + name));
    }
}
