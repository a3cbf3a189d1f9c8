package io.github.incident4j.kubernetes;

import java.util.List;

/**
 * How many of the pods matching a selector to act on: a count, or a percentage like Litmus'
 * {@code PODS_AFFECTED_PERC}.
 *
 * <pre>{@code
 * cluster.deletePods("shop", Map.of("app", "web"), PodSelection.percent(50), Duration.ZERO);
 * }</pre>
 *
 * @param count the number of pods, when {@code percent} is 0
 * @param percent the share of pods in percent (1 to 100), or 0 when a count is given
 */
public record PodSelection(int count, int percent) {

    /** Validates the parts: exactly one of count and percent is set. */
    public PodSelection {
        if (percent == 0 && count < 1) {
            throw new IllegalArgumentException("count must be at least 1, but was " + count);
        }
        if (percent != 0 && (percent < 1 || percent > 100 || count != 0)) {
            throw new IllegalArgumentException("percent must be between 1 and 100 without a count, but was "
                    + percent + " (count " + count + ")");
        }
    }

    /** Exactly {@code count} pods (fewer if fewer match). */
    public static PodSelection count(int count) {
        return new PodSelection(count, 0);
    }

    /** {@code percent} of the matching pods, rounded down but at least one, like Litmus. */
    public static PodSelection percent(int percent) {
        return new PodSelection(0, percent);
    }

    /** Every matching pod. */
    public static PodSelection all() {
        return percent(100);
    }

    /** The first pods of {@code candidates} (already in a stable order) this selection takes. */
    public <T> List<T> pick(List<T> candidates) {
        int n = percent == 0 ? count : Math.max(1, candidates.size() * percent / 100);
        return List.copyOf(candidates.subList(0, Math.min(n, candidates.size())));
    }
}
