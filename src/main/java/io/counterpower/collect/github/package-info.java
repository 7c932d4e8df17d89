/**
 * The GitHub collector (source {@code github}): reviews, merges, issues, releases, the repository's
 * license, and affiliation hints from public organisation membership (source {@code github-org}).
 */
package io.counterpower.collect.github;
