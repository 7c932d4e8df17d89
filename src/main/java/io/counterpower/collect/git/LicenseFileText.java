package io.counterpower.collect.git;

/**
 * One license file as the branch held it at an observation.
 *
 * @param path       its path in the tree
 * @param blobSha    the git blob id, so that a caller can skip texts it already identified
 * @param textSha256 SHA-256 (lower-case hex) of the raw bytes
 * @param text       the text, leniently decoded; null when the file is larger than the reader's
 *                   limit (it is then unidentified, never guessed)
 */
record LicenseFileText(String path, String blobSha, String textSha256, String text) {
}
