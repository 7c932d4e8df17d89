package io.counterpower.collect.git;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the branch said about one artifact's terms at a commit where its license files (their set
 * or their content) changed. An observation with no files is an explicit "no license file".
 *
 * @param artifact      the artifact the files cover
 * @param files         the artifact's license files at the commit, by path; empty when none
 * @param commitSha     the first-parent commit where the change landed on the branch
 * @param commitInstant that commit's committer instant
 * @param textSha256    SHA-256 of the raw text: of the single file, or of the files' raw bytes
 *                      concatenated in path order; null when there is no file
 */
record LicenseObservation(
        LicenseArtifact artifact,
        List<LicenseFileText> files,
        String commitSha,
        Instant commitInstant,
        String textSha256) {

    public LicenseObservation {
        files = List.copyOf(files);
    }

    List<String> paths() {
        return files.stream().map(LicenseFileText::path).toList();
    }

    /** The text: the single file's, or the files' joined by blank lines in path order; null when none. */
    String text() {
        if (files.isEmpty()) {
            return null;
        }
        if (files.size() == 1) {
            return files.get(0).text();
        }
        return files.stream().map(f -> f.text() == null ? "" : f.text()).collect(Collectors.joining("\n\n"));
    }

    /** The branch holds no license file for this artifact. */
    public boolean isNoLicense() {
        return files.isEmpty();
    }
}
