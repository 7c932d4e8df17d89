/**
 * Adoption records (METHODOLOGY.md sections 2 and 3, "Adoption and compost"): organisations that
 * use a project ({@link io.counterpower.adoption.Adopters}), what others grow from it
 * ({@link io.counterpower.adoption.Derivatives}: fine-tunes, merges, quantizations, adapters, forks,
 * distillations) and how often it is downloaded ({@link io.counterpower.adoption.DownloadCounts}).
 * Each is a kind of fact recorded through the generic fact store, with its source and versions.
 */
package io.counterpower.adoption;
