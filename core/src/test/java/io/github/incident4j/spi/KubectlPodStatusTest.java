package io.github.incident4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.spi.KubectlPodStatus.ContainerFacts;
import io.github.incident4j.spi.KubectlPodStatus.ContainerState;
import io.github.incident4j.spi.KubectlPodStatus.PodFacts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rules of kubectl's pod printer that the compatibility kit's cases do not single out. */
@DisplayName("KubectlPodStatus")
class KubectlPodStatusTest {

    private static ContainerFacts c(String name) {
        return ContainerFacts.named(name);
    }

    @Test
    @DisplayName("the README example: an init container crash-looping with 4 restarts")
    void initCrashLoop() {
        KubectlPodStatus s = KubectlPodStatus.of(PodFacts.inPhase("Pending").initContainer("migrate").container("app")
                .initStatus(c("migrate").waiting("CrashLoopBackOff").restarts(4))
                .status(c("app").waiting("PodInitializing").restarts(9)).build());

        assertThat(s).isEqualTo(new KubectlPodStatus("Init:CrashLoopBackOff", 4, 0, 1, "CrashLoopBackOff"));
        assertThat(s.allReady()).isFalse();
    }

    @Test
    @DisplayName("containers are read from the last reported to the first, so the first one's reason wins")
    void firstContainerWins() {
        KubectlPodStatus s = KubectlPodStatus.of(PodFacts.inPhase("Running").initialized(true).container("a")
                .container("b").status(c("a").waiting("ImagePullBackOff").restarts(1))
                .status(c("b").waiting("CrashLoopBackOff").restarts(2)).build());

        assertThat(s.status()).isEqualTo("ImagePullBackOff");
        assertThat(s.restarts()).isEqualTo(3);
        assertThat(s.waitingReason()).isEqualTo("ImagePullBackOff");
    }

    @Test
    @DisplayName("a later running container does not hide an earlier terminated one")
    void terminatedBeforeRunning() {
        KubectlPodStatus s = KubectlPodStatus.of(PodFacts.inPhase("Running").initialized(true).container("a")
                .container("b").status(c("a").terminated("Error", 2)).status(c("b").running(true)).build());

        assertThat(s.status()).isEqualTo("Error");
        assertThat(s.readyContainers()).isEqualTo(1);
        assertThat(s.totalContainers()).isEqualTo(2);
    }

    @Test
    @DisplayName("once the Initialized condition is true, the containers' restarts count and their reasons win")
    void initializedConditionTrue() {
        PodFacts.Builder initialized = PodFacts.inPhase("Running").initialized(true).initContainer("migrate")
                .container("app").initStatus(c("migrate").waiting("CrashLoopBackOff").restarts(4));

        KubectlPodStatus running = KubectlPodStatus.of(initialized.build().toBuilder()
                .status(c("app").running(true).restarts(1)).build());
        KubectlPodStatus waiting = KubectlPodStatus.of(initialized.build().toBuilder()
                .status(c("app").waiting("CrashLoopBackOff").restarts(1)).build());

        // kubectl only overwrites the status with a waiting or terminated reason: a running container keeps it.
        assertThat(running.status()).isEqualTo("Init:CrashLoopBackOff");
        assertThat(running.restarts()).as("the init container's restarts no longer count").isEqualTo(1);
        assertThat(running.readyContainers()).isEqualTo(1);
        assertThat(waiting.status()).isEqualTo("CrashLoopBackOff");
    }

    @Test
    @DisplayName("a sidecar that has not started holds the pod in Init:N/M, counted among the init containers")
    void sidecarNotStarted() {
        KubectlPodStatus s = KubectlPodStatus.of(PodFacts.inPhase("Pending").initContainer("migrate")
                .sidecar("proxy").container("app")
                .initStatus(c("migrate").terminated("Completed", 0))
                .initStatus(c("proxy").waiting("").restarts(2))
                .status(c("app").waiting("PodInitializing")).build());

        assertThat(s.status()).isEqualTo("Init:1/2");
        assertThat(s.restarts()).isEqualTo(2);
        assertThat(s.totalContainers()).isEqualTo(2);
        assertThat(s.waitingReason()).isEqualTo("PodInitializing");
    }

    @Test
    @DisplayName("an init container waiting with PodInitializing counts as not started: Init:N/M")
    void initWaitingPodInitializing() {
        assertThat(KubectlPodStatus.of(PodFacts.inPhase("Pending").initContainer("a").initContainer("b")
                .initStatus(c("a").terminated("Completed", 0)).initStatus(c("b").waiting("PodInitializing"))
                .build()).status()).isEqualTo("Init:1/2");
    }

    @Test
    @DisplayName("a terminated container with a reason and a signal shows the reason; without a reason the signal")
    void reasonBeforeSignal() {
        PodFacts.Builder base = PodFacts.inPhase("Running").initialized(true).container("app");
        assertThat(KubectlPodStatus.of(base.build().toBuilder()
                .status(c("app").state(new ContainerState(ContainerState.Kind.TERMINATED, "Error", 137, 9))).build())
                .status()).isEqualTo("Error");
        assertThat(KubectlPodStatus.of(base.build().toBuilder()
                .status(c("app").state(ContainerState.killedBy(9, 137))).build()).status()).isEqualTo("Signal:9");
    }

    @Test
    @DisplayName("a failed pod being deleted keeps its status; a pod reason other than NodeLost gives Terminating")
    void deletion() {
        PodFacts failed = PodFacts.inPhase("Failed").deleting(true).container("app")
                .status(c("app").terminated("Error", 1)).build();
        assertThat(KubectlPodStatus.of(failed).status()).isEqualTo("Error");
        assertThat(KubectlPodStatus.of(PodFacts.inPhase("Running").reason("Preempting").deleting(true).build())
                .status()).isEqualTo("Terminating");
        assertThat(KubectlPodStatus.of(PodFacts.inPhase("Running").reason("NodeLost").build()).status())
                .as("NodeLost without a deletion timestamp is just the reason").isEqualTo("NodeLost");
    }

    @Test
    @DisplayName("a ready container that is not running does not count as ready")
    void readyButWaiting() {
        KubectlPodStatus s = KubectlPodStatus.of(PodFacts.inPhase("Running").initialized(true).container("app")
                .status(new ContainerFacts("app", ContainerState.waiting("CrashLoopBackOff"), true, true, 1)).build());

        assertThat(s.readyContainers()).isZero();
        assertThat(s.allReady()).isFalse();
    }

    @Test
    @DisplayName("facts are validated: a sidecar must be an init container, restarts must not be negative")
    void validation() {
        PodFacts.Builder ok = PodFacts.inPhase("Running").container("app");
        assertThat(ok.build().sidecars()).isEmpty();
        assertThatThrownBy(() -> new PodFacts("Running", "", false, false, false, false, java.util.List.of(),
                java.util.Set.of("proxy"), java.util.List.of("app"), java.util.List.of(), java.util.List.of()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("sidecars")
                .hasMessageContaining("proxy");
        assertThatThrownBy(() -> c("app").restarts(-1)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("containers[app].restarts");
    }

    @Test
    @DisplayName("toBuilder keeps every fact")
    void toBuilderRoundTrip() {
        PodFacts facts = PodFacts.inPhase("Running").reason("r").deleting(true).initialized(true)
                .readyCondition(true).schedulingGated(true).initContainer("i").sidecar("s").container("app")
                .initStatus(c("i").terminated("Completed", 0)).initStatus(c("s").running(true))
                .status(c("app").running(true)).build();

        assertThat(facts.toBuilder().build()).isEqualTo(facts);
    }
}
