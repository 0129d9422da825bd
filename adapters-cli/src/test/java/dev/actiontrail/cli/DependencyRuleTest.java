package dev.actiontrail.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hexagon's dependency rule across modules: adapters never import each other (only the CLI, the composition
 * root, wires them together), and the core imports none of them. Core's own test holds it to java.* only.
 */
class DependencyRuleTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.actiontrail");

    @Test
    void allModulesAreOnTheClasspath() {
        for (String pkg : new String[] {"dev.actiontrail.core", "dev.actiontrail.persistence", "dev.actiontrail.http",
                "dev.actiontrail.cli"}) {
            assertTrue(MAIN.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)), pkg);
        }
    }

    @Test
    void persistenceAdapterImportsNoOtherAdapter() {
        noClasses().that().resideInAPackage("dev.actiontrail.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.actiontrail.http..", "dev.actiontrail.cli..")
                .check(MAIN);
    }

    @Test
    void httpAdapterImportsNoOtherAdapter() {
        noClasses().that().resideInAPackage("dev.actiontrail.http..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.actiontrail.persistence..", "dev.actiontrail.cli..")
                .check(MAIN);
    }

    @Test
    void coreImportsNoAdapter() {
        noClasses().that().resideInAPackage("dev.actiontrail.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.actiontrail.persistence..",
                        "dev.actiontrail.http..", "dev.actiontrail.cli..")
                .check(MAIN);
    }
}
