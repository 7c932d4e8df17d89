/**
 * Presents the indicators to the people who read them: the stored risk ranking (refreshed in the
 * background when the data version moves), side-by-side comparisons, citable JSON and CSV exports
 * of series, rankings and comparisons, the public errata feed of corrected facts, and per-project
 * Prometheus gauges. It reads through {@code indicator}'s services and the fact tables in SQL;
 * nothing imports it.
 */
package io.counterpower.query;
