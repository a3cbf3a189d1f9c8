package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.spi.ClusterException.Reason;
import io.github.incident4j.spi.ClusterOperations;
import io.github.incident4j.spi.ClusterOperations.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("logs of the pods matching a selector")
class KubernetesLogsTest extends KubernetesAdapterTestSupport {

    @Test
    @DisplayName("reads every container of every matching pod since the window with timestamps, filters lines and keeps the newest")
    void logs() {
        cluster.pod(ns, "web-a", Map.of("app", "web"), "Running", true, 0, "", "sidecar");
        cluster.pod(ns, "web-b", Map.of("app", "web"), "Running", true, 0, "");
        int bytes = KubernetesClusterOperations.DEFAULT_LOG_BYTES_PER_CONTAINER;
        int lines = KubernetesClusterOperations.DEFAULT_LOG_LINES_PER_CONTAINER;
        cluster.expectLog(ns, "web-a", "app", 600, lines, bytes,
                "2026-03-02T09:04:00.000000000Z ERROR too old, outside the window\n"
                        + "2026-03-02T09:06:00.123456789Z ERROR payment declined\n"
                        + "2026-03-02T09:07:00.000000000Z INFO fine\n");
        cluster.expectLog(ns, "web-a", "sidecar", 600, lines, bytes,
                "2026-03-02T09:08:00Z ERROR proxy upstream reset\n");
        cluster.expectLog(ns, "web-b", "app", 600, lines, bytes,
                "2026-03-02T09:10:00.5Z ERROR payment declined again\n2026-03-02T09:11:00Z ERR");

        List<LogLine> found = ops.logs(ns, Map.of("app", "web"), Duration.ofMinutes(10), "ERROR", 2);

        assertThat(found).containsExactly(
                new LogLine("web-a", "sidecar", Instant.parse("2026-03-02T09:08:00Z"), "ERROR proxy upstream reset"),
                new LogLine("web-b", "app", Instant.parse("2026-03-02T09:10:00.5Z"),
                        "ERROR payment declined again"));
        assertThat(ops.logs(ns, Map.of("app", "web"), Duration.ofMinutes(10), "ERROR", 10))
                .extracting(LogLine::text).containsExactly("ERROR payment declined", "ERROR proxy upstream reset",
                        "ERROR payment declined again");
    }

    @Test
    @DisplayName("without a filter the server keeps only the newest lines (tailLines = limit), bounded by the log budget")
    void unfilteredTail() {
        cluster.pod(ns, "web-a", Map.of("app", "web"), "Running", true, 0, "");
        KubernetesClusterOperations small = ops.withLogBudget(4096, 50);
        cluster.expectLog(ns, "web-a", "app", 300, 3, 4096,
                "2026-03-02T09:14:00Z one\n2026-03-02T09:14:10Z two\n2026-03-02T09:14:20Z three\n");

        assertThat(small.logs(ns, Map.of("app", "web"), Duration.ofMinutes(5), "", 3)).extracting(LogLine::text)
                .containsExactly("one", "two", "three");
        assertThat(cluster.requests()).anySatisfy(r -> assertThat(r.path())
                .isEqualTo(KubernetesMockCluster.logPath(ns, "web-a", "app", 300, 3, 4096)));
    }

    @Test
    @DisplayName("a per-pod tail is sent as tailLines (bounded by the budget) to every container, the filter applied after it")
    void perPodTail() {
        cluster.pod(ns, "web-a", Map.of("app", "web"), "Running", true, 0, "", "sidecar");
        int bytes = KubernetesClusterOperations.DEFAULT_LOG_BYTES_PER_CONTAINER;
        cluster.expectLog(ns, "web-a", "app", 600, 10, bytes,
                "2026-03-02T09:06:00Z INFO one\n2026-03-02T09:07:00Z ERROR two\n");
        cluster.expectLog(ns, "web-a", "sidecar", 600, 10, bytes, "2026-03-02T09:08:00Z ERROR three\n");
        cluster.expectLog(ns, "web-a", "app", 600, 1, bytes, "2026-03-02T09:07:00Z ERROR two\n");
        cluster.expectLog(ns, "web-a", "sidecar", 600, 1, bytes, "2026-03-02T09:08:00Z ERROR three\n");

        assertThat(ops.logs(ns, Map.of("app", "web"), Duration.ofMinutes(10), "ERROR",
                ClusterOperations.SELECTOR_DEFAULT_TAIL, 100)).extracting(LogLine::text)
                .containsExactly("ERROR two", "ERROR three");
        assertThat(cluster.requests()).filteredOn(r -> r.path().contains("/log?"))
                .extracting(KubernetesMockCluster.Request::path).containsExactly(
                        KubernetesMockCluster.logPath(ns, "web-a", "app", 600, 10, bytes),
                        KubernetesMockCluster.logPath(ns, "web-a", "sidecar", 600, 10, bytes));
        cluster.clearRequests();

        assertThat(ops.logs(ns, Map.of("app", "web"), Duration.ofMinutes(10), "", 5, 1)).extracting(LogLine::text)
                .as("without a filter no container needs more than the limit").containsExactly("ERROR three");
        assertThat(ops.withLogBudget(4096, 3).logs(ns, Map.of("app", "web"), Duration.ofMinutes(10), "ERROR", 0, 5))
                .isEmpty();
    }

    @Test
    @DisplayName("skips a container that has not started, and reports a forbidden log read as FORBIDDEN")
    void failures() {
        cluster.pod(ns, "web-a", Map.of("app", "web"), "Pending", false, 0, "ContainerCreating");
        int bytes = KubernetesClusterOperations.DEFAULT_LOG_BYTES_PER_CONTAINER;
        int lines = KubernetesClusterOperations.DEFAULT_LOG_LINES_PER_CONTAINER;
        cluster.expectLogFailure(ns, "web-a", "app", 60, lines, bytes, 400,
                "container \"app\" in pod \"web-a\" is waiting to start: ContainerCreating");

        assertThat(ops.logs(ns, Map.of("app", "web"), Duration.ofMinutes(1), "ERROR", 10)).isEmpty();

        cluster.pod(ns, "web-b", Map.of("app", "web"), "Running", true, 0, "");
        cluster.expectLogFailure(ns, "web-b", "app", 60, lines, bytes, 403, "pods \"web-b\" is forbidden");
        assertFailure(Reason.FORBIDDEN, () -> ops.logs(ns, Map.of("app", "web"), Duration.ofMinutes(1), "ERROR", 10))
                .hasMessageContaining("pod " + ns + "/web-b container app");
    }
}
