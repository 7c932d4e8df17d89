package io.counterpower.collect;

/**
 * A repository a collection reads.
 *
 * @param url    an https URL, a {@code file:} URL or an absolute local path
 * @param branch the branch to read; null reads the default branch (what HEAD points to)
 * @param role   the artifact the repository holds ({@code code}, {@code weights}, {@code data},
 *               {@code docs}): a plain {@code LICENSE} there covers that artifact
 */
public record RepositoryTarget(String url, String branch, String role) {
}
