package io.counterpower.collect.git;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A JGit tree filter that enters only the folders that can hold tracked files and keeps only
 * tracked files, so that comparing two trees of a large repository touches a handful of entries.
 */
final class TrackedPathFilter extends TreeFilter {

    static final TrackedPathFilter INSTANCE = new TrackedPathFilter();

    private TrackedPathFilter() {
    }

    @Override
    public boolean include(TreeWalk walker) {
        String path = walker.getPathString();
        if (walker.isSubtree()) {
            return TrackedPaths.mayContainTracked(path);
        }
        // A submodule named LICENSE is not a license text.
        for (int tree = 0; tree < walker.getTreeCount(); tree++) {
            if (FileMode.GITLINK.equals(walker.getRawMode(tree))) {
                return false;
            }
        }
        return TrackedPaths.isTracked(path);
    }

    @Override
    public boolean shouldBeRecursive() {
        return true;
    }

    @Override
    public TreeFilter clone() {
        return this; // stateless
    }

    @Override
    public String toString() {
        return "TRACKED_PATHS";
    }
}
