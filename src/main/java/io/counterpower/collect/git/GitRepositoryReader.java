package io.counterpower.collect.git;

import io.counterpower.collect.git.RepositoryReadException.Reason;
import io.quarkus.logging.Log;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads a git repository's history for the git collector: contributions with resolved identities,
 * license periods, governance document changes and maintainer seats (METHODOLOGY.md section 2).
 *
 * <p>Typical use, writing in batches of 500:
 * <pre>{@code
 * try (GitRepositoryReader reader = GitRepositoryReader.cloneOrFetch(url, cacheDir)) {
 *     ReadSummary summary = reader.read(
 *             ReadRequest.defaultBranch().since(lastTip).identifyingLicensesWith(catalog::identify),
 *             GitHistoryVisitor.commitsInBatches(500, contributions::insertAll));
 *     lastTip = summary.tipSha();
 * } catch (RepositoryReadException e) {
 *     if (e.reason() == Reason.HISTORY_REWRITTEN) { ... read again without since ... }
 * }
 * }</pre>
 *
 * <p>Memory: commits are handed over one at a time and not retained; their bodies are parsed and
 * dropped per commit. JGit's walk keeps a small header per visited commit (ids, parents, time:
 * about 100 bytes, so some 10 MB for 100,000 commits), which a topological order needs.
 *
 * <p>An instance is not thread-safe; open one per job.
 */
final class GitRepositoryReader implements AutoCloseable {

    /** Network timeout of clone and fetch, in seconds: large AI repositories take a while to pack. */
    static final int TRANSPORT_TIMEOUT_SECONDS = 300;

    private static final String MAILMAP = ".mailmap";

    static {
        // JGit's defaults (10 MB of pack windows of 8 KB, 10 MB of delta bases) suit an IDE, not a read of
        // every commit and tree of a 36,000-commit pack: windows were evicted and re-read throughout
        // (WindowCache.evict and Pack.get led a JFR profile of terraform's collection). Windows are mapped
        // files, off the heap, so a larger cache does not press on the service's heap cap.
        WindowCacheConfig packs = new WindowCacheConfig();
        packs.setPackedGitMMAP(true);
        packs.setPackedGitWindowSize(64 * 1024);
        packs.setPackedGitLimit(256L * 1024 * 1024);
        packs.setDeltaBaseCacheLimit(32 * 1024 * 1024);
        packs.setStreamFileThreshold(8 * 1024 * 1024);
        packs.install();
    }

    private final Repository repository;

    private GitRepositoryReader(Repository repository) {
        this.repository = repository;
    }

    /**
     * Opens a local repository: a bare one, a working tree with {@code .git} (a directory or a
     * git-file), or a {@code file:} URL of either. Parent directories are not searched: a plain
     * folder inside some checkout is not that checkout.
     */
    static GitRepositoryReader open(String pathOrFileUrl) throws RepositoryReadException {
        Objects.requireNonNull(pathOrFileUrl, "pathOrFileUrl");
        String location = pathOrFileUrl.strip();
        if (location.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                return open(Paths.get(new URI(location)));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new RepositoryReadException(Reason.INVALID_LOCATION,
                        "Not a valid file: URL: " + location + " (" + e.getMessage() + ")", e);
            }
        }
        if (location.contains("://")) {
            throw new RepositoryReadException(Reason.INVALID_LOCATION,
                    "Only local paths and file: URLs can be opened; clone " + location + " with cloneOrFetch");
        }
        return open(Path.of(location));
    }

    /** Opens a local repository at {@code path} (see {@link #open(String)}). */
    static GitRepositoryReader open(Path path) throws RepositoryReadException {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw new RepositoryReadException(Reason.PATH_NOT_FOUND, "Nothing exists at " + path);
        }
        if (!Files.isDirectory(path)) {
            throw new RepositoryReadException(Reason.NOT_A_REPOSITORY, path + " is a file, not a git repository");
        }
        File dir = path.toFile();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        if (RepositoryCache.FileKey.isGitRepository(dir, FS.DETECTED)) {
            builder.setGitDir(dir); // bare repository, or a .git directory given directly
        } else if (Files.exists(path.resolve(Constants.DOT_GIT))) {
            builder.setWorkTree(dir); // resolves .git, including a git-file of a linked worktree
        } else {
            throw new RepositoryReadException(Reason.NOT_A_REPOSITORY,
                    path + " is not a git repository (no .git, and not a bare repository)");
        }
        try {
            return new GitRepositoryReader(builder.build());
        } catch (RepositoryNotFoundException | IllegalArgumentException e) {
            throw new RepositoryReadException(Reason.NOT_A_REPOSITORY,
                    path + " is not a readable git repository: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RepositoryReadException(Reason.UNREADABLE, "Cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Brings a remote repository into {@code targetDir} and opens it: a bare clone (all branches,
     * no working tree, which reading does not need) the first time, a fetch that prunes deleted
     * branches afterwards. {@code url} is anything git accepts ({@code https://…},
     * {@code file:///…}). No credentials are sent: the collector reads public repositories.
     */
    static GitRepositoryReader cloneOrFetch(String url, Path targetDir) throws RepositoryReadException {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(targetDir, "targetDir");
        try {
            new URIish(url);
        } catch (URISyntaxException e) {
            throw new RepositoryReadException(Reason.INVALID_LOCATION, "Not a valid repository URL: " + url, e);
        }
        if (isNonEmptyDirectory(targetDir)) {
            return fetchInto(url, targetDir);
        }
        if (Files.exists(targetDir) && !Files.isDirectory(targetDir)) {
            throw new RepositoryReadException(Reason.TARGET_OCCUPIED, targetDir + " is a file, not a directory");
        }
        try (Git clone = Git.cloneRepository()
                .setURI(url)
                .setDirectory(targetDir.toFile())
                .setBare(true)
                .setCloneAllBranches(true)
                .setTimeout(TRANSPORT_TIMEOUT_SECONDS)
                .call()) {
            Log.debugf("Cloned %s into %s", url, clone.getRepository().getDirectory());
        } catch (InvalidRemoteException | TransportException e) {
            throw new RepositoryReadException(Reason.REMOTE_UNREACHABLE,
                    "Cannot clone " + url + ": " + e.getMessage(), e);
        } catch (GitAPIException | RuntimeException e) {
            throw new RepositoryReadException(Reason.REMOTE_UNREACHABLE,
                    "Clone of " + url + " failed: " + e.getMessage(), e);
        }
        return open(targetDir);
    }

    private static GitRepositoryReader fetchInto(String url, Path targetDir) throws RepositoryReadException {
        GitRepositoryReader reader;
        try {
            reader = open(targetDir);
        } catch (RepositoryReadException e) {
            throw new RepositoryReadException(Reason.TARGET_OCCUPIED,
                    targetDir + " is not empty and holds no repository; clone into an empty directory", e);
        }
        Repository repository = reader.repository;
        String origin = repository.getConfig().getString("remote", "origin", "url");
        if (!repository.isBare() || origin == null || !sameRemote(url, origin)) {
            reader.close();
            throw new RepositoryReadException(Reason.TARGET_OCCUPIED, targetDir
                    + " holds a repository that is not a bare clone of " + url + " (origin: " + origin + ")");
        }
        try (Git git = Git.wrap(repository)) {
            FetchResult result = git.fetch()
                    .setRemote("origin")
                    .setRemoveDeletedRefs(true)
                    .setTimeout(TRANSPORT_TIMEOUT_SECONDS)
                    .call();
            followRemoteDefaultBranch(repository, result);
        } catch (InvalidRemoteException | TransportException e) {
            reader.close();
            throw new RepositoryReadException(Reason.REMOTE_UNREACHABLE,
                    "Cannot fetch " + url + ": " + e.getMessage(), e);
        } catch (GitAPIException | IOException | RuntimeException e) {
            reader.close();
            throw new RepositoryReadException(Reason.REMOTE_UNREACHABLE,
                    "Fetch of " + url + " failed: " + e.getMessage(), e);
        }
        return reader;
    }

    /** {@code https://host/org/repo}, with or without a trailing slash or {@code .git}, is one remote. */
    private static boolean sameRemote(String a, String b) {
        return normalisedRemote(a).equals(normalisedRemote(b));
    }

    private static String normalisedRemote(String url) {
        String s = url.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.endsWith(".git") ? s.substring(0, s.length() - 4) : s;
    }

    /** A project that renames its default branch (master to main) must be read on the new one. */
    private static void followRemoteDefaultBranch(Repository repository, FetchResult result) throws IOException {
        Ref remoteHead = result.getAdvertisedRef(Constants.HEAD);
        if (remoteHead == null || !remoteHead.isSymbolic()) {
            return;
        }
        String target = remoteHead.getTarget().getName();
        Ref localHead = repository.exactRef(Constants.HEAD);
        boolean differs = localHead == null || !localHead.isSymbolic()
                || !target.equals(localHead.getTarget().getName());
        if (differs && repository.exactRef(target) != null) {
            RefUpdate update = repository.updateRef(Constants.HEAD);
            update.disableRefLog();
            update.link(target);
        }
    }

    /** Whether the repository is a shallow clone, whose history stops at a cut. */
    public boolean isShallow() throws RepositoryReadException {
        try {
            return !repository.getObjectDatabase().getShallowCommits().isEmpty();
        } catch (IOException e) {
            throw new RepositoryReadException(Reason.UNREADABLE, "Cannot read the shallow list: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the history the request describes into {@code visitor} (see {@link GitHistoryVisitor}
     * for the order of calls). Everything that can be wrong with the request (a missing branch, a
     * shallow clone, a rewritten history) is checked before the first callback, so a failed read
     * has handed nothing over.
     */
    ReadSummary read(ReadRequest request, GitHistoryVisitor visitor) throws RepositoryReadException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(visitor, "visitor");
        try {
            ReadPlan plan = plan(request);
            long commits = readCommits(plan, request, visitor);
            visitor.commitsDone();
            BranchStateTracker states = readBranchStates(plan, request, visitor);
            ReadSummary summary = new ReadSummary(plan.branchRef, plan.tip.name(), request.forkPointSha(),
                    request.sinceSha(), commits, states.licenseObservations(), states.governanceDocChanges(),
                    !plan.shallow, plan.mailmapChanged, states.licensePeriods(), states.maintainerSeats(),
                    states.statedAffiliations());
            visitor.finished(summary);
            return summary;
        } catch (MissingObjectException e) {
            throw new RepositoryReadException(Reason.UNREADABLE,
                    "The repository lacks object " + e.getObjectId().name() + " (corrupt or incomplete)", e);
        } catch (IOException e) {
            throw new RepositoryReadException(Reason.UNREADABLE, "Cannot read the repository: " + e.getMessage(), e);
        }
    }

    /**
     * How many commits {@link #read} would hand over for {@code request}, by a walk over commit
     * headers only (no bodies, no trees): a job shows its progress against it. It checks the
     * request as {@code read} does and fails with the same reasons.
     */
    long countCommits(ReadRequest request) throws RepositoryReadException {
        Objects.requireNonNull(request, "request");
        try {
            ReadPlan plan = plan(request);
            try (RevWalk walk = new RevWalk(repository)) {
                walk.setRetainBody(false);
                markRange(walk, plan);
                long count = 0;
                while (walk.next() != null) {
                    count++;
                }
                return count;
            }
        } catch (MissingObjectException e) {
            throw new RepositoryReadException(Reason.UNREADABLE,
                    "The repository lacks object " + e.getObjectId().name() + " (corrupt or incomplete)", e);
        } catch (IOException e) {
            throw new RepositoryReadException(Reason.UNREADABLE, "Cannot read the repository: " + e.getMessage(), e);
        }
    }

    /** What a read resolved before handing anything over. */
    private record ReadPlan(String branchRef, ObjectId tip, List<ObjectId> boundaries, Mailmap mailmap,
                            boolean shallow, boolean mailmapChanged) {
    }

    private ReadPlan plan(ReadRequest request) throws RepositoryReadException, IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            Ref ref = resolveBranch(request.branch());
            RevCommit tip = walk.parseCommit(ref.getObjectId());
            boolean shallow = isShallow();
            if (shallow && request.shallowHistory() == ReadRequest.ShallowHistory.REJECT) {
                throw new RepositoryReadException(Reason.SHALLOW_CLONE, "The repository is a shallow clone: its "
                        + "history is incomplete and counts would be wrong. Fetch the full history, or accept "
                        + "an incomplete read with ReadRequest.acceptingShallowHistory()");
            }
            List<ObjectId> boundaries = new ArrayList<>(2);
            if (request.forkPointSha() != null) {
                RevCommit forkPoint = commitInHistory(request.forkPointSha(), tip);
                if (forkPoint == null) {
                    throw new RepositoryReadException(Reason.FORK_POINT_NOT_FOUND, "Fork point "
                            + request.forkPointSha() + " is not a commit in the history of " + ref.getName());
                }
                boundaries.add(forkPoint);
            }
            RevCommit since = null;
            if (request.sinceSha() != null) {
                since = commitInHistory(request.sinceSha(), tip);
                if (since == null) {
                    throw new RepositoryReadException(Reason.HISTORY_REWRITTEN, "Commit " + request.sinceSha()
                            + ", where the last read ended, is no longer in the history of " + ref.getName()
                            + " (rewritten by a force-push?); read the whole history again");
                }
                boundaries.add(since);
            }
            ObjectId tipMailmap = blobAt(tip.getTree(), MAILMAP);
            Mailmap mailmap = tipMailmap == null ? Mailmap.EMPTY : Mailmap.parse(mailmapText(tipMailmap));
            boolean mailmapChanged = since != null
                    && !Objects.equals(tipMailmap, blobAt(walk.parseCommit(since).getTree(), MAILMAP));
            return new ReadPlan(ref.getName(), tip.copy(), boundaries, mailmap, shallow, mailmapChanged);
        }
    }

    private Ref resolveBranch(String branch) throws RepositoryReadException, IOException {
        List<Ref> all = repository.getRefDatabase().getRefs();
        boolean anyCommit = all.stream().anyMatch(r -> r.getObjectId() != null);
        if (!anyCommit) {
            throw new RepositoryReadException(Reason.EMPTY_REPOSITORY, "The repository has no commit");
        }
        Ref ref;
        if (branch == null) {
            ref = repository.exactRef(Constants.HEAD);
            if (ref == null || ref.getObjectId() == null) {
                String target = ref != null && ref.isSymbolic() ? ref.getTarget().getName() : "nothing";
                throw new RepositoryReadException(Reason.BRANCH_NOT_FOUND, "HEAD points to " + target
                        + ", which has no commit; name a branch (there are: " + branchNames() + ")");
            }
        } else {
            ref = null;
            List<String> candidates = branch.startsWith(Constants.R_REFS)
                    ? List.of(branch)
                    : List.of(Constants.R_HEADS + branch, Constants.R_REMOTES + "origin/" + branch);
            for (String name : candidates) {
                Ref found = repository.exactRef(name);
                if (found != null && found.getObjectId() != null) {
                    ref = found;
                    break;
                }
            }
            if (ref == null) {
                throw new RepositoryReadException(Reason.BRANCH_NOT_FOUND,
                        "No branch " + branch + " (there are: " + branchNames() + ")");
            }
        }
        return ref.isSymbolic() ? ref.getLeaf() : ref;
    }

    private String branchNames() throws IOException {
        try (Stream<String> names = repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
                .map(r -> Repository.shortenRefName(r.getName()))) {
            String joined = String.join(", ", names.sorted().toList());
            return joined.isEmpty() ? "none" : joined;
        }
    }

    /** The commit {@code sha} if it exists and the tip reaches it; otherwise null. */
    private RevCommit commitInHistory(String sha, RevCommit tip) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            return walk.isMergedInto(commit, walk.parseCommit(tip)) ? commit : null;
        } catch (MissingObjectException | IncorrectObjectTypeException notACommitHere) {
            return null;
        }
    }

    private long readCommits(ReadPlan plan, ReadRequest request, GitHistoryVisitor visitor) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            // Bodies are parsed per commit and dropped, so the walk holds only headers.
            walk.setRetainBody(false);
            walk.sort(RevSort.TOPO);
            if (request.order() == ReadRequest.CommitOrder.OLDEST_FIRST) {
                walk.sort(RevSort.REVERSE, true);
            }
            markRange(walk, plan);
            // A topological order visits every commit before it returns the first one, so taking them all
            // first costs nothing more and tells the caller how many there are (one walk, not two).
            List<RevCommit> ordered = new ArrayList<>();
            for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
                ordered.add(commit);
            }
            visitor.counted(ordered.size());
            CommitDecoder decoder = new CommitDecoder(plan.mailmap);
            TrackedDiff diff = new TrackedDiff(walk.getObjectReader(), repository.getConfig());
            long count = 0;
            for (RevCommit commit : ordered) {
                walk.parseBody(commit);
                List<String> changedPaths = diff.changedPaths(firstParentTree(walk, commit), commit.getTree());
                CommitRecord record = decoder.decode(commit.name(), commit.getRawBuffer(), changedPaths);
                commit.disposeBody();
                visitor.commit(record);
                count++;
            }
            return count;
        }
    }

    private BranchStateTracker readBranchStates(ReadPlan plan, ReadRequest request, GitHistoryVisitor visitor)
            throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRetainBody(false);
            walk.setFirstParent(true);
            walk.sort(RevSort.REVERSE);
            markRange(walk, plan);
            ObjectReader reader = walk.getObjectReader();
            TrackedDiff diff = new TrackedDiff(reader, repository.getConfig());
            BranchStateTracker tracker = new BranchStateTracker(reader, request.licenseIdentifier(), visitor);
            boolean first = true;
            for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
                RevTree parentTree = firstParentTree(walk, commit);
                if (first) {
                    tracker.startFrom(diff.trackedFiles(parentTree), request.sinceSha() == null);
                    first = false;
                }
                tracker.advance(commit, diff.changes(parentTree, commit.getTree(), true));
            }
            return tracker;
        }
    }

    private static void markRange(RevWalk walk, ReadPlan plan) throws IOException {
        walk.markStart(walk.parseCommit(plan.tip));
        for (ObjectId boundary : plan.boundaries) {
            walk.markUninteresting(walk.parseCommit(boundary));
        }
    }

    /** The first parent's tree; null for a root commit or one whose parents a shallow clone cut off. */
    private static RevTree firstParentTree(RevWalk walk, RevCommit commit) throws IOException {
        if (commit.getParentCount() == 0) {
            return null;
        }
        RevCommit parent = commit.getParent(0);
        walk.parseHeaders(parent);
        return parent.getTree();
    }

    private ObjectId blobAt(RevTree tree, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repository, path, tree)) {
            return walk == null || (walk.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE ? null : walk.getObjectId(0);
        }
    }

    private String mailmapText(ObjectId blob) throws IOException {
        ObjectLoader loader = repository.open(blob, Constants.OBJ_BLOB);
        if (loader.getSize() > BranchStateTracker.TEXT_LIMIT_BYTES) {
            Log.warnf("Ignoring a .mailmap of %d bytes in %s: no real one is that large", loader.getSize(),
                    repository.getDirectory());
            return "";
        }
        return LenientDecoding.decode(loader.getCachedBytes(BranchStateTracker.TEXT_LIMIT_BYTES));
    }

    private static boolean isNonEmptyDirectory(Path dir) throws RepositoryReadException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new RepositoryReadException(Reason.TARGET_OCCUPIED, "Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The repository's location, for log lines. */
    @Override
    public String toString() {
        return "GitRepositoryReader[" + repository.getDirectory() + "]";
    }

    @Override
    public void close() {
        repository.close();
    }
}
