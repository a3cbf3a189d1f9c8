package io.github.incident4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.spi.ClusterOperations.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The per-pod tail a {@link ClusterOperations} gets for free when it implements only the bounded logs call. */
@DisplayName("ClusterOperations.logs with a tail, by default")
class ClusterOperationsLogsTailTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");

    /** Implements only the five-argument logs, over fixed lines, and records the calls it gets. */
    private static final class OnlyBoundedLogs implements ClusterOperations {
        final List<LogLine> lines;
        final List<String> calls = new ArrayList<>();

        OnlyBoundedLogs(List<LogLine> lines) {
            this.lines = lines;
        }

        @Override
        public List<LogLine> logs(String namespace, Map<String, String> selector, Duration since, String contains,
                                  int limit) {
            calls.add("contains=" + contains + " limit=" + limit);
            List<LogLine> window = lines.stream().filter(l -> l.at().isAfter(NOW.minus(since)))
                    .filter(l -> l.text().contains(contains)).sorted(LogLine.CHRONOLOGICAL).toList();
            return window.subList(Math.max(0, window.size() - limit), window.size());
        }

        @Override
        public List<Pod> pods(String namespace, Map<String, String> selector) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Revision> rolloutHistory(String namespace, String deployment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UndoResult rolloutUndo(String namespace, String deployment, OptionalLong toRevision) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RolloutStatus rolloutStatus(String namespace, String deployment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void scale(String namespace, String deployment, int replicas) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void rolloutRestart(String namespace, String deployment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> deletePods(String namespace, List<String> podNames, Duration gracePeriod) {
            throw new UnsupportedOperationException();
        }
    }

    private static LogLine line(String pod, int minutesAgo, String text) {
        return new LogLine(pod, "app", NOW.minus(Duration.ofMinutes(minutesAgo)), text);
    }

    @Test
    @DisplayName("takes each pod's last lines of the window first, then the text, then the newest within the limit")
    void tailBeforeFilter() {
        OnlyBoundedLogs cluster = new OnlyBoundedLogs(List.of(
                line("a", 30, "ERROR outside the window"),
                line("a", 9, "ERROR beyond the tail"), line("a", 8, "INFO 1"), line("a", 7, "ERROR kept"),
                line("a", 6, "INFO 2"),
                line("b", 5, "ERROR b1"), line("b", 4, "ERROR b2")));

        List<LogLine> found = cluster.logs("ns", Map.of(), Duration.ofMinutes(10), "ERROR", 3, 100);

        assertThat(found).extracting(LogLine::text).containsExactly("ERROR kept", "ERROR b1", "ERROR b2");
        assertThat(cluster.calls).as("the whole window is read unfiltered")
                .containsExactly("contains= limit=" + Integer.MAX_VALUE);
        assertThat(cluster.logs("ns", Map.of(), Duration.ofMinutes(10), "ERROR", 3, 2)).extracting(LogLine::text)
                .containsExactly("ERROR b1", "ERROR b2");
    }

    @Test
    @DisplayName("ALL_LINES is the bounded call itself; bad bounds are refused, each named")
    void allLinesAndBounds() {
        OnlyBoundedLogs cluster = new OnlyBoundedLogs(List.of(line("a", 2, "ERROR x")));

        assertThat(cluster.logs("ns", Map.of(), Duration.ofMinutes(5), "ERROR", ClusterOperations.ALL_LINES, 7))
                .hasSize(1);
        assertThat(cluster.calls).containsExactly("contains=ERROR limit=7");
        assertThatThrownBy(() -> cluster.logs("ns", Map.of(), Duration.ofMinutes(-1), "", -2, -3))
                .isInstanceOf(ValidationException.class).hasMessageContaining("since").hasMessageContaining("tail")
                .hasMessageContaining("limit");
    }
}
