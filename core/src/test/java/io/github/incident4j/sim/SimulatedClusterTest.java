package io.github.incident4j.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.sim.SimulatedCluster.Operation;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.ClusterOperations.LogLine;
import io.github.incident4j.spi.ClusterOperations.Pod;
import io.github.incident4j.spi.ClusterOperations.Revision;
import io.github.incident4j.spi.ClusterOperations.RolloutStatus;
import io.github.incident4j.spi.KubectlPodStatus;
import io.github.incident4j.spi.kit.ClusterOperationsCompatibilityKit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The simulated cluster passes the compatibility kit and simulates Kubernetes over virtual time. */
@DisplayName("SimulatedCluster")
class SimulatedClusterTest extends ClusterOperationsCompatibilityKit {

    private static final String PROD = "production";
    private static final String SVC = "payment-service";
    private static final Map<String, String> APP = Map.of("app", SVC);

    private VirtualTime time;
    private SimulatedCluster cluster;

    @BeforeEach
    void freshCluster() {
        time = VirtualTime.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
        cluster = SimulatedCluster.builder(time.clock(), time)
                .deployment(PROD, SVC, d -> d.replicas(3)
                        .history("payment:2.2.0", "deploy 2.2.0")
                        .image("payment:2.3.0").changeCause("deploy 2.3.0")
                        .env("DB_HOST", "payment-db"))
                .build();
    }

    // ------------------------------------------------------------------ kit hooks

    @Override
    protected ClusterOperations cluster() {
        return cluster;
    }

    @Override
    protected List<String> givenDeployment(String namespace, String name, Map<String, String> selector, int replicas,
                                           List<RevisionFixture> revisions) {
        cluster.createDeployment(namespace, name, d -> {
            selector.forEach(d::label);
            revisions.subList(0, revisions.size() - 1).forEach(r -> d.history(r.image(), r.changeCause()));
            RevisionFixture current = revisions.get(revisions.size() - 1);
            d.replicas(replicas).image(current.image()).changeCause(current.changeCause());
        });
        return cluster.pods(namespace, selector).stream().map(Pod::name).toList();
    }

    @Override
    protected void givenPodStatus(String namespace, String pod, String phase, boolean ready, int restarts,
                                  String waitingReason) {
        cluster.setPodStatus(namespace, pod, phase, ready, restarts, waitingReason);
    }

    @Override
    protected void givenPodFacts(String namespace, String pod, KubectlPodStatus.PodFacts facts) {
        cluster.setPodStatus(namespace, pod, facts);
    }

    @Override
    protected void givenLogLines(String namespace, String pod, List<AgedLine> lines) {
        lines.forEach(l -> cluster.appendLog(namespace, pod, time.now().minus(l.ago()), l.text()));
    }

    @Override
    protected void givenPaused(String namespace, String deployment) {
        cluster.pause(namespace, deployment);
    }

    @Override
    protected TemplateView currentTemplate(String namespace, String deployment) {
        SimulatedCluster.Template t = cluster.template(namespace, deployment);
        return new TemplateView(t.image(), t.annotations());
    }

    // ------------------------------------------------------------------ simulation behaviour

    private List<Pod> pods() {
        return cluster.pods(PROD, APP);
    }

    private RolloutStatus status() {
        return cluster.rolloutStatus(PROD, SVC);
    }

    @Test
    @DisplayName("a deployment set up by the builder runs its replicas, ready, with the template hash label")
    void initialPods() {
        assertThat(pods()).hasSize(3).allSatisfy(p -> {
            assertThat(p.ready()).isTrue();
            assertThat(p.labels()).containsEntry("app", SVC).containsKey(SimulatedCluster.POD_TEMPLATE_HASH);
            assertThat(p.name()).startsWith(SVC + "-" + p.labels().get(SimulatedCluster.POD_TEMPLATE_HASH) + "-");
            assertThat(p.startedAt()).contains(time.now());
        });
        assertThat(pods()).extracting(Pod::name).doesNotHaveDuplicates();
        assertThat(cluster.template(PROD, SVC).env()).containsEntry("DB_HOST", "payment-db");
    }

    @Test
    @DisplayName("a bad revision's pods crash-loop: restarts climb with kubelet's back-off and each crash logs an error")
    void crashLoop() {
        cluster.deployBadRevision(PROD, SVC, "payment:2.4.0", "deploy 2.4.0", "ERROR connection pool exhausted");

        assertThat(cluster.rolloutHistory(PROD, SVC)).extracting(Revision::number, Revision::image)
                .last().isEqualTo(org.assertj.core.groups.Tuple.tuple(3L, "payment:2.4.0"));
        time.advance(Duration.ofSeconds(10));
        assertThat(pods()).hasSize(3).allSatisfy(p -> {
            assertThat(p.ready()).isFalse();
            assertThat(p.restarts()).isEqualTo(1);
            assertThat(p.waitingReason()).isEqualTo("CrashLoopBackOff");
        });

        time.advance(Duration.ofMinutes(5));
        // crashes at 10s, 30s (10s back-off + 10s run), 60s, 110s, 200s, 370s: five by 5m10s
        assertThat(pods()).allSatisfy(p -> assertThat(p.restarts()).isEqualTo(5));
        assertThat(cluster.logs(PROD, APP, Duration.ofMinutes(10), "ERROR", 1000))
                .hasSize(15).extracting(LogLine::text).containsOnly("ERROR connection pool exhausted");
        assertThat(status().done()).isFalse();
        assertThat(status().message())
                .isEqualTo("Waiting for deployment \"payment-service\" rollout to finish: 0 of 3 updated replicas are available...");
    }

    @Test
    @DisplayName("a rollout that makes no progress for the progress deadline is reported failed")
    void progressDeadline() {
        cluster.deployBadRevision(PROD, SVC, "payment:2.4.0", "deploy 2.4.0");
        time.advance(Duration.ofMinutes(9));
        assertThat(status().failed()).isFalse();

        time.advance(Duration.ofMinutes(1));

        assertThat(status().failed()).isTrue();
        assertThat(status().message()).isEqualTo("deployment \"payment-service\" exceeded its progress deadline");
    }

    @Test
    @DisplayName("undo after a bad revision restores the good template as a new revision and rolls out in virtual time")
    void undoAfterBadRevision() {
        cluster.deployBadRevision(PROD, SVC, "payment:2.4.0", "deploy 2.4.0");
        time.advance(Duration.ofMinutes(2));
        List<String> crashing = pods().stream().map(Pod::name).toList();

        var result = cluster.rolloutUndo(PROD, SVC, OptionalLong.empty());

        assertThat(result.fromRevision()).isEqualTo(3);
        assertThat(result.toRevision()).isEqualTo(2);
        assertThat(cluster.rolloutHistory(PROD, SVC)).extracting(Revision::number, Revision::image, Revision::changeCause)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "payment:2.2.0", "deploy 2.2.0"),
                        org.assertj.core.groups.Tuple.tuple(3L, "payment:2.4.0", "deploy 2.4.0"),
                        org.assertj.core.groups.Tuple.tuple(4L, "payment:2.3.0", "deploy 2.3.0"));
        assertThat(pods()).extracting(Pod::name).doesNotContainAnyElementsOf(crashing);
        assertThat(status().message())
                .isEqualTo("Waiting for deployment \"payment-service\" rollout to finish: 0 of 3 updated replicas are available...");

        time.advance(Duration.ofSeconds(10));

        assertThat(status().done()).isTrue();
        assertThat(status().message()).isEqualTo("deployment \"payment-service\" successfully rolled out");
        assertThat(pods()).allSatisfy(p -> assertThat(p.ready()).isTrue());
        assertThat(cluster.template(PROD, SVC).image()).isEqualTo("payment:2.3.0");
    }

    @Test
    @DisplayName("undoing back to a bad image crash-loops again: the image stays bad")
    void badImageStaysBad() {
        cluster.deployBadRevision(PROD, SVC, "payment:2.4.0", "deploy 2.4.0");
        cluster.rolloutUndo(PROD, SVC, OptionalLong.empty());
        time.advance(Duration.ofSeconds(10));
        assertThat(status().done()).isTrue();

        cluster.rolloutUndo(PROD, SVC, OptionalLong.of(3));
        time.advance(Duration.ofSeconds(10));

        assertThat(pods()).allSatisfy(p -> assertThat(p.waitingReason()).isEqualTo("CrashLoopBackOff"));
        assertThat(cluster.rolloutHistory(PROD, SVC)).extracting(Revision::number).containsExactly(1L, 4L, 5L);
    }

    @Test
    @DisplayName("deleted pods come back through their replica set after the replacement delay, then become ready")
    void deletedPodsComeBack() {
        List<String> before = pods().stream().map(Pod::name).toList();

        cluster.deletePods(PROD, before.subList(0, 2), Duration.ZERO);
        assertThat(pods()).hasSize(1);
        time.advance(Duration.ofSeconds(1));
        assertThat(pods()).hasSize(1);

        time.advance(Duration.ofSeconds(1));
        assertThat(pods()).hasSize(3).extracting(Pod::name).doesNotContain(before.get(0), before.get(1));
        assertThat(status().message())
                .isEqualTo("Waiting for deployment \"payment-service\" rollout to finish: 1 of 3 updated replicas are available...");

        time.advance(Duration.ofSeconds(10));
        assertThat(pods()).allSatisfy(p -> assertThat(p.ready()).isTrue());
        assertThat(status().done()).isTrue();
    }

    @Test
    @DisplayName("restart replaces every pod under a new revision that carries the restart annotation")
    void restartReplacesPods() {
        List<String> before = pods().stream().map(Pod::name).toList();

        cluster.rolloutRestart(PROD, SVC);

        assertThat(cluster.template(PROD, SVC).annotations())
                .containsEntry(SimulatedCluster.RESTARTED_AT, "2026-03-02T09:00:00Z");
        assertThat(cluster.rolloutHistory(PROD, SVC)).extracting(Revision::number, Revision::changeCause).last()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple(3L, "deploy 2.3.0"));
        assertThat(pods()).hasSize(3).extracting(Pod::name).doesNotContainAnyElementsOf(before);
        assertThat(status().done()).isFalse();
        time.advance(Duration.ofSeconds(10));
        assertThat(status().done()).isTrue();
    }

    @Test
    @DisplayName("scale changes the pod count; scaling down removes not-ready pods first")
    void scaleUpAndDown() {
        cluster.scale(PROD, SVC, 5);
        assertThat(pods()).hasSize(5);
        assertThat(status().message())
                .isEqualTo("Waiting for deployment \"payment-service\" rollout to finish: 3 of 5 updated replicas are available...");

        cluster.scale(PROD, SVC, 3);

        assertThat(pods()).hasSize(3).allSatisfy(p -> assertThat(p.ready()).isTrue());
        assertThat(status().done()).isTrue();
        cluster.scale(PROD, SVC, 0);
        assertThat(pods()).isEmpty();
        assertThat(cluster.replicas(PROD, SVC)).isZero();
    }

    @Test
    @DisplayName("a deployment made unhealthy crash-loops without a new revision, and recovers when made healthy")
    void unhealthyAndBack() {
        cluster.makeUnhealthy(PROD, SVC, "ERROR redis: connection refused");

        assertThat(pods()).allSatisfy(p -> assertThat(p.waitingReason()).isEqualTo("CrashLoopBackOff"));
        assertThat(cluster.rolloutHistory(PROD, SVC)).hasSize(2);
        assertThat(cluster.logs(PROD, APP, Duration.ofMinutes(1), "redis", 10)).hasSize(3);
        time.advance(Duration.ofMinutes(1));
        assertThat(pods()).allSatisfy(p -> assertThat(p.restarts()).isGreaterThan(1));

        cluster.makeHealthy(PROD, SVC);
        time.advance(Duration.ofMinutes(2));

        assertThat(pods()).allSatisfy(p -> {
            assertThat(p.ready()).isTrue();
            assertThat(p.waitingReason()).isEmpty();
        });
    }

    @Test
    @DisplayName("deploying the current template again makes no new revision")
    void sameTemplateNoRevision() {
        cluster.deploy(PROD, SVC, "payment:2.3.0", "again");

        assertThat(cluster.rolloutHistory(PROD, SVC)).extracting(Revision::number).containsExactly(1L, 2L);
        assertThat(status().done()).isTrue();
    }

    @Test
    @DisplayName("only the last ten old revisions are kept")
    void revisionHistoryLimit() {
        for (int i = 0; i < 12; i++) {
            cluster.deploy(PROD, SVC, "payment:3." + i, "deploy 3." + i);
        }

        List<Revision> history = cluster.rolloutHistory(PROD, SVC);

        assertThat(history).hasSize(11);
        assertThat(history.get(0).number()).isEqualTo(4);
        assertThat(history.get(10).number()).isEqualTo(14);
    }

    @Test
    @DisplayName("failNext fails exactly the next calls of one operation, with the given reason")
    void failNext() {
        cluster.failNext(Operation.ROLLOUT_UNDO, 2, ClusterException.Reason.UNAVAILABLE);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cluster.rolloutUndo(PROD, SVC, OptionalLong.empty()))
                    .isInstanceOfSatisfying(ClusterException.class,
                            e -> assertThat(e.reason()).isEqualTo(ClusterException.Reason.UNAVAILABLE));
        }
        assertThat(cluster.template(PROD, SVC).image()).isEqualTo("payment:2.3.0");
        assertThat(cluster.rolloutUndo(PROD, SVC, OptionalLong.empty()).skipped()).isFalse();
        assertThat(cluster.calls(Operation.ROLLOUT_UNDO)).isEqualTo(3);
        assertThat(cluster.calls(Operation.SCALE)).isZero();
    }

    @Test
    @DisplayName("failOn fails every call until the faults are cleared")
    void failOn() {
        cluster.failOn(Operation.PODS, ClusterException.Reason.FORBIDDEN);

        assertThatThrownBy(this::pods).isInstanceOf(ClusterException.class);
        assertThatThrownBy(this::pods).isInstanceOf(ClusterException.class);
        assertThat(cluster.rolloutHistory(PROD, SVC)).hasSize(2);

        cluster.clearFaults();
        assertThat(pods()).hasSize(3);
    }

    @Test
    @DisplayName("delayOn makes a call hang on the timers: virtual time passes before it answers")
    void delayOn() {
        cluster.rolloutRestart(PROD, SVC);
        cluster.delayOn(Operation.ROLLOUT_STATUS, Duration.ofSeconds(30));
        Instant before = time.now();

        RolloutStatus status = status();

        assertThat(time.now()).isEqualTo(before.plusSeconds(30));
        assertThat(status.done()).isTrue();
    }

    @Test
    @DisplayName("the builder reports every problem at once")
    void builderValidation() {
        assertThatThrownBy(() -> SimulatedCluster.builder(time.clock(), time)
                .podStartupDelay(Duration.ofSeconds(-1))
                .deployment(PROD, "Bad_Name", d -> d.replicas(-1))
                .build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(ValidationException.Problem::field)
                        .containsExactlyInAnyOrder("podStartupDelay", "deployments[production/Bad_Name].name",
                                "deployments[production/Bad_Name].replicas", "deployments[production/Bad_Name].image"));
    }

    @Test
    @DisplayName("a deployment declared unhealthy starts crash-looping")
    void startsUnhealthy() {
        SimulatedCluster sick = SimulatedCluster.builder(time.clock(), time)
                .deployment(PROD, "cart", d -> d.replicas(2).image("cart:1").unhealthy("ERROR boom"))
                .build();

        assertThat(sick.pods(PROD, Map.of("app", "cart"))).hasSize(2)
                .allSatisfy(p -> assertThat(p.waitingReason()).isEqualTo("CrashLoopBackOff"));
        assertThat(sick.rolloutStatus(PROD, "cart").done()).isFalse();
    }

    // ------------------------------------------------------------------ kit hooks for the typed runbook operations

    @Override
    protected void givenNode(String name) {
        cluster.addNode(name, Map.of());
    }

    @Override
    protected void givenPodOnNode(String namespace, String pod, String node, boolean daemon) {
        cluster.placePod(namespace, pod, node, daemon);
    }
}
