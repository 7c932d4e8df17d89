package io.counterpower.indicator;

import io.counterpower.common.version.RenderedBodies;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Serialised assessments by data version, day, methodology and URL ({@link AssessmentResource}). */
@Singleton
class RenderedAssessments extends RenderedBodies {
    RenderedAssessments(@ConfigProperty(name = "counterpower.assessment.rendered-bodies", defaultValue = "1000") int size) {
        super(size);
    }
}
