package io.github.incident4j.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.ClusterOperations.LogLine;
import io.github.incident4j.spi.ClusterOperations.Pod;
import io.github.incident4j.spi.ClusterOperations.Revision;
import io.github.incident4j.spi.ClusterOperations.RolloutStatus;
import io.github.incident4j.spi.ClusterOperations.UndoResult;
import io.github.incident4j.spi.KubectlPodStatus.ContainerFacts;
import io.github.incident4j.spi.KubectlPodStatus.ContainerState;
import io.github.incident4j.spi.KubectlPodStatus.PodFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link ClusterOperations} implementation keeps. Extend it, create a fresh, empty
 * cluster per test (in a {@code @BeforeEach}) and implement the fixture hooks:
 *
 * <pre>{@code
 * class MyClusterTest extends ClusterOperationsCompatibilityKit {
 *     private MyCluster cluster;
 *     @BeforeEach void fresh() { cluster = new MyCluster(...); }
 *     @Override protected ClusterOperations cluster() { return cluster; }
 *     @Override protected List<String> givenDeployment(...) { ... }
 *     ...
 * }
 * }</pre>
 *
 * <p>Pods are checked against kubectl's STATUS column with a case for every state its printer distinguishes
 * ({@link #podCases()}): an implementation makes a pod report the case's facts in {@link #givenPodFacts}.
 *
 * <p>The assertions are limited to what both a simulation and an API server without controllers (such
 * as fabric8's mock server) can satisfy: the kit never waits for pods to be created or become ready, and
 * after an undo, scale or restart it inspects the deployment's spec through {@link #currentTemplate} and
 * {@link ClusterOperations#rolloutStatus}'s {@code desired}, not the pods a controller would create.
 */
public abstract class ClusterOperationsCompatibilityKit {

    /** The namespace every fixture lives in. */
    protected static final String NS = "kit";
    /** The restart annotation {@code kubectl rollout restart} stamps on the pod template. */
    protected static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    /**
     * One revision of a fixture deployment.
     *
     * @param image the container image
     * @param changeCause the {@code kubernetes.io/change-cause} annotation, or empty
     */
    protected record RevisionFixture(String image, String changeCause) {
        /** Validates the parts. */
        public RevisionFixture {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(changeCause, "changeCause");
        }
    }

    /**
     * A log line written {@code ago} before now.
     *
     * @param ago how long before now the line was written
     * @param text the line
     */
    protected record AgedLine(Duration ago, String text) {
        /** Validates the parts. */
        public AgedLine {
            Objects.requireNonNull(ago, "ago");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * What the deployment's pod template currently says.
     *
     * @param image the first container's image
     * @param annotations the template's annotations
     */
    protected record TemplateView(String image, Map<String, String> annotations) {
        /** Copies the annotations. */
        public TemplateView {
            Objects.requireNonNull(image, "image");
            annotations = Map.copyOf(annotations);
        }
    }

    /** The implementation under test; a fresh, empty cluster per test. */
    protected abstract ClusterOperations cluster();

    /**
     * Creates deployment {@code name} in {@code namespace} with the label {@code selector}, whose revisions
     * are {@code revisions} (oldest first, numbered 1, 2, ...; the last is current), and {@code replicas}
     * pods of the current revision, all Running, ready, without restarts, named
     * {@code <name>-<hash>-<suffix>} and labelled with the selector. The deployment's status says the
     * rollout is complete.
     *
     * @return the names of the pods created
     */
    protected abstract List<String> givenDeployment(String namespace, String name, Map<String, String> selector,
                                                    int replicas, List<RevisionFixture> revisions);

    /** Sets the observed status of an existing pod. */
    protected abstract void givenPodStatus(String namespace, String pod, String phase, boolean ready, int restarts,
                                           String waitingReason);

    /**
     * Makes an existing pod report exactly {@code facts}: the init containers, sidecars and containers of its spec,
     * their reported states, its phase, reason and conditions, and a deletion timestamp when
     * {@link PodFacts#deleting()}, as the kubelet and the API server would.
     */
    protected abstract void givenPodFacts(String namespace, String pod, PodFacts facts);

    /** Gives an existing pod's (only) container these log lines, in addition to any it has. */
    protected abstract void givenLogLines(String namespace, String pod, List<AgedLine> lines);

    /** Pauses an existing deployment ({@code spec.paused: true}). */
    protected abstract void givenPaused(String namespace, String deployment);

    /** Reads the deployment's current pod template, to check what undo and restart wrote. */
    protected abstract TemplateView currentTemplate(String namespace, String deployment);

    private static final Map<String, String> PAYMENT = Map.of("app", "payment");
    private static final List<RevisionFixture> THREE_REVISIONS = List.of(
            new RevisionFixture("payment:1.0.0", "deploy 1.0.0"),
            new RevisionFixture("payment:1.1.0", "deploy 1.1.0"),
            new RevisionFixture("payment:1.2.0", "deploy 1.2.0"));

    private List<String> givenPayment() {
        return givenDeployment(NS, "payment", PAYMENT, 3, THREE_REVISIONS);
    }

    private static void assertNotFound(Runnable call) {
        assertFails(call, ClusterException.Reason.NOT_FOUND, "");
    }

    private static void assertFails(Runnable call, ClusterException.Reason reason, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ClusterException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    // ------------------------------------------------------------------ pods

    @Test
    @DisplayName("pods are selected by every label of the selector, sorted by name")
    void podsBySelector() {
        List<String> payment = givenPayment();
        givenDeployment(NS, "checkout", Map.of("app", "checkout"), 2, List.of(new RevisionFixture("checkout:3", "")));

        List<Pod> pods = cluster().pods(NS, PAYMENT);

        assertThat(pods).extracting(Pod::name).containsExactlyElementsOf(payment.stream().sorted().toList());
        assertThat(pods).allSatisfy(p -> {
            assertThat(p.labels()).containsAllEntriesOf(PAYMENT);
            assertThat(p.name()).matches("payment-[a-z0-9]+-[a-z0-9]+");
            assertThat(p.phase()).isEqualTo("Running");
            assertThat(p.status()).isEqualTo("Running");
            assertThat(p.ready()).isTrue();
            assertThat(p.restarts()).isZero();
            assertThat(p.waitingReason()).isEmpty();
        });
        assertThat(cluster().pods(NS, Map.of())).hasSize(5);
        assertThat(cluster().pods(NS, Map.of("app", "payment", "tier", "none"))).isEmpty();
        assertThat(cluster().pods("elsewhere", PAYMENT)).isEmpty();
    }

    @Test
    @DisplayName("a pod's phase, readiness, restarts and waiting reason are reported as observed")
    void podStatus() {
        String pod = givenPayment().get(0);
        givenPodStatus(NS, pod, "Running", false, 7, "CrashLoopBackOff");

        Pod seen = cluster().pods(NS, PAYMENT).stream().filter(p -> p.name().equals(pod)).findFirst().orElseThrow();

        assertThat(seen.ready()).isFalse();
        assertThat(seen.restarts()).isEqualTo(7);
        assertThat(seen.waitingReason()).isEqualTo("CrashLoopBackOff");
        assertThat(seen.phase()).isEqualTo("Running");
        assertThat(seen.status()).isEqualTo("CrashLoopBackOff");
    }

    /**
     * One state of kubectl's STATUS column.
     *
     * @param name what the case shows
     * @param facts what the pod reports
     * @param status the STATUS kubectl prints
     * @param restarts the RESTARTS kubectl prints
     * @param ready whether READY reads n/n
     */
    protected record PodCase(String name, PodFacts facts, String status, int restarts, boolean ready) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static ContainerFacts container(String name) {
        return ContainerFacts.named(name);
    }

    /** A case for every state kubectl's pod printer distinguishes. */
    protected static Stream<PodCase> podCases() {
        ContainerFacts app = container("app");
        ContainerFacts initializing = app.waiting("PodInitializing");
        PodFacts.Builder twoInits = PodFacts.inPhase("Pending").initContainer("migrate").initContainer("seed")
                .container("app");
        PodFacts.Builder oneInit = PodFacts.inPhase("Pending").initContainer("migrate").container("app");
        PodFacts.Builder plain = PodFacts.inPhase("Running").initialized(true).container("app");
        return Stream.of(
                new PodCase("Init:0/2 while the first init container runs",
                        twoInits.build().toBuilder().initStatus(container("migrate").running(false))
                                .initStatus(container("seed").waiting("PodInitializing")).status(initializing).build(),
                        "Init:0/2", 0, false),
                new PodCase("Init:1/2 once the first init container completed",
                        twoInits.build().toBuilder().initStatus(container("migrate").terminated("Completed", 0))
                                .initStatus(container("seed").running(false)).status(initializing).build(),
                        "Init:1/2", 0, false),
                new PodCase("Init:CrashLoopBackOff with the init container's 4 restarts",
                        oneInit.build().toBuilder()
                                .initStatus(container("migrate").waiting("CrashLoopBackOff").restarts(4))
                                .status(initializing).build(),
                        "Init:CrashLoopBackOff", 4, false),
                new PodCase("Init:Error when an init container failed with a reason",
                        oneInit.build().toBuilder().phase("Failed")
                                .initStatus(container("migrate").terminated("Error", 1)).status(initializing).build(),
                        "Init:Error", 0, false),
                new PodCase("Init:ExitCode:3 when an init container failed without a reason",
                        oneInit.build().toBuilder().initStatus(container("migrate").terminated("", 3).restarts(1))
                                .status(initializing).build(),
                        "Init:ExitCode:3", 1, false),
                new PodCase("Init:Signal:9 when a signal ended an init container",
                        oneInit.build().toBuilder()
                                .initStatus(container("migrate").state(ContainerState.killedBy(9, 137)))
                                .status(initializing).build(),
                        "Init:Signal:9", 0, false),
                new PodCase("ContainerCreating while the image is pulled",
                        PodFacts.inPhase("Pending").initialized(true).container("app")
                                .status(app.waiting("ContainerCreating")).build(),
                        "ContainerCreating", 0, false),
                new PodCase("CrashLoopBackOff with the container's restarts, a completed init container's not counted",
                        oneInit.build().toBuilder().phase("Running").initialized(true)
                                .initStatus(container("migrate").terminated("Completed", 0).restarts(2))
                                .status(app.waiting("CrashLoopBackOff").restarts(5)).build(),
                        "CrashLoopBackOff", 5, false),
                new PodCase("Completed when the container exited 0",
                        plain.build().toBuilder().phase("Succeeded").status(app.terminated("Completed", 0)).build(),
                        "Completed", 0, false),
                new PodCase("Error when the container failed",
                        plain.build().toBuilder().phase("Failed").status(app.terminated("Error", 1)).build(),
                        "Error", 0, false),
                new PodCase("OOMKilled when the container ran out of memory",
                        plain.build().toBuilder().status(app.terminated("OOMKilled", 137).restarts(3)).build(),
                        "OOMKilled", 3, false),
                new PodCase("ExitCode:2 when the container exited without a reason",
                        plain.build().toBuilder().status(app.terminated("", 2)).build(),
                        "ExitCode:2", 0, false),
                new PodCase("Signal:15 when a signal ended the container",
                        plain.build().toBuilder().status(app.state(ContainerState.killedBy(15, 143))).build(),
                        "Signal:15", 0, false),
                new PodCase("Running and ready",
                        plain.build().toBuilder().readyCondition(true).status(app.running(true).restarts(1)).build(),
                        "Running", 1, true),
                new PodCase("Running but not ready while the readiness probe fails",
                        plain.build().toBuilder().status(app.running(false)).build(),
                        "Running", 0, false),
                new PodCase("NotReady when one container completed and another runs without the Ready condition",
                        plain.build().toBuilder().container("worker").status(app.terminated("Completed", 0))
                                .status(container("worker").running(true)).build(),
                        "NotReady", 0, false),
                new PodCase("Running when one container completed and another runs with the Ready condition",
                        plain.build().toBuilder().container("worker").readyCondition(true)
                                .status(app.terminated("Completed", 0)).status(container("worker").running(true))
                                .build(),
                        "Running", 0, false),
                new PodCase("Terminating once a running pod has a deletion timestamp",
                        plain.build().toBuilder().readyCondition(true).deleting(true).status(app.running(true))
                                .build(),
                        "Terminating", 0, true),
                new PodCase("Unknown when a pod being deleted was on a lost node",
                        plain.build().toBuilder().deleting(true).reason("NodeLost").status(app.running(true)).build(),
                        "Unknown", 0, true),
                new PodCase("Completed, not Terminating, for a succeeded pod being deleted",
                        plain.build().toBuilder().phase("Succeeded").deleting(true)
                                .status(app.terminated("Completed", 0)).build(),
                        "Completed", 0, false),
                new PodCase("the pod's reason, e.g. Evicted, when no container says more",
                        PodFacts.inPhase("Failed").reason("Evicted").container("app").build(),
                        "Evicted", 0, false),
                new PodCase("SchedulingGated while scheduling gates hold the pod",
                        PodFacts.inPhase("Pending").schedulingGated(true).container("app").build(),
                        "SchedulingGated", 0, false),
                new PodCase("the phase, Pending, before any container is reported",
                        PodFacts.inPhase("Pending").container("app").build(),
                        "Pending", 0, false),
                new PodCase("a started sidecar counts as ready and its restarts count, a completed init container's not",
                        PodFacts.inPhase("Running").initialized(true).readyCondition(true).initContainer("migrate")
                                .sidecar("proxy").container("app")
                                .initStatus(container("migrate").terminated("Completed", 0).restarts(2))
                                .initStatus(container("proxy").running(true).restarts(1))
                                .status(app.running(true).restarts(3)).build(),
                        "Running", 4, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("podCases")
    @DisplayName("a pod's status, restarts and readiness are kubectl's")
    void podStatusAsKubectlPrintsIt(PodCase c) {
        String pod = givenDeployment(NS, "payment", PAYMENT, 1, List.of(new RevisionFixture("payment:1.0.0", "")))
                .get(0);
        givenPodFacts(NS, pod, c.facts());

        Pod seen = cluster().pods(NS, PAYMENT).get(0);

        assertThat(seen.name()).isEqualTo(pod);
        assertThat(seen.status()).isEqualTo(c.status());
        assertThat(seen.restarts()).isEqualTo(c.restarts());
        assertThat(seen.ready()).isEqualTo(c.ready());
        assertThat(seen.phase()).isEqualTo(c.facts().phase());
        assertThat(seen.labels()).containsAllEntriesOf(PAYMENT);
    }

    @Test
    @DisplayName("a crash-looping init container is what the pod waits for, not PodInitializing")
    void initContainerWaiting() {
        String pod = givenDeployment(NS, "payment", PAYMENT, 1, List.of(new RevisionFixture("payment:1.0.0", "")))
                .get(0);
        givenPodFacts(NS, pod, PodFacts.inPhase("Pending").initContainer("migrate").container("app")
                .initStatus(ContainerFacts.named("migrate").waiting("CrashLoopBackOff").restarts(4))
                .status(ContainerFacts.named("app").waiting("PodInitializing")).build());

        Pod seen = cluster().pods(NS, PAYMENT).get(0);

        assertThat(seen.waitingReason()).isEqualTo("CrashLoopBackOff");
        assertThat(seen.status()).isEqualTo("Init:CrashLoopBackOff");
        assertThat(seen.restarts()).isEqualTo(4);
    }

    // ------------------------------------------------------------------ history

    @Test
    @DisplayName("rollout history lists the revisions in ascending order with images and change-causes")
    void history() {
        givenPayment();

        List<Revision> history = cluster().rolloutHistory(NS, "payment");

        assertThat(history).extracting(Revision::number).containsExactly(1L, 2L, 3L);
        assertThat(history).extracting(Revision::changeCause)
                .containsExactly("deploy 1.0.0", "deploy 1.1.0", "deploy 1.2.0");
        assertThat(history).extracting(Revision::image).containsExactly("payment:1.0.0", "payment:1.1.0", "payment:1.2.0");
    }

    @Test
    @DisplayName("every operation on a deployment that does not exist fails with NOT_FOUND")
    void unknownDeployment() {
        givenPayment();
        assertNotFound(() -> cluster().rolloutHistory(NS, "ghost"));
        assertNotFound(() -> cluster().rolloutStatus(NS, "ghost"));
        assertNotFound(() -> cluster().rolloutUndo(NS, "ghost", OptionalLong.empty()));
        assertNotFound(() -> cluster().scale(NS, "ghost", 2));
        assertNotFound(() -> cluster().rolloutRestart(NS, "ghost"));
        assertNotFound(() -> cluster().rolloutHistory("elsewhere", "payment"));
    }

    // ------------------------------------------------------------------ logs

    @Test
    @DisplayName("logs are filtered by selector, age and text, oldest first, and bounded to the newest lines")
    void logs() {
        List<String> pods = givenPayment();
        List<String> checkout = givenDeployment(NS, "checkout", Map.of("app", "checkout"), 1,
                List.of(new RevisionFixture("checkout:3", "")));
        givenLogLines(NS, pods.get(0), List.of(
                new AgedLine(Duration.ofMinutes(10), "ERROR too old to matter"),
                new AgedLine(Duration.ofMinutes(3), "ERROR db timeout"),
                new AgedLine(Duration.ofMinutes(2), "INFO retrying"),
                new AgedLine(Duration.ofMinutes(1), "ERROR db timeout again")));
        givenLogLines(NS, pods.get(1), List.of(new AgedLine(Duration.ofSeconds(30), "ERROR cache down")));
        givenLogLines(NS, checkout.get(0), List.of(new AgedLine(Duration.ofSeconds(20), "ERROR not mine")));

        List<LogLine> errors = cluster().logs(NS, PAYMENT, Duration.ofMinutes(5), "ERROR", 100);

        assertThat(errors).extracting(LogLine::text)
                .containsExactly("ERROR db timeout", "ERROR db timeout again", "ERROR cache down");
        assertThat(errors.get(0).pod()).isEqualTo(pods.get(0));
        assertThat(errors.get(2).pod()).isEqualTo(pods.get(1));
        assertThat(errors).extracting(LogLine::at).isSorted();

        assertThat(cluster().logs(NS, PAYMENT, Duration.ofMinutes(5), "ERROR", 2)).extracting(LogLine::text)
                .containsExactly("ERROR db timeout again", "ERROR cache down");
        assertThat(cluster().logs(NS, PAYMENT, Duration.ofMinutes(5), "", 100)).extracting(LogLine::text)
                .contains("INFO retrying").doesNotContain("ERROR too old to matter", "ERROR not mine");
        assertThat(cluster().logs(NS, PAYMENT, Duration.ofMinutes(5), "ERROR", 0)).isEmpty();
    }

    @Test
    @DisplayName("a per-pod tail keeps each pod's last lines before the text filter, like kubectl logs --tail=N | grep")
    void logsTail() {
        List<String> pods = givenPayment();
        givenLogLines(NS, pods.get(0), List.of(
                new AgedLine(Duration.ofMinutes(10), "ERROR early, beyond the tail"),
                new AgedLine(Duration.ofMinutes(9), "INFO a"),
                new AgedLine(Duration.ofMinutes(8), "INFO b"),
                new AgedLine(Duration.ofMinutes(7), "INFO c"),
                new AgedLine(Duration.ofMinutes(2), "ERROR late")));
        givenLogLines(NS, pods.get(1), List.of(
                new AgedLine(Duration.ofMinutes(6), "INFO d"),
                new AgedLine(Duration.ofMinutes(1), "ERROR cache down")));

        List<LogLine> tailed = cluster().logs(NS, PAYMENT, Duration.ofMinutes(15), "ERROR", 3, 100);

        assertThat(tailed).extracting(LogLine::text).containsExactly("ERROR late", "ERROR cache down");
        assertThat(cluster().logs(NS, PAYMENT, Duration.ofMinutes(15), "ERROR", 3, 1)).extracting(LogLine::text)
                .as("the total limit still bounds what the tails keep").containsExactly("ERROR cache down");
        assertThat(cluster().logs(NS, PAYMENT, Duration.ofMinutes(15), "ERROR", ClusterOperations.ALL_LINES, 100))
                .extracting(LogLine::text).containsExactly("ERROR early, beyond the tail", "ERROR late",
                        "ERROR cache down");
        assertThat(cluster().logs(NS, PAYMENT, Duration.ofMinutes(15), "ERROR",
                ClusterOperations.SELECTOR_DEFAULT_TAIL, 100)).extracting(LogLine::text)
                .containsExactly("ERROR early, beyond the tail", "ERROR late", "ERROR cache down");
        assertThat(cluster().logs(NS, PAYMENT, Duration.ofMinutes(15), "", 1, 100))
                .as("without a filter, at most one line per pod").hasSizeLessThanOrEqualTo(3)
                .extracting(LogLine::pod).doesNotHaveDuplicates();
        assertThat(cluster().logs(NS, PAYMENT, Duration.ofMinutes(15), "ERROR", 0, 100)).isEmpty();
    }

    // ------------------------------------------------------------------ undo

    @Test
    @DisplayName("undo without a revision restores the previous revision's template")
    void undoToPrevious() {
        givenPayment();

        UndoResult result = cluster().rolloutUndo(NS, "payment", OptionalLong.empty());

        assertThat(result.fromRevision()).isEqualTo(3);
        assertThat(result.toRevision()).isEqualTo(2);
        assertThat(result.skipped()).isFalse();
        assertThat(result.message()).isEqualTo("deployment.apps/payment rolled back");
        assertThat(currentTemplate(NS, "payment").image()).isEqualTo("payment:1.1.0");
    }

    @Test
    @DisplayName("undo to a given revision restores that revision's template")
    void undoToRevision() {
        givenPayment();

        UndoResult result = cluster().rolloutUndo(NS, "payment", OptionalLong.of(1));

        assertThat(result.toRevision()).isEqualTo(1);
        assertThat(result.skipped()).isFalse();
        assertThat(currentTemplate(NS, "payment").image()).isEqualTo("payment:1.0.0");
    }

    @Test
    @DisplayName("undo to a revision that is not in the history fails with NOT_FOUND and changes nothing")
    void undoToUnknownRevision() {
        givenPayment();

        assertFails(() -> cluster().rolloutUndo(NS, "payment", OptionalLong.of(9)),
                ClusterException.Reason.NOT_FOUND, "unable to find specified revision 9");
        assertThat(currentTemplate(NS, "payment").image()).isEqualTo("payment:1.2.0");
    }

    @Test
    @DisplayName("undo of a deployment with a single revision fails with NOT_FOUND")
    void undoWithoutHistory() {
        givenDeployment(NS, "payment", PAYMENT, 1, List.of(new RevisionFixture("payment:1.0.0", "")));

        assertThatThrownBy(() -> cluster().rolloutUndo(NS, "payment", OptionalLong.empty()))
                .isInstanceOfSatisfying(ClusterException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ClusterException.Reason.NOT_FOUND);
                    assertThat(e.getMessage()).as("kubectl's words, naming the deployment once")
                            .isEqualTo("no rollout history found for deployment \"payment\"");
                });
    }

    @Test
    @DisplayName("undo of a paused deployment is refused with CONFLICT")
    void undoPaused() {
        givenPayment();
        givenPaused(NS, "payment");

        assertFails(() -> cluster().rolloutUndo(NS, "payment", OptionalLong.empty()),
                ClusterException.Reason.CONFLICT, "you cannot rollback a paused deployment; resume it first with"
                        + " 'kubectl rollout resume deployment/payment' and try again");
        assertThat(currentTemplate(NS, "payment").image()).isEqualTo("payment:1.2.0");
    }

    @Test
    @DisplayName("undo to the revision that is already current is skipped")
    void undoToCurrent() {
        givenPayment();

        UndoResult result = cluster().rolloutUndo(NS, "payment", OptionalLong.of(3));

        assertThat(result.skipped()).isTrue();
        assertThat(result.fromRevision()).isEqualTo(3);
        assertThat(result.toRevision()).isEqualTo(3);
        assertThat(result.message())
                .isEqualTo("deployment.apps/payment skipped rollback (current template already matches revision 3)");
        assertThat(currentTemplate(NS, "payment").image()).isEqualTo("payment:1.2.0");
    }

    // ------------------------------------------------------------------ scale, restart, delete, status

    @Test
    @DisplayName("scale sets the desired replicas; the rollout is not done until they exist")
    void scale() {
        givenPayment();

        cluster().scale(NS, "payment", 5);

        RolloutStatus status = cluster().rolloutStatus(NS, "payment");
        assertThat(status.desired()).isEqualTo(5);
        assertThat(status.done()).isFalse();
        assertThat(status.message()).startsWith("Waiting for");
    }

    @Test
    @DisplayName("restart stamps the restart annotation on the template and keeps the image")
    void restart() {
        givenPayment();

        cluster().rolloutRestart(NS, "payment");

        TemplateView template = currentTemplate(NS, "payment");
        assertThat(template.image()).isEqualTo("payment:1.2.0");
        assertThat(template.annotations()).containsKey(RESTARTED_AT);
        assertThat(Instant.parse(template.annotations().get(RESTARTED_AT))).isNotNull();
    }

    @Test
    @DisplayName("restart of a paused deployment is refused with CONFLICT")
    void restartPaused() {
        givenPayment();
        givenPaused(NS, "payment");

        assertFails(() -> cluster().rolloutRestart(NS, "payment"), ClusterException.Reason.CONFLICT, "paused");
        assertThat(currentTemplate(NS, "payment").annotations()).doesNotContainKey(RESTARTED_AT);
    }

    @Test
    @DisplayName("deleting pods returns the names deleted, skips those already gone, and removes them")
    void deletePods() {
        List<String> pods = givenPayment();

        List<String> deleted = cluster().deletePods(NS, List.of(pods.get(0), "payment-gone-zzzzz"), Duration.ZERO);

        assertThat(deleted).containsExactly(pods.get(0));
        assertThat(cluster().pods(NS, PAYMENT)).extracting(Pod::name)
                .doesNotContain(pods.get(0)).contains(pods.get(1), pods.get(2));
        assertThat(cluster().deletePods(NS, List.of(pods.get(0)), Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    @DisplayName("the status of a complete rollout is done, with kubectl's message and counts")
    void statusDone() {
        givenPayment();

        RolloutStatus status = cluster().rolloutStatus(NS, "payment");

        assertThat(status.done()).isTrue();
        assertThat(status.failed()).isFalse();
        assertThat(status.message()).isEqualTo("deployment \"payment\" successfully rolled out");
        assertThat(List.of(status.desired(), status.updated(), status.available())).containsOnly(3);
    }

    // ------------------------------------------------------------------ typed runbook operations (issue 17)
    // These hooks have defaults that skip the tests using them, so an implementation written before them still runs
    // the rest of the kit; every implementation in this project overrides them.

    /** Adds a schedulable, ready node. */
    protected void givenNode(String name) {
        throw new org.opentest4j.TestAbortedException("givenNode is not provided by " + getClass().getName());
    }

    /**
     * Places an existing pod on a node (as the scheduler would), and makes that pod evictable; {@code daemon} makes it a
     * daemon set's pod.
     */
    protected void givenPodOnNode(String namespace, String pod, String node, boolean daemon) {
        throw new org.opentest4j.TestAbortedException("givenPodOnNode is not provided by " + getClass().getName());
    }

    private static ClusterOperations.ResourceQuery pods(String namespace) {
        return new ClusterOperations.ResourceQuery("pods", java.util.Optional.of(namespace), java.util.Optional.empty(), Map.of(),
                java.util.Optional.empty(), java.util.Optional.empty());
    }

    @Test
    @DisplayName("get lists a deployment's pods with kubectl's status words; a missing name gives nothing; an unknown kind is NOT_FOUND")
    void resourcesOfPods() {
        List<String> pods = givenPayment();
        givenPodStatus(NS, pods.get(0), "Running", false, 4, "CrashLoopBackOff");

        List<ClusterOperations.Resource> found = cluster().resources(pods(NS));

        assertThat(found).extracting(ClusterOperations.Resource::name).containsExactlyElementsOf(pods.stream().sorted().toList());
        assertThat(found).filteredOn(r -> r.name().equals(pods.get(0))).singleElement()
                .satisfies(r -> assertThat(r.status()).startsWith("Running").contains("4 restarts", "CrashLoopBackOff"));
        assertThat(found).filteredOn(r -> !r.name().equals(pods.get(0))).allSatisfy(r -> assertThat(r.status()).contains("ready"));
        assertThat(cluster().resources(new ClusterOperations.ResourceQuery("pods", java.util.Optional.of(NS),
                java.util.Optional.of("payment-none-xxxxx"), Map.of(), java.util.Optional.empty(), java.util.Optional.empty()))).isEmpty();
        assertNotFound(() -> cluster().resources(new ClusterOperations.ResourceQuery("frobnicators", java.util.Optional.of(NS),
                java.util.Optional.empty(), Map.of(), java.util.Optional.empty(), java.util.Optional.empty())));
    }

    @Test
    @DisplayName("one pod's log is read with a filter and a tail; a container it does not have, or a missing pod, is NOT_FOUND")
    void podLogs() {
        List<String> pods = givenPayment();
        java.time.Instant now = java.time.Instant.parse("2026-03-02T09:15:30Z");
        givenLogLines(NS, pods.get(0), List.of(new AgedLine(Duration.ofMinutes(3), "ERROR db timeout"),
                new AgedLine(Duration.ofMinutes(2), "INFO ok"), new AgedLine(Duration.ofMinutes(1), "ERROR db timeout")));
        ClusterOperations.LogOptions errors = new ClusterOperations.LogOptions(java.util.Optional.empty(), false,
                java.util.OptionalInt.empty(), Duration.ofMinutes(10), "ERROR", 50);

        assertThat(cluster().podLogs(NS, pods.get(0), errors)).hasSize(2).allSatisfy(l -> {
            assertThat(l.pod()).isEqualTo(pods.get(0));
            assertThat(l.text()).isEqualTo("ERROR db timeout");
        });
        // a tail keeps the newest lines of the log (an implementation may have lines of its own, such as a start message)
        List<LogLine> all = cluster().podLogs(NS, pods.get(0), new ClusterOperations.LogOptions(java.util.Optional.empty(), false,
                java.util.OptionalInt.empty(), Duration.ofMinutes(10), "", 50));
        assertThat(cluster().podLogs(NS, pods.get(0), new ClusterOperations.LogOptions(java.util.Optional.empty(), false,
                java.util.OptionalInt.of(1), Duration.ofMinutes(10), "", 50))).containsExactly(all.get(all.size() - 1));
        assertNotFound(() -> cluster().podLogs(NS, pods.get(0), new ClusterOperations.LogOptions(java.util.Optional.of("nope"), false,
                java.util.OptionalInt.empty(), Duration.ofMinutes(10), "", 50)));
        assertNotFound(() -> cluster().podLogs(NS, "payment-none-xxxxx", errors));
        assertThat(now).isNotNull();
    }

    @Test
    @DisplayName("cordon and uncordon show in the node's status; drain evicts the node's pods and refuses while a daemon set's "
            + "pod runs there unless told to leave it")
    void nodeMaintenance() {
        List<String> pods = givenPayment();
        givenNode("worker-1");
        givenPodOnNode(NS, pods.get(0), "worker-1", false);
        givenPodOnNode(NS, pods.get(1), "worker-1", true);
        ClusterOperations.ResourceQuery node = new ClusterOperations.ResourceQuery("nodes", java.util.Optional.empty(),
                java.util.Optional.of("worker-1"), Map.of(), java.util.Optional.empty(), java.util.Optional.empty());

        cluster().cordon("worker-1", true);
        assertThat(cluster().resources(node)).singleElement().satisfies(n -> assertThat(n.status()).isEqualTo("Ready,SchedulingDisabled"));
        cluster().cordon("worker-1", false);
        assertThat(cluster().resources(node)).singleElement().satisfies(n -> assertThat(n.status()).isEqualTo("Ready"));

        assertFails(() -> cluster().drain("worker-1", new ClusterOperations.DrainOptions(false, false, false, Duration.ZERO,
                Duration.ofMinutes(1))), ClusterException.Reason.CONFLICT, "daemon set");
        ClusterOperations.DrainResult drained = cluster().drain("worker-1", new ClusterOperations.DrainOptions(true, false, false,
                Duration.ZERO, Duration.ofMinutes(1)));
        assertThat(drained.evicted()).contains(NS + "/" + pods.get(0)).doesNotContain(NS + "/" + pods.get(1));
        assertThat(drained.message()).isEqualTo("node/worker-1 drained");
        assertThat(cluster().resources(node)).singleElement().satisfies(n -> assertThat(n.status()).endsWith(",SchedulingDisabled"));
        assertNotFound(() -> cluster().cordon("worker-9", true));
    }
}
