/**
 * What the GitHub and Hugging Face collectors share: {@link io.counterpower.collect.platform.PlatformClient}
 * (HTTP with timeouts, retries, rate limits, ETags and pagination), their cursors
 * ({@link io.counterpower.collect.platform.CollectionCursors}), the transactions, totals and audit
 * row of a run ({@link io.counterpower.collect.platform.PlatformStore}), the license a platform
 * reports ({@link io.counterpower.collect.platform.ReportedLicense}) and the organisations an
 * account name stands for ({@link io.counterpower.collect.platform.OrganisationNames}).
 *
 * <p>The rules are in docs/decisions.md, section "GitHub and Hugging Face collectors" (what is
 * recorded), and docs/engineering.md, "Collection jobs" (paging, retries, limits).
 */
package io.counterpower.collect.platform;
