package io.counterpower.collect;

import jakarta.validation.constraints.Size;

/**
 * A request to collect a project's repositories.
 *
 * @param source what to collect: {@code git}, {@code github} or {@code huggingface}
 * @param url    the repository: an https URL, a {@code file:} URL or an absolute local path (for
 *               {@code github} a github.com repository, for {@code huggingface} a model on the Hub);
 *               absent, every repository recorded for the project (of the platform's shape)
 * @param branch the branch to read ({@code git} only); absent, the branch recorded with the repository
 *               or the default one
 */
record CollectionInput(@Size(max = 40) String source, @Size(max = 2000) String url, @Size(max = 250) String branch) {
}
