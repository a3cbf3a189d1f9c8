package io.github.incident4j;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The library's main classes obey the layering and manners rules of ARCHITECTURE.md. */
class ArchitectureTest {

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ArchitectureRules.ROOT);
    }

    @Test
    @DisplayName("domain packages use only the JDK, jspecify, slf4j and each other")
    void domainIsPlainJava() {
        ArchitectureRules.DOMAIN_USES_NO_FORMAT_OR_STORAGE_LIBRARIES.check(library);
    }

    @Test
    @DisplayName("only format and ingest touch Jackson and commonmark")
    void onlyFormatParses() {
        ArchitectureRules.ONLY_FORMAT_TOUCHES_JACKSON_AND_COMMONMARK.check(library);
    }

    @Test
    @DisplayName("only format touches snakeyaml (the YAML tree reads its parser events)")
    void onlyFormatReadsYamlEvents() {
        ArchitectureRules.ONLY_FORMAT_TOUCHES_SNAKEYAML.check(library);
    }

    @Test
    @DisplayName("only store touches java.sql")
    void onlyStoreUsesJdbc() {
        ArchitectureRules.ONLY_STORE_TOUCHES_JDBC.check(library);
    }

    @Test
    @DisplayName("core never touches fabric8")
    void noFabric8InCore() {
        ArchitectureRules.CORE_DOES_NOT_TOUCH_FABRIC8.check(library);
    }

    @Test
    @DisplayName("packages are free of cycles")
    void noCycles() {
        ArchitectureRules.NO_PACKAGE_CYCLES.check(library);
    }

    @Test
    @DisplayName("library code never prints to standard streams")
    void noStandardStreams() {
        ArchitectureRules.NO_STANDARD_STREAMS.check(library);
    }

    @Test
    @DisplayName("library code logs through slf4j, never java.util.logging")
    void noJul() {
        ArchitectureRules.NO_JAVA_UTIL_LOGGING.check(library);
    }

    @Test
    @DisplayName("library code throws specific exceptions, never generic ones")
    void noGenericExceptions() {
        ArchitectureRules.NO_GENERIC_EXCEPTIONS.check(library);
    }

    @Test
    @DisplayName("time comes only from the injected clock and timers")
    void noAmbientTime() {
        ArchitectureRules.NO_AMBIENT_TIME.check(library);
    }

    @Test
    @DisplayName("case conversion always names a Locale")
    void noLocaleSensitiveCaseConversion() {
        ArchitectureRules.NO_LOCALE_SENSITIVE_CASE_CONVERSION.check(library);
    }

    @Test
    @DisplayName("every package is @NullMarked")
    void everyPackageNullMarked() {
        ArchitectureRules.EVERY_PACKAGE_IS_NULL_MARKED.check(library);
    }

    @Test
    @DisplayName("the escalation decisions call nothing above them: no store, pager, timers or logger")
    void decisionsArePure() {
        ArchitectureRules.ESCALATION_DECISIONS_ARE_PURE.check(library);
    }

    @Test
    @DisplayName("only the Micrometer binder touches Micrometer, so the core jar works without it")
    void micrometerIsOptional() {
        ArchitectureRules.ONLY_THE_BINDER_TOUCHES_MICROMETER.check(library);
    }

    @Test
    @DisplayName("only notify, metrics and the network probe open network connections")
    void onlyPagersMetricsAndProbeConnect() {
        ArchitectureRules.ONLY_NOTIFY_METRICS_AND_PROBE_OPEN_CONNECTIONS.check(library);
    }
}
