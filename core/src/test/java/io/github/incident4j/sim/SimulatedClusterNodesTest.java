package io.github.incident4j.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.spi.ClusterOperations.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SimulatedCluster's nodes, pods that do not come back and pods that come back slowly")
class SimulatedClusterNodesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Map<String, String> WEB = Map.of("app", "web");
    private final VirtualTime time = VirtualTime.startingAt(T0);

    @Test
    @DisplayName("pods are placed on the nodes in turn; nodes are listed by label")
    void nodes() {
        SimulatedCluster c = SimulatedCluster.builder(time.clock(), time)
                .node("node-b", Map.of("zone", "b")).node("node-a", Map.of("zone", "a", "disk", "ssd"))
                .deployment("shop", "web", d -> d.replicas(3).image("web:1")).build();

        assertThat(c.nodes(Map.of())).containsExactly("node-a", "node-b");
        assertThat(c.nodes(Map.of("disk", "ssd"))).containsExactly("node-a");
        assertThat(c.nodes(Map.of("zone", "c"))).isEmpty();
        Map<String, String> placed = c.podNodes("shop", WEB);
        assertThat(placed).hasSize(3);
        assertThat(placed.values()).containsOnly("node-a", "node-b");
        assertThat(placed.values().stream().filter("node-a"::equals).count()).isEqualTo(2);
    }

    @Test
    @DisplayName("without nodes declared the cluster has one, node-1")
    void defaultNode() {
        SimulatedCluster c = SimulatedCluster.builder(time.clock(), time)
                .deployment("shop", "web", d -> d.replicas(2).image("web:1")).build();
        assertThat(c.nodes(Map.of("kubernetes.io/hostname", "node-1"))).containsExactly("node-1");
        assertThat(c.podNodes("shop", WEB).values()).containsOnly("node-1");
    }

    @Test
    @DisplayName("held pods stay Pending until released; then they start and become ready")
    void holdAndRelease() {
        SimulatedCluster c = SimulatedCluster.builder(time.clock(), time).podReplacementDelay(Duration.ofSeconds(1))
                .podStartupDelay(Duration.ofSeconds(4)).deployment("shop", "web", d -> d.replicas(1).image("web:1"))
                .build();
        c.holdPods("shop", "web");
        c.deletePods("shop", List.of(c.pods("shop", WEB).get(0).name()), Duration.ZERO);
        time.advance(Duration.ofMinutes(5));
        assertThat(c.pods("shop", WEB)).singleElement().satisfies(p -> {
            assertThat(p.phase()).isEqualTo("Pending");
            assertThat(p.ready()).isFalse();
        });

        c.releasePods("shop", "web");
        assertThat(c.pods("shop", WEB)).singleElement().extracting(Pod::phase).isEqualTo("Running");
        time.advance(Duration.ofSeconds(4));
        assertThat(c.pods("shop", WEB)).singleElement().extracting(Pod::ready).isEqualTo(true);
    }

    @Test
    @DisplayName("a deployment's own startup delay makes its new pods slow to become ready")
    void slowStartup() {
        SimulatedCluster c = SimulatedCluster.builder(time.clock(), time).podReplacementDelay(Duration.ofSeconds(1))
                .deployment("shop", "web", d -> d.replicas(1).image("web:1").startupDelay(Duration.ofSeconds(30)))
                .build();
        assertThat(c.pods("shop", WEB)).allMatch(Pod::ready); // installed pods are ready at once
        c.deletePods("shop", List.of(c.pods("shop", WEB).get(0).name()), Duration.ZERO);
        time.advance(Duration.ofSeconds(30));
        assertThat(c.pods("shop", WEB)).singleElement().extracting(Pod::ready).isEqualTo(false);
        time.advance(Duration.ofSeconds(1));
        assertThat(c.pods("shop", WEB)).singleElement().extracting(Pod::ready).isEqualTo(true);
    }
}
