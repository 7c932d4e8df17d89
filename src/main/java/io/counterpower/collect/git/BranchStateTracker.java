package io.counterpower.collect.git;

import io.counterpower.collect.git.GovernanceDocChange.ChangeKind;
import io.counterpower.collect.git.GovernanceDocChange.ClaChange;
import io.counterpower.collect.git.GovernanceDocChange.DocKind;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Follows what the branch says, commit by commit along its first-parent line, about licenses and
 * governance: license observations and periods, governance document changes, maintainer seats.
 *
 * <p>The first-parent line is the branch's own sequence of states: a change made on a feature
 * branch reaches the default branch when it is merged, and is dated then. Dates are committer
 * instants for the same reason (for a web-UI merge, the moment of the merge).
 */
final class BranchStateTracker {

    /** License and governance texts beyond this are hashed but not decoded: no real one is this big. */
    static final int TEXT_LIMIT_BYTES = 4 * 1024 * 1024;

    private final ObjectReader reader;
    private final GitHistoryVisitor visitor;
    private final LicenseTimeline timeline;
    private final MaintainerRoster roster = new MaintainerRoster();
    private final SortedMap<String, ObjectId> files = new TreeMap<>();
    private boolean reportWholeStateNext;
    private long licenseObservations;
    private long governanceDocChanges;

    BranchStateTracker(ObjectReader reader, LicenseTextIdentifier identifier, GitHistoryVisitor visitor) {
        this.reader = reader;
        this.visitor = visitor;
        this.timeline = new LicenseTimeline(identifier);
    }

    /**
     * Sets the tracked files before the first commit to follow.
     *
     * @param reportWholeState true for a full read: the first commit reports every artifact's terms
     *                         (and "no license" for code) and opens a seat for everyone listed, even
     *                         if a fork inherited them unchanged; false for an incremental read,
     *                         whose caller already holds that state
     */
    void startFrom(Map<String, ObjectId> baseline, boolean reportWholeState) throws IOException {
        files.clear();
        files.putAll(baseline);
        reportWholeStateNext = reportWholeState;
        if (reportWholeState) {
            return;
        }
        for (LicenseArtifact artifact : artifactsWithFilesAndCode()) {
            timeline.startFrom(observe(artifact, null, null));
        }
        roster.startFrom(MaintainerSeat.Source.CODEOWNERS, holders(DocKind.CODEOWNERS));
        roster.startFrom(MaintainerSeat.Source.MAINTAINERS, holders(DocKind.MAINTAINERS));
        roster.startFrom(MaintainerSeat.Source.STEERING_COMMITTEE, steeringCommittee());
    }

    /** Applies the tracked changes from the commit's first parent to the commit. */
    void advance(RevCommit commit, List<DiffEntry> changes) throws IOException {
        String sha = commit.name();
        Instant at = Instant.ofEpochSecond(commit.getCommitTime());
        boolean wholeState = reportWholeStateNext;
        reportWholeStateNext = false;

        Set<LicenseArtifact> touched = EnumSet.noneOf(LicenseArtifact.class);
        Set<DocKind> touchedDocs = EnumSet.noneOf(DocKind.class);
        for (DiffEntry change : changes) {
            for (String path : new String[] {change.getOldPath(), change.getNewPath()}) {
                if (!DiffEntry.DEV_NULL.equals(path)) {
                    LicenseArtifact artifact = TrackedPaths.licenseArtifact(path);
                    if (artifact != null) {
                        touched.add(artifact);
                    }
                    DocKind doc = TrackedPaths.governanceDoc(path);
                    if (doc != null) {
                        touchedDocs.add(doc);
                    }
                }
            }
        }
        Map<LicenseArtifact, SortedMap<String, ObjectId>> before = new LinkedHashMap<>();
        for (LicenseArtifact artifact : touched) {
            before.put(artifact, licenseFiles(artifact));
        }

        for (DiffEntry change : changes) {
            GovernanceDocChange docChange = governanceDocChange(change, sha, at);
            if (docChange != null) {
                governanceDocChanges++;
                visitor.governanceDocChange(docChange);
            }
        }
        apply(changes);

        Set<LicenseArtifact> report = EnumSet.noneOf(LicenseArtifact.class);
        if (wholeState) {
            report.addAll(artifactsWithFilesAndCode());
        }
        for (LicenseArtifact artifact : touched) {
            if (!before.get(artifact).equals(licenseFiles(artifact))) {
                report.add(artifact);
            }
        }
        for (LicenseArtifact artifact : report) {
            LicenseObservation observation = observe(artifact, sha, at);
            licenseObservations++;
            visitor.licenseObservation(observation);
            timeline.accept(observation);
        }

        if (wholeState || touchedDocs.contains(DocKind.CODEOWNERS)) {
            roster.update(MaintainerSeat.Source.CODEOWNERS, holders(DocKind.CODEOWNERS), sha, at);
        }
        if (wholeState || touchedDocs.contains(DocKind.MAINTAINERS)) {
            roster.update(MaintainerSeat.Source.MAINTAINERS, holders(DocKind.MAINTAINERS), sha, at);
        }
        if (wholeState || touchedDocs.contains(DocKind.CONTRIBUTING) || touchedDocs.contains(DocKind.GOVERNANCE)) {
            roster.update(MaintainerSeat.Source.STEERING_COMMITTEE, steeringCommittee(), sha, at);
        }
    }

    List<ObservedLicensePeriod> licensePeriods() {
        return timeline.periods();
    }

    List<MaintainerSeat> maintainerSeats() {
        return roster.seats();
    }

    List<StatedAffiliation> statedAffiliations() {
        return roster.statedAffiliations();
    }

    long licenseObservations() {
        return licenseObservations;
    }

    long governanceDocChanges() {
        return governanceDocChanges;
    }

    private GovernanceDocChange governanceDocChange(DiffEntry change, String sha, Instant at) throws IOException {
        DiffEntry.ChangeType type = change.getChangeType();
        String oldPath = type == DiffEntry.ChangeType.ADD || type == DiffEntry.ChangeType.COPY ? null : change.getOldPath();
        String newPath = type == DiffEntry.ChangeType.DELETE ? null : change.getNewPath();
        DocKind oldKind = oldPath == null ? null : TrackedPaths.governanceDoc(oldPath);
        DocKind newKind = newPath == null ? null : TrackedPaths.governanceDoc(newPath);
        if (oldKind == null && newKind == null) {
            return null;
        }
        if (type == DiffEntry.ChangeType.MODIFY && change.getOldId().equals(change.getNewId())) {
            return null; // a mode change (chmod) says nothing new
        }
        ChangeKind kind;
        String path;
        String previousPath = null;
        if (oldKind != null && newKind != null) {
            kind = type == DiffEntry.ChangeType.RENAME ? ChangeKind.RENAMED : ChangeKind.MODIFIED;
            path = newPath;
            previousPath = type == DiffEntry.ChangeType.RENAME ? oldPath : null;
        } else if (newKind != null) {
            kind = ChangeKind.ADDED; // also a rename from an untracked path: new to governance
            path = newPath;
            oldPath = null;
        } else {
            kind = ChangeKind.DELETED;
            path = oldPath;
            newPath = null;
        }
        DocKind docKind = newKind != null ? newKind : oldKind;
        ClaChange cla = ClaChange.NONE;
        if (docKind == DocKind.CONTRIBUTING) {
            boolean before = oldPath != null && ClaMention.presentIn(text(change.getOldId().toObjectId()));
            boolean after = newPath != null && ClaMention.presentIn(text(change.getNewId().toObjectId()));
            cla = before == after ? ClaChange.NONE : after ? ClaChange.INTRODUCED : ClaChange.REMOVED;
        }
        return new GovernanceDocChange(sha, at, path, previousPath, docKind, kind, cla);
    }

    private void apply(List<DiffEntry> changes) {
        for (DiffEntry change : changes) {
            switch (change.getChangeType()) {
                case DELETE -> files.remove(change.getOldPath());
                case RENAME -> {
                    files.remove(change.getOldPath());
                    files.put(change.getNewPath(), change.getNewId().toObjectId());
                }
                case ADD, COPY, MODIFY -> files.put(change.getNewPath(), change.getNewId().toObjectId());
            }
        }
    }

    private SortedMap<String, ObjectId> licenseFiles(LicenseArtifact artifact) {
        SortedMap<String, ObjectId> selected = new TreeMap<>();
        files.forEach((path, id) -> {
            if (TrackedPaths.licenseArtifact(path) == artifact) {
                selected.put(path, id);
            }
        });
        return selected;
    }

    /** Code always (its absence is "no license"), and every other artifact that has files. */
    private Set<LicenseArtifact> artifactsWithFilesAndCode() {
        Set<LicenseArtifact> artifacts = EnumSet.of(LicenseArtifact.CODE);
        for (String path : files.keySet()) {
            LicenseArtifact artifact = TrackedPaths.licenseArtifact(path);
            if (artifact != null) {
                artifacts.add(artifact);
            }
        }
        return artifacts;
    }

    private LicenseObservation observe(LicenseArtifact artifact, String sha, Instant at) throws IOException {
        SortedMap<String, ObjectId> artifactFiles = licenseFiles(artifact);
        if (artifactFiles.isEmpty()) {
            return new LicenseObservation(artifact, List.of(), sha, at, null);
        }
        List<LicenseFileText> texts = new ArrayList<>(artifactFiles.size());
        MessageDigest combined = sha256();
        for (Map.Entry<String, ObjectId> file : artifactFiles.entrySet()) {
            ObjectId id = file.getValue();
            ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
            MessageDigest single = sha256();
            String text = null;
            if (loader.getSize() <= TEXT_LIMIT_BYTES) {
                byte[] bytes = loader.getCachedBytes(TEXT_LIMIT_BYTES);
                single.update(bytes);
                combined.update(bytes);
                text = LenientDecoding.decode(bytes);
            } else {
                try (InputStream in = loader.openStream()) {
                    byte[] chunk = new byte[64 * 1024];
                    for (int n; (n = in.read(chunk)) > 0; ) {
                        single.update(chunk, 0, n);
                        combined.update(chunk, 0, n);
                    }
                }
            }
            texts.add(new LicenseFileText(file.getKey(), id.name(), hex(single), text));
        }
        String textSha256 = texts.size() == 1 ? texts.get(0).textSha256() : hex(combined);
        return new LicenseObservation(artifact, texts, sha, at, textSha256);
    }

    /** Holders listed by all files of a kind, in path order, each once. */
    private List<SeatHolder> holders(DocKind kind) throws IOException {
        Map<String, SeatHolder> holders = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectId> file : files.entrySet()) {
            if (TrackedPaths.governanceDoc(file.getKey()) != kind) {
                continue;
            }
            String text = text(file.getValue());
            List<SeatHolder> listed = kind == DocKind.CODEOWNERS
                    ? SeatListings.codeowners(text)
                    : SeatListings.maintainers(text);
            for (SeatHolder holder : listed) {
                holders.putIfAbsent(holder.key(), holder.listedIn(file.getKey()));
            }
        }
        return List.copyOf(holders.values());
    }

    /** Members the steering committee sections of CONTRIBUTING and GOVERNANCE files list, in path order, each once. */
    private List<SeatHolder> steeringCommittee() throws IOException {
        Map<String, SeatHolder> holders = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectId> file : files.entrySet()) {
            DocKind kind = TrackedPaths.governanceDoc(file.getKey());
            if (kind != DocKind.CONTRIBUTING && kind != DocKind.GOVERNANCE) {
                continue;
            }
            for (SeatHolder holder : SeatListings.steeringCommittee(text(file.getValue()))) {
                holders.putIfAbsent(holder.key(), holder.listedIn(file.getKey()));
            }
        }
        return List.copyOf(holders.values());
    }

    private String text(ObjectId blob) throws IOException {
        if (blob == null || ObjectId.zeroId().equals(blob)) {
            return "";
        }
        ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
        if (loader.getSize() > TEXT_LIMIT_BYTES) {
            return "";
        }
        return LenientDecoding.decode(loader.getCachedBytes(TEXT_LIMIT_BYTES));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
