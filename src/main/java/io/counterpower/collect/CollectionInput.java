package io.counterpower.collect;

import jakarta.validation.constraints.Size;

/**
 * A request to collect a project's repositories.
 *
 * @param source what to collect: {@code git}
 * @param url    the repository: an https URL, a {@code file:} URL or an absolute local path; absent,
 *               every repository recorded for the project
 * @param branch the branch to read; absent, the branch recorded with the repository or the default one
 */
public record CollectionInput(@Size(max = 40) String source, @Size(max = 2000) String url, @Size(max = 250) String branch) {
}
