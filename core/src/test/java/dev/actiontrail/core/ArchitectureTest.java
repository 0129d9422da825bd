package dev.actiontrail.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.actiontrail.core.trail.TrailService;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The domain core depends on the JDK and on itself only: no framework, no JSON library, no {@code javax} but the JDK's own cryptography ({@code javax.crypto}, in
 * {@code java.base}: HMAC for STS tokens).
 */
@AnalyzeClasses(packages = "dev.actiontrail.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule CORE_DEPENDS_ONLY_ON_THE_JDK_AND_ITSELF = classes()
            .that().resideInAPackage("dev.actiontrail.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "dev.actiontrail.core..")
            .as("classes in dev.actiontrail.core.. may only depend on java.., javax.crypto.. and dev.actiontrail.core..");

    /** Depends on javax: stands for main code that would break the rule. */
    @SuppressWarnings("unused")
    static final class UsesJavax {
        javax.naming.Context context;
    }

    @Test
    void theMainCodeIsImportedAndTestCodeIsNot() {
        JavaClasses main = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.actiontrail.core");
        assertTrue(main.contain(TrailService.class), "main classes are analysed");
        assertFalse(main.contain(ArchitectureTest.class), "test classes are not analysed");
    }

    @Test
    void theRuleRejectsAJavaxOrThirdPartyDependency() {
        JavaClasses javax = new ClassFileImporter().importClasses(UsesJavax.class);
        EvaluationResult javaxResult = CORE_DEPENDS_ONLY_ON_THE_JDK_AND_ITSELF.evaluate(javax);
        assertTrue(javaxResult.hasViolation(), "javax.naming must be rejected");
        assertTrue(javaxResult.getFailureReport().toString().contains("javax.naming.Context"),
                javaxResult.getFailureReport().toString());

        // this very class depends on ArchUnit and JUnit
        JavaClasses thirdParty = new ClassFileImporter().importClasses(ArchitectureTest.class);
        EvaluationResult thirdPartyResult = CORE_DEPENDS_ONLY_ON_THE_JDK_AND_ITSELF.evaluate(thirdParty);
        assertTrue(thirdPartyResult.hasViolation());
        assertTrue(thirdPartyResult.getFailureReport().toString().contains("com.tngtech.archunit"));
    }

    @Test
    void theRuleAcceptsJdkAndCoreDependencies() {
        JavaClasses ok = new ClassFileImporter().importClasses(TrailService.class);
        assertFalse(CORE_DEPENDS_ONLY_ON_THE_JDK_AND_ITSELF.evaluate(ok).hasViolation());
    }
}
