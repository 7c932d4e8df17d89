package io.counterpower.collect.git;

import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Differences in tracked paths (license and governance files) between two trees. */
final class TrackedDiff {

    private final ObjectReader reader;
    private final DiffConfig diffConfig;

    TrackedDiff(ObjectReader reader, Config repositoryConfig) {
        this.reader = reader;
        this.diffConfig = repositoryConfig.get(DiffConfig.KEY);
    }

    /**
     * Tracked entries that differ; {@code oldTree} null compares with the empty tree (a root
     * commit). With {@code detectRenames}, a deleted and an added file of similar content become
     * one rename, so that {@code CODEOWNERS} moving to {@code .github/} is not a removal and an
     * addition.
     */
    List<DiffEntry> changes(AnyObjectId oldTree, AnyObjectId newTree, boolean detectRenames) throws IOException {
        List<DiffEntry> entries;
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.setRecursive(true);
            walk.setFilter(AndTreeFilter.create(TreeFilter.ANY_DIFF, TrackedPathFilter.INSTANCE));
            if (oldTree == null) {
                walk.addTree(new EmptyTreeIterator());
            } else {
                walk.addTree(oldTree);
            }
            walk.addTree(newTree);
            entries = DiffEntry.scan(walk);
        }
        if (!detectRenames || entries.size() < 2) {
            return entries;
        }
        RenameDetector renames = new RenameDetector(reader, diffConfig);
        renames.addAll(entries);
        return renames.compute();
    }

    /** Changed tracked paths, sorted, both sides of a rename included. */
    List<String> changedPaths(AnyObjectId oldTree, AnyObjectId newTree) throws IOException {
        List<String> paths = new ArrayList<>();
        for (DiffEntry entry : changes(oldTree, newTree, false)) {
            paths.add(entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath());
        }
        paths.sort(null);
        return paths;
    }

    /** The tracked files of a tree, by path; empty for a null tree. */
    Map<String, ObjectId> trackedFiles(AnyObjectId tree) throws IOException {
        Map<String, ObjectId> files = new TreeMap<>();
        if (tree == null) {
            return files;
        }
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.setRecursive(true);
            walk.setFilter(TrackedPathFilter.INSTANCE);
            walk.addTree(tree);
            while (walk.next()) {
                files.put(walk.getPathString(), walk.getObjectId(0));
            }
        }
        return files;
    }
}
