package io.counterpower;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The dependency rules of STYLE.md, checked so that the structure stays easy to see. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.counterpower");

    /** Every feature package, read from the source tree so that a new feature is covered the day it is added. */
    static String[] features() {
        try (Stream<Path> packages = Files.list(Path.of("src/main/java/io/counterpower"))) {
            return packages.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("common")).sorted()
                    .map(name -> "io.counterpower." + name + "..").toArray(String[]::new);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theFeatureListIsReadFromTheSources() {
        org.junit.jupiter.api.Assertions.assertTrue(java.util.Arrays.asList(features()).contains("io.counterpower.openness.."),
                java.util.Arrays.toString(features()));
    }

    @Test
    void commonDependsOnNoFeature() {
        noClasses().that().resideInAPackage("io.counterpower.common..")
                .should().dependOnClassesThat().resideInAnyPackage(features())
                .check(CLASSES);
    }

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching("io.counterpower.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** common's parts layer as auth, then audit, then fact: who calls, what was done, what is known. */
    @Test
    void commonsPartsAreFreeOfCycles() {
        slices().matching("io.counterpower.common.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void eachFeaturesPartsAreFreeOfCycles() {
        slices().matching("io.counterpower.(*).(*)..").should().beFreeOfCycles().check(CLASSES);
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

    /**
     * Package-private by default (STYLE.md, issue #22): a public top-level type is named from another package, in
     * main or test code (ops/package-private/apply removes the other publics). A framework finds some types itself:
     * those are left out. Bytecode does not keep every naming (javac inlines a constant where it is read): a type
     * named elsewhere only for its constants would have to be left out here too (none is).
     */
    @Test
    void publicTypesAreNamedFromAnotherPackage() {
        JavaClasses withTests = new ClassFileImporter().importPackages("io.counterpower");
        classes().that().arePublic().and().areTopLevelClasses()
                .and(DescribedPredicate.describe("in the main sources", c -> CLASSES.contain(c.getName())))
                .and(DescribedPredicate.describe("not needed public by a framework",
                        c -> !c.isAnnotatedWith("io.smallrye.config.ConfigMapping") && !c.isAnnotatedWith("io.quarkus.runtime.annotations.QuarkusMain")))
                .should(new ArchCondition<JavaClass>("be named from another package") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        // Bytecode names FactStore.Written as FactStore$Written only: a nested type's naming counts.
                        boolean named = withTests.stream()
                                .filter(c -> c.getName().equals(type.getName()) || c.getName().startsWith(type.getName() + "$"))
                                .flatMap(c -> c.getDirectDependenciesToSelf().stream())
                                .anyMatch(d -> !d.getOriginClass().getPackageName().equals(type.getPackageName()));
                        if (!named) {
                            events.add(SimpleConditionEvent.violated(type, type.getName()
                                    + " is public but no other package names it: run ops/package-private/apply"));
                        }
                    }
                })
                .check(withTests);
    }
}
