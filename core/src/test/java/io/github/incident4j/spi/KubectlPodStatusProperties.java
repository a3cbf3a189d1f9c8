package io.github.incident4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.spi.ClusterOperations.LogLine;
import io.github.incident4j.spi.KubectlPodStatus.ContainerFacts;
import io.github.incident4j.spi.KubectlPodStatus.ContainerState;
import io.github.incident4j.spi.KubectlPodStatus.PodFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

@Label("kubectl's pod columns and log tail, over generated pods and logs")
class KubectlPodStatusProperties {

    @Property(tries = 200)
    @Label("ready never exceeds the containers counted, restarts never exceed all restarts")
    void bounds(@ForAll("pods") PodFacts pod) {
        KubectlPodStatus s = KubectlPodStatus.of(pod);
        int all = pod.initStatuses().stream().mapToInt(ContainerFacts::restarts).sum()
                + pod.statuses().stream().mapToInt(ContainerFacts::restarts).sum();

        assertThat(s.readyContainers()).isBetween(0, s.totalContainers());
        assertThat(s.restarts()).isBetween(0, all);
        assertThat(s.status()).isNotNull();
    }

    @Property(tries = 200)
    @Label("a pod being deleted reads Unknown on a lost node, else Terminating unless it succeeded or failed")
    void deletion(@ForAll("pods") PodFacts pod) {
        PodFacts deleting = pod.toBuilder().deleting(true).build();
        String status = KubectlPodStatus.of(deleting).status();

        if (pod.reason().equals(KubectlPodStatus.NODE_LOST)) {
            assertThat(status).isEqualTo("Unknown");
        } else if (!pod.phase().equals("Succeeded") && !pod.phase().equals("Failed")) {
            assertThat(status).isEqualTo("Terminating");
        } else {
            assertThat(status).isEqualTo(KubectlPodStatus.of(pod.toBuilder().deleting(false).build()).status());
        }
    }

    @Property(tries = 200)
    @Label("an init container that is not done holds an uninitialised pod in Init:..., with the init restarts")
    void initializing(@ForAll("pods") PodFacts pod) {
        PodFacts facts = pod.toBuilder().deleting(false).initialized(false).build();
        boolean pending = facts.initStatuses().stream().anyMatch(c -> !done(facts, c));
        KubectlPodStatus s = KubectlPodStatus.of(facts);

        if (pending) {
            assertThat(s.status()).startsWith("Init:");
            int upToBlocker = 0;
            for (ContainerFacts c : facts.initStatuses()) {
                upToBlocker += c.restarts();
                if (!done(facts, c)) {
                    break;
                }
            }
            assertThat(s.restarts()).isEqualTo(upToBlocker);
        } else {
            assertThat(s.restarts()).isEqualTo(facts.statuses().stream().mapToInt(ContainerFacts::restarts).sum()
                    + facts.initStatuses().stream().filter(c -> facts.sidecars().contains(c.name()))
                    .mapToInt(ContainerFacts::restarts).sum());
        }
    }

    private static boolean done(PodFacts pod, ContainerFacts c) {
        return c.state().kind() == ContainerState.Kind.TERMINATED && c.state().exitCode() == 0
                || pod.sidecars().contains(c.name()) && c.started();
    }

    @Property(tries = 200)
    @Label("tail then filter keeps at most tail lines per container and limit in all, matching, in time order")
    void tailThenFilter(@ForAll("logs") List<LogLine> lines, @ForAll @IntRange(min = -1, max = 6) int tail,
                        @ForAll @IntRange(min = 0, max = 12) int limit) {
        List<LogLine> kept = LogLine.tailThenFilter(lines, tail, "E", limit);

        assertThat(kept).hasSizeLessThanOrEqualTo(limit).isSortedAccordingTo(LogLine.CHRONOLOGICAL)
                .allSatisfy(l -> assertThat(l.text()).contains("E"));
        assertThat(lines).containsAll(kept);
        Map<List<String>, List<LogLine>> byContainer = new HashMap<>();
        lines.forEach(l -> byContainer.computeIfAbsent(List.of(l.pod(), l.container()), k -> new ArrayList<>()).add(l));
        for (LogLine l : kept) {
            List<LogLine> own = byContainer.get(List.of(l.pod(), l.container()));
            int fromEnd = own.size() - own.lastIndexOf(l);
            if (tail >= 0) {
                assertThat(fromEnd).as("within the container's last %d lines", tail).isLessThanOrEqualTo(tail);
            }
        }
        if (tail == ClusterOperations.ALL_LINES && limit >= lines.size()) {
            assertThat(kept).hasSize((int) lines.stream().filter(l -> l.text().contains("E")).count());
        }
    }

    @Provide
    Arbitrary<List<LogLine>> logs() {
        Arbitrary<LogLine> line = Combinators.combine(Arbitraries.of("p1", "p2"), Arbitraries.of("app", "proxy"),
                        Arbitraries.integers().between(0, 50), Arbitraries.of("E1", "I", "E2", "W"))
                .as((pod, container, second, text) -> new LogLine(pod, container,
                        Instant.parse("2026-03-02T09:00:00Z").plusSeconds(second), text + "@" + second));
        // Each container's log is in time order, as a log file is.
        return line.list().ofMaxSize(20).map(list -> {
            List<LogLine> sorted = new ArrayList<>(list);
            sorted.sort(LogLine.CHRONOLOGICAL);
            return Collections.unmodifiableList(sorted);
        });
    }

    private static Arbitrary<ContainerState> states() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "PodInitializing", "CrashLoopBackOff", "ContainerCreating")
                        .map(ContainerState::waiting),
                Arbitraries.just(ContainerState.running()),
                Combinators.combine(Arbitraries.of("", "Completed", "Error", "OOMKilled"),
                        Arbitraries.of(0, 1, 137)).as(ContainerState::terminated),
                Arbitraries.of(9, 15).map(s -> ContainerState.killedBy(s, 128 + s)));
    }

    private static Arbitrary<ContainerFacts> container(String name) {
        return Combinators.combine(states(), Arbitraries.of(true, false), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 5))
                .as((state, ready, started, restarts) -> new ContainerFacts(name, state, ready, started, restarts));
    }

    @Provide
    Arbitrary<PodFacts> pods() {
        Arbitrary<String> phase = Arbitraries.of("Pending", "Running", "Succeeded", "Failed", "Unknown");
        Arbitrary<String> reason = Arbitraries.of("", "", "Evicted", KubectlPodStatus.NODE_LOST);
        Arbitrary<Integer> inits = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> containers = Arbitraries.integers().between(1, 3);
        return Combinators.combine(phase, reason, Arbitraries.of(true, false), Arbitraries.of(true, false),
                inits, containers, Arbitraries.integers().between(0, 7)).flatAs(
                (ph, re, initialized, ready, nInit, nContainers, sidecarMask) -> {
                    List<Arbitrary<ContainerFacts>> initStatuses = new ArrayList<>();
                    List<Arbitrary<ContainerFacts>> statuses = new ArrayList<>();
                    for (int i = 0; i < nInit; i++) {
                        initStatuses.add(container("init" + i));
                    }
                    for (int i = 0; i < nContainers; i++) {
                        statuses.add(container("c" + i));
                    }
                    return Combinators.combine(initStatuses).as(l -> l).flatMap(is ->
                            Combinators.combine(statuses).as(cs -> {
                                PodFacts.Builder b = PodFacts.inPhase(ph).reason(re).initialized(initialized)
                                        .readyCondition(ready);
                                for (int i = 0; i < nInit; i++) {
                                    if ((sidecarMask & (1 << i)) != 0) {
                                        b.sidecar("init" + i);
                                    } else {
                                        b.initContainer("init" + i);
                                    }
                                }
                                for (int i = 0; i < nContainers; i++) {
                                    b.container("c" + i);
                                }
                                is.forEach(b::initStatus);
                                cs.forEach(b::status);
                                return b.build();
                            }));
                });
    }
}
