/**
 * The openness of models (METHODOLOGY.md section 6): one status per component (inference code,
 * training code, weights, training data, data documentation, evaluation, model card, paper,
 * license), recorded as facts by {@link io.counterpower.openness.OpennessComponents}, and the
 * profile that shows all of them with the overall {@code openness} value of section 3
 * ({@link io.counterpower.openness.OpennessProfiles}).
 */
package io.counterpower.openness;
