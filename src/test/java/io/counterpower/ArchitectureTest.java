package io.counterpower;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency rules of STYLE.md, checked so that the structure stays easy to see. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.counterpower");

    @Test
    void commonDependsOnNoFeature() {
        noClasses().that().resideInAPackage("io.counterpower.common..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.counterpower.project..", "io.counterpower.organisation..", "io.counterpower.contributor..",
                        "io.counterpower.governance..", "io.counterpower.funding..", "io.counterpower.license..",
                        "io.counterpower.adoption..", "io.counterpower.collect..", "io.counterpower.indicator..",
                        "io.counterpower.query..", "io.counterpower.dataset..", "io.counterpower.watch..")
                .check(CLASSES);
    }

    @Test
    void nobodyDependsOnQuery() {
        noClasses().that().resideOutsideOfPackage("io.counterpower.query..")
                .should().dependOnClassesThat().resideInAPackage("io.counterpower.query..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    /** Watches observe changes (DataChanged) and read the features; no feature calls them. */
    @Test
    void nobodyDependsOnWatches() {
        noClasses().that().resideOutsideOfPackage("io.counterpower.watch..")
                .should().dependOnClassesThat().resideInAPackage("io.counterpower.watch..")
                .check(CLASSES);
    }

    @Test
    void indicatorsNeverDependOnCollectors() {
        noClasses().that().resideInAPackage("io.counterpower.indicator..")
                .should().dependOnClassesThat().resideInAPackage("io.counterpower.collect..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
