package io.github.incident4j;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.github.incident4j.oncall.archfixture.BadOnCallHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule fails on a class that breaks it. The bad classes live in test sources
 * ({@code oncall.archfixture}, {@code cyclea}, {@code cycleb}), which {@link ArchitectureTest} does not import.
 */
class ArchitectureRulesTest {

    private static JavaClasses bad;
    private static JavaClasses cycle;

    @BeforeAll
    static void importFixtures() {
        bad = new ClassFileImporter().importPackagesOf(BadOnCallHelper.class);
        cycle = new ClassFileImporter().importPackages(ArchitectureRules.ROOT + ".cyclea", ArchitectureRules.ROOT + ".cycleb");
    }

    private static void assertViolated(ArchRule rule, JavaClasses classes, String expected) {
        assertThatThrownBy(() -> rule.check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(expected);
    }

    @Test
    @DisplayName("a domain class that uses Jackson breaks the layering rule")
    void layering() {
        assertViolated(ArchitectureRules.DOMAIN_USES_NO_FORMAT_OR_STORAGE_LIBRARIES, bad, "tools.jackson");
        assertViolated(ArchitectureRules.ONLY_FORMAT_TOUCHES_JACKSON_AND_COMMONMARK, bad, "tools.jackson");
    }

    @Test
    @DisplayName("a domain class that uses JDBC breaks the storage rule")
    void jdbc() {
        assertViolated(ArchitectureRules.ONLY_STORE_TOUCHES_JDBC, bad, "java.sql");
    }

    @Test
    @DisplayName("two packages that use each other break the no-cycles rule")
    void cycles() {
        assertViolated(ArchitectureRules.NO_PACKAGE_CYCLES, cycle, "Cycle detected");
    }

    @Test
    @DisplayName("printing to System.out breaks the standard streams rule")
    void streams() {
        assertViolated(ArchitectureRules.NO_STANDARD_STREAMS, bad, "System.out");
    }

    @Test
    @DisplayName("java.util.logging breaks the logging rule")
    void jul() {
        assertViolated(ArchitectureRules.NO_JAVA_UTIL_LOGGING, bad, "java.util.logging");
    }

    @Test
    @DisplayName("Instant.now() and System.currentTimeMillis() break the ambient time rule")
    void ambientTime() {
        assertViolated(ArchitectureRules.NO_AMBIENT_TIME, bad, "Instant.now()");
        assertViolated(ArchitectureRules.NO_AMBIENT_TIME, bad, "System.currentTimeMillis()");
    }

    @Test
    @DisplayName("toLowerCase() without a Locale breaks the case conversion rule")
    void caseConversion() {
        assertViolated(ArchitectureRules.NO_LOCALE_SENSITIVE_CASE_CONVERSION, bad, "toLowerCase");
    }

    @Test
    @DisplayName("a package without a @NullMarked package-info breaks the null-marking rule")
    void nullMarked() {
        assertViolated(ArchitectureRules.EVERY_PACKAGE_IS_NULL_MARKED, bad, "archfixture has no package-info");
    }

    @Test
    @DisplayName("throwing RuntimeException breaks the generic exceptions rule")
    void genericExceptions() {
        assertViolated(ArchitectureRules.NO_GENERIC_EXCEPTIONS, bad, "RuntimeException");
    }

    @Test
    @DisplayName("a decision class that reads the store, pages or logs breaks the purity rule")
    void decisionsPurity() {
        JavaClasses impure = new ClassFileImporter().importPackagesOf(
                io.github.incident4j.incident.archfixture.EscalationDecisions.class);
        assertViolated(ArchitectureRules.ESCALATION_DECISIONS_ARE_PURE, impure, "IncidentStore");
        assertViolated(ArchitectureRules.ESCALATION_DECISIONS_ARE_PURE, impure, "org.slf4j");
    }

    @Test
    @DisplayName("a class outside the binder's package that uses Micrometer breaks the optional-dependency rule")
    void micrometerOutsideTheBinder() {
        assertViolated(ArchitectureRules.ONLY_THE_BINDER_TOUCHES_MICROMETER, bad, "io.micrometer");
    }

    @Test
    @DisplayName("an HTTP client, a socket or a URL connection outside notify, metrics and the probe breaks the connections rule")
    void connections() {
        JavaClasses network = new ClassFileImporter().importClasses(
                io.github.incident4j.oncall.archfixture.BadNetworkHelper.class);
        assertViolated(ArchitectureRules.ONLY_NOTIFY_METRICS_AND_PROBE_OPEN_CONNECTIONS, network, "java.net.http.HttpClient");
        assertViolated(ArchitectureRules.ONLY_NOTIFY_METRICS_AND_PROBE_OPEN_CONNECTIONS, network, "java.net.Socket");
        assertViolated(ArchitectureRules.ONLY_NOTIFY_METRICS_AND_PROBE_OPEN_CONNECTIONS, network, "URL.openConnection()");
    }

    @Test
    @DisplayName("a domain class that uses snakeyaml breaks the YAML rule")
    void snakeyaml() {
        assertViolated(ArchitectureRules.ONLY_FORMAT_TOUCHES_SNAKEYAML, bad, "org.snakeyaml");
    }
}
