/**
 * The license catalog and the restrictiveness of license expressions (METHODOLOGY.md section 5; rules in
 * docs/license-levels.md).
 *
 * <ul>
 *   <li>{@link io.counterpower.license.LicenseCatalog}: every SPDX license id plus the AI-model and
 *       source-available licenses SPDX lacks ({@code LicenseRef-…}), each with a level 0..7 or none;</li>
 *   <li>{@link io.counterpower.license.LicenseExpressions}: the level, bounds and normalised form of an SPDX
 *       expression, and the {@link io.counterpower.license.LicenseChange} between two periods;</li>
 *   <li>{@link io.counterpower.license.LicenseTextMatcher}: which license a license file's text is.</li>
 * </ul>
 *
 * <p>Pure Java: no database and no REST here, so the rules can be tested and cited on their own.
 */
package io.counterpower.license;
