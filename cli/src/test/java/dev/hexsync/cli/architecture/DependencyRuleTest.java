package dev.hexsync.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.hexsync.adapters.violation.AdapterReachingIntoDomain;
import dev.hexsync.json.violation.JsonReachingIntoPorts;
import org.junit.jupiter.api.Test;

/**
 * The one dependency rule of the house, checked on the compiled classes of every module (this module sees them
 * all): adapters never use the domain, bootstrap or the CLI, the domain never uses an adapter, a driver or Guice,
 * ports and json use nothing but the JDK, schema-json nothing but ports and json, and the library (bootstrap)
 * uses neither the CLI nor test code (nor the emulator, which stands alone). (The Maven enforcer checks the same rule on the dependency graph.)
 */
class DependencyRuleTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hexsync");

    static final ArchRule ADAPTERS_SEE_PORTS_ONLY = noClasses().that().resideInAPackage("dev.hexsync.adapters..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hexsync.domain..", "dev.hexsync.bootstrap..", "dev.hexsync.cli..");

    static final ArchRule DOMAIN_SEES_PORTS_ONLY = noClasses().that().resideInAPackage("dev.hexsync.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hexsync.adapters..", "dev.hexsync.bootstrap..",
                    "dev.hexsync.testkit..", "org.sqlite..", "org.h2..", "org.apache.hc..", "com.google.inject..",
                    "tools.jackson..", "com.fasterxml..", "java.sql..", "dev.hexsync.cli..");

    static final ArchRule JSON_SEES_THE_JDK_ONLY = noClasses().that().resideInAPackage("dev.hexsync.json..")
            .should().dependOnClassesThat().resideOutsideOfPackages("dev.hexsync.json..", "java..");

    static final ArchRule SCHEMA_JSON_SEES_PORTS_AND_JSON_ONLY = noClasses().that().resideInAPackage("dev.hexsync.schema..")
            .should().dependOnClassesThat().resideOutsideOfPackages("dev.hexsync.schema..", "dev.hexsync.ports..",
                    "dev.hexsync.json..", "java..");

    static final ArchRule PORTS_SEE_THE_JDK_ONLY = noClasses().that().resideInAPackage("dev.hexsync.ports..")
            .should().dependOnClassesThat().resideOutsideOfPackages("dev.hexsync.ports..", "java..", "javax.annotation..");

    static final ArchRule TESTKIT_SEES_PORTS_ONLY = noClasses().that().resideInAPackage("dev.hexsync.testkit..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hexsync.domain..", "dev.hexsync.adapters..",
                    "dev.hexsync.bootstrap..", "dev.hexsync.cli..");

    /** An application's tests depend on the emulator alone, so it sees no other hexsync code. */
    static final ArchRule EMULATOR_STANDS_ALONE = noClasses().that().resideInAPackage("dev.hexsync.emulator..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hexsync.ports..", "dev.hexsync.json..",
                    "dev.hexsync.domain..", "dev.hexsync.adapters..", "dev.hexsync.bootstrap..", "dev.hexsync.testkit..",
                    "dev.hexsync.cli..", "org.junit..", "org.assertj..");

    static final ArchRule LIBRARY_SEES_NO_CLI_AND_NO_TEST_CODE = noClasses().that().resideInAPackage("dev.hexsync.bootstrap..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hexsync.cli..", "dev.hexsync.testkit..",
                    "dev.hexsync.emulator..",
                    "picocli..", "org.junit..", "org.assertj..", "com.tngtech.archunit..", "com.powersync..");

    static final ArchRule GUICE_ONLY_IN_BOOTSTRAP = noClasses().that().resideOutsideOfPackage("dev.hexsync.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("com.google.inject..");

    @Test
    void mainCodeKeepsTheRule() {
        assertThat(MAIN.size()).as("classes imported").isGreaterThan(50);
        ADAPTERS_SEE_PORTS_ONLY.check(MAIN);
        DOMAIN_SEES_PORTS_ONLY.check(MAIN);
        JSON_SEES_THE_JDK_ONLY.check(MAIN);
        SCHEMA_JSON_SEES_PORTS_AND_JSON_ONLY.check(MAIN);
        PORTS_SEE_THE_JDK_ONLY.check(MAIN);
        TESTKIT_SEES_PORTS_ONLY.check(MAIN);
        EMULATOR_STANDS_ALONE.check(MAIN);
        LIBRARY_SEES_NO_CLI_AND_NO_TEST_CODE.check(MAIN);
        GUICE_ONLY_IN_BOOTSTRAP.check(MAIN);
    }

    @Test
    void ruleFailsOnAnAdapterThatUsesTheDomain() {
        JavaClasses breach = new ClassFileImporter().importClasses(AdapterReachingIntoDomain.class);
        EvaluationResult result = ADAPTERS_SEE_PORTS_ONLY.evaluate(breach);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("AdapterReachingIntoDomain").contains("LocalDatabase"));
    }

    @Test
    void ruleFailsOnJsonCodeThatUsesThePorts() {
        JavaClasses breach = new ClassFileImporter().importClasses(JsonReachingIntoPorts.class);
        EvaluationResult result = JSON_SEES_THE_JDK_ONLY.evaluate(breach);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("JsonReachingIntoPorts").contains("HexSyncException"));
    }
}
