package io.github.incident4j;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Set;
import org.jspecify.annotations.NullMarked;

/**
 * The layering and manners rules of ARCHITECTURE.md, as ArchUnit rules. Kept apart from the test that
 * applies them to the library so that {@code ArchitectureRulesTest} can prove each one fails on a
 * deliberately bad class.
 */
final class ArchitectureRules {

    static final String ROOT = "io.github.incident4j";
    static final String[] DOMAIN = {
        ROOT + ".common..", ROOT + ".oncall..", ROOT + ".escalation..", ROOT + ".incident..",
        ROOT + ".runbook..", ROOT + ".postmortem..", ROOT + ".chaos.."
    };

    /** The only classes that may read the system clock or block on real time: the time defaults. */
    static final Set<String> TIME_DEFAULTS = Set.of(ROOT + ".spi.SystemTimers");

    private ArchitectureRules() {
    }

    static final ArchRule DOMAIN_USES_NO_FORMAT_OR_STORAGE_LIBRARIES = noClasses()
            .that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "tools.jackson..", "com.fasterxml.jackson..", "org.commonmark..", "java.sql..", "javax.sql..",
                    "io.fabric8..", "org.snakeyaml..")
            .as("domain packages use only the JDK, jspecify, slf4j and each other");

    static final ArchRule ONLY_FORMAT_TOUCHES_JACKSON_AND_COMMONMARK = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".format..", ROOT + ".ingest..")
            .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..", "org.commonmark..")
            .as("only format and ingest touch Jackson and commonmark");

    /** The one class outside {@code notify} and {@code metrics} that may open connections: the network probe. */
    static final String NETWORK_PROBE = ROOT + ".runbook.NetworkDependencyProbe";

    /**
     * Only the pagers ({@code notify}), the metrics sources ({@code metrics}) and the network probe open network
     * connections: the JDK's HTTP client and server, sockets, socket channels and URL connections.
     */
    static final ArchRule ONLY_NOTIFY_METRICS_AND_PROBE_OPEN_CONNECTIONS = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".notify..", ROOT + ".metrics..")
            .and(describe("are not the network probe", (JavaClass c) -> !c.getName().equals(NETWORK_PROBE)
                    && !c.getName().startsWith(NETWORK_PROBE + "$")))
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "com.sun.net.httpserver..")
            .orShould().dependOnClassesThat().belongToAnyOf(java.net.Socket.class, java.net.ServerSocket.class,
                    java.net.DatagramSocket.class, java.net.URLConnection.class, java.net.HttpURLConnection.class,
                    java.nio.channels.SocketChannel.class, java.nio.channels.ServerSocketChannel.class,
                    java.nio.channels.AsynchronousSocketChannel.class, java.nio.channels.DatagramChannel.class)
            .orShould().callMethod(java.net.URL.class, "openConnection")
            .orShould().callMethod(java.net.URL.class, "openStream")
            .as("only notify, metrics and the network probe open connections");

    static final ArchRule ONLY_FORMAT_TOUCHES_SNAKEYAML = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".format..")
            .should().dependOnClassesThat().resideInAnyPackage("org.snakeyaml..", "org.yaml..")
            .as("only format touches snakeyaml");

    static final ArchRule ONLY_STORE_TOUCHES_JDBC = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".store..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .as("only store touches java.sql");

    static final ArchRule CORE_DOES_NOT_TOUCH_FABRIC8 = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..")
            .as("only kubernetes-adapter touches fabric8");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching(ROOT + ".(*)..")
            .should().beFreeOfCycles()
            .as("no package cycles");

    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    static final ArchRule NO_JAVA_UTIL_LOGGING = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    static final ArchRule NO_GENERIC_EXCEPTIONS = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    static final ArchRule NO_AMBIENT_TIME = classes()
            .that(describe("are not the time defaults", (JavaClass c) -> !TIME_DEFAULTS.contains(c.getName())
                    && !TIME_DEFAULTS.contains(c.getName().replaceAll("\\$.*", ""))))
            .should(notReadAmbientTime())
            .as("no ambient time: time comes from the injected Clock and Timers");

    static final ArchRule NO_LOCALE_SENSITIVE_CASE_CONVERSION = noClasses()
            .should().callMethod(String.class, "toLowerCase")
            .orShould().callMethod(String.class, "toUpperCase")
            .as("no toLowerCase()/toUpperCase() without a Locale");

    static final ArchRule EVERY_PACKAGE_IS_NULL_MARKED = classes()
            .should(beInNullMarkedPackage())
            .as("every package has a package-info annotated @NullMarked");

    /** The packages and classes the escalation decisions may use: data, the rules' inputs, nothing that acts. */
    private static final Set<String> DECISION_PACKAGES = Set.of("java.lang", "java.lang.invoke", "java.time",
            "java.util", "java.util.function", "org.jspecify.annotations", ROOT + ".common", ROOT + ".escalation");
    private static final Set<String> DECISION_CLASSES = Set.of(ROOT + ".ValidationException",
            ROOT + ".Incident4jException", ROOT + ".spi.IncidentRecord", ROOT + ".spi.Page",
            ROOT + ".spi.StoredText", // the store text contract: a pure check of a name, no I/O
            ROOT + ".incident.Roster", ROOT + ".incident.OnCallPerson", ROOT + ".incident.IncidentId",
            ROOT + ".incident.IncidentStatus", ROOT + ".incident.IllegalIncidentTransitionException",
            ROOT + ".incident.Alert", ROOT + ".incident.Urgency", ROOT + ".incident.EscalationDecisions");

    /**
     * The escalation decisions are pure: they use values and the roster, and call nothing above them (no store,
     * pager, timers, executor, logger, listener, nor the manager and its other parts).
     */
    static final ArchRule ESCALATION_DECISIONS_ARE_PURE = classes()
            .that().haveSimpleName("EscalationDecisions")
            .should().onlyDependOnClassesThat(describe("values, the roster and the rules' own inputs",
                    (JavaClass c) -> {
                        JavaClass base = c.isArray() ? c.getBaseComponentType() : c;
                        return base.isPrimitive() || DECISION_PACKAGES.contains(base.getPackageName())
                                || DECISION_CLASSES.contains(base.getName().replaceAll("\\$.*", ""));
                    }))
            .as("the escalation decisions call nothing above them (no I/O)");

    /** Micrometer is optional: only the binder's package may touch it, so the core jar works without it. */
    static final ArchRule ONLY_THE_BINDER_TOUCHES_MICROMETER = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".metrics.micrometer..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..")
            .as("only metrics.micrometer touches Micrometer (an optional dependency)");

    private static ArchCondition<JavaClass> notReadAmbientTime() {
        return new ArchCondition<>("not read ambient time") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaMethodCall call : item.getMethodCallsFromSelf()) {
                    String owner = call.getTargetOwner().getName();
                    String method = call.getName();
                    boolean ambient = switch (owner) {
                        case "java.lang.System" -> method.equals("currentTimeMillis") || method.equals("nanoTime");
                        case "java.lang.Thread" -> method.equals("sleep");
                        case "java.time.Clock" -> method.startsWith("system");
                        case "java.time.InstantSource" -> method.equals("system");
                        case "java.time.Instant", "java.time.LocalDateTime", "java.time.LocalDate", "java.time.LocalTime",
                                "java.time.ZonedDateTime", "java.time.OffsetDateTime", "java.time.OffsetTime",
                                "java.time.Year", "java.time.YearMonth", "java.time.MonthDay" ->
                                method.equals("now") && call.getTarget().getRawParameterTypes().stream()
                                        .noneMatch(t -> t.getName().equals("java.time.Clock"));
                        default -> false;
                    };
                    if (ambient) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> beInNullMarkedPackage() {
        return new ArchCondition<>("be in a @NullMarked package") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean marked = item.getPackage().tryGetPackageInfo()
                        .map(info -> info.isAnnotatedWith(NullMarked.class))
                        .orElse(false);
                if (!marked && !item.getSimpleName().equals("package-info")) {
                    events.add(SimpleConditionEvent.violated(item,
                            item.getPackageName() + " has no package-info annotated @NullMarked (" + item.getName() + ")"));
                }
            }
        };
    }
}
