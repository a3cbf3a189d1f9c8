package io.github.incident4j.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The pod-delete fault's settings, read from its env exactly as litmus-go 3.x reads them
 * ({@code pkg/generic/pod-delete/environment}): an empty or missing value takes Litmus's default, whole numbers go
 * through Go's {@code strconv.Atoi} with the error ignored (so {@code '1m'}, {@code '30s'} and {@code ' 30'} are 0),
 * booleans through {@code strconv.ParseBool} (anything but {@code true}/{@code 1}/{@code t}... is false), and the
 * texts Litmus reads later ({@code CHAOS_INTERVAL} ranges with {@code RANDOMNESS=true}, {@code PODS_AFFECTED_PERC}
 * ranges, {@code SEQUENCE=random}) are kept as written. Reading never fails: what litmus-go accepts, this accepts;
 * what it silently turns into 0 is listed by {@link #coercions(Map)} (and {@code incident4j lint} reports it as an
 * error with the fix).
 *
 * <pre>{@code
 * PodDeleteSettings s = PodDeleteSettings.of(Map.of("TOTAL_CHAOS_DURATION", "1m"));
 * s.totalChaosDuration();   // 0s: litmus-go's Atoi("1m") is 0, so no chaos is injected
 * PodDeleteSettings.coercions(Map.of("TOTAL_CHAOS_DURATION", "1m"));
 *                           // ["TOTAL_CHAOS_DURATION '1m' is not a whole number of seconds: litmus-go reads it as 0 ..."]
 * }</pre>
 *
 * @param totalChaosDuration {@code TOTAL_CHAOS_DURATION}, default 30 s (may be zero or negative: then no iteration)
 * @param chaosIntervalText {@code CHAOS_INTERVAL} as written, default {@code 10}; a range {@code lo-hi} is drawn from
 *     only with {@code RANDOMNESS=true}
 * @param force {@code FORCE}, default false; true deletes with grace period 0
 * @param podsAffectedPercentText {@code PODS_AFFECTED_PERC} as written, default {@code 0}; a range {@code lo-hi} is
 *     drawn from once per run
 * @param sequenceText {@code SEQUENCE} as written, default {@code parallel}
 * @param rampTime {@code RAMP_TIME}, default 0: waited before and after the chaos
 * @param targetPods {@code TARGET_PODS}: comma-separated pod names, empty when not set
 * @param nodeLabel {@code NODE_LABEL}: a node label selector, empty when not set
 * @param randomness {@code RANDOMNESS}: whether {@code CHAOS_INTERVAL} is a random wait
 */
public record PodDeleteSettings(Duration totalChaosDuration, String chaosIntervalText, boolean force,
                                String podsAffectedPercentText, String sequenceText, Duration rampTime,
                                String targetPods, String nodeLabel, boolean randomness) {

    /** Litmus's defaults (an empty env). */
    public static final PodDeleteSettings DEFAULT = of(Map.of());

    /** How the targets of one iteration are hit. */
    public enum Sequence {
        /** One pod after the other, each followed by the interval and the recovery wait. */
        SERIAL,
        /** All targets at once, then the interval and the recovery wait. */
        PARALLEL,
        /** {@code random}: serial or parallel, drawn once per run. */
        RANDOM,
        /** Anything else: litmus-go ends the experiment in Error ("sequence ... is not supported"). */
        UNSUPPORTED;

        /** The word Litmus writes. */
        public String litmusName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks the parts are present; every value litmus-go accepts is accepted. */
    public PodDeleteSettings {
        Objects.requireNonNull(totalChaosDuration, "totalChaosDuration");
        Objects.requireNonNull(chaosIntervalText, "chaosIntervalText");
        Objects.requireNonNull(podsAffectedPercentText, "podsAffectedPercentText");
        Objects.requireNonNull(sequenceText, "sequenceText");
        Objects.requireNonNull(rampTime, "rampTime");
        Objects.requireNonNull(targetPods, "targetPods");
        Objects.requireNonNull(nodeLabel, "nodeLabel");
    }

    /** Reads the env of a pod-delete fault as litmus-go does; never fails. */
    public static PodDeleteSettings of(Map<String, String> env) {
        return new PodDeleteSettings(
                Duration.ofSeconds(GoText.atoi(get(env, "TOTAL_CHAOS_DURATION", "30"))),
                get(env, "CHAOS_INTERVAL", "10"),
                GoText.parseBool(get(env, "FORCE", "false")),
                get(env, "PODS_AFFECTED_PERC", "0"),
                get(env, "SEQUENCE", "parallel"),
                Duration.ofSeconds(GoText.atoi(get(env, "RAMP_TIME", "0"))),
                get(env, "TARGET_PODS", ""),
                get(env, "NODE_LABEL", ""),
                GoText.parseBool(get(env, "RANDOMNESS", "")));
    }

    /** litmus-go's {@code Getenv}: a missing or empty value takes the default. */
    private static String get(Map<String, String> env, String key, String fallback) {
        String v = env.get(key);
        return v == null || v.isEmpty() ? fallback : v;
    }

    /** The wait between strikes without {@code RANDOMNESS}: {@code Atoi(CHAOS_INTERVAL)} (a range reads as 0). */
    public Duration chaosInterval() {
        return Duration.ofSeconds(GoText.atoi(chaosIntervalText));
    }

    /** {@code Atoi(PODS_AFFECTED_PERC)}; for a range, its lower bound (the run draws from the range). */
    public int podsAffectedPercent() {
        String[] range = podsAffectedPercentText.split("-", -1);
        long v = range.length == 2 ? GoText.atoi(range[0]) : GoText.atoi(podsAffectedPercentText);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** The sequence as litmus-go's switch reads it (case-insensitive). */
    public Sequence sequence() {
        return switch (sequenceText.toLowerCase(Locale.ROOT)) {
            case "serial" -> Sequence.SERIAL;
            case "parallel" -> Sequence.PARALLEL;
            case "random" -> Sequence.RANDOM;
            default -> Sequence.UNSUPPORTED;
        };
    }

    /** The names in {@code TARGET_PODS}, trimmed, empty entries dropped. */
    public List<String> targetPodNames() {
        return Arrays.stream(targetPods.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * How many of {@code podCount} pods one iteration targets: litmus-go's {@code max(1, min(p, 100) · N / 100)}
     * (integer division); 0 when N is 0.
     */
    public int targetCount(int podCount) {
        return targetCount(podsAffectedPercent(), podCount);
    }

    static int targetCount(int percent, int podCount) {
        if (podCount <= 0) {
            return 0;
        }
        return Math.max(1, (int) ((long) Math.min(percent, 100) * podCount / 100));
    }

    /** The grace period a deletion uses: zero when forced, else the pod's own (Kubernetes's default 30 s). */
    public Duration gracePeriod() {
        return force ? Duration.ZERO : Duration.ofSeconds(30);
    }

    /**
     * Values kept as text that litmus-go accepts but reads differently from what they say: {@code CHAOS_INTERVAL:
     * '5-10'} without {@code RANDOMNESS} (0), {@code PODS_AFFECTED_PERC: 'half'} (0), an unsupported
     * {@code SEQUENCE}. {@link #coercions(Map)} also covers the whole-number and boolean keys.
     */
    public List<String> coercions() {
        List<String> out = new ArrayList<>();
        boolean intervalRange = chaosIntervalText.split("-", -1).length == 2;
        if (!GoText.isAtoi(chaosIntervalText) && !(randomness && intervalRange)) {
            out.add("CHAOS_INTERVAL '" + chaosIntervalText + "' is not a whole number of seconds"
                    + (intervalRange ? " and RANDOMNESS is not true" : "") + ": litmus-go reads it as "
                    + GoText.atoi(chaosIntervalText) + (intervalRange ? "; set RANDOMNESS to 'true' to draw from the range"
                    : "; write it in seconds, e.g. '10'"));
        }
        if (!GoText.isAtoi(podsAffectedPercentText) && podsAffectedPercentText.split("-", -1).length != 2) {
            out.add("PODS_AFFECTED_PERC '" + podsAffectedPercentText + "' is not a whole number: litmus-go reads it as "
                    + GoText.atoi(podsAffectedPercentText) + " (one pod); write a percentage, e.g. '50'");
        }
        if (sequence() == Sequence.UNSUPPORTED) {
            out.add("SEQUENCE '" + sequenceText + "' is not serial, parallel or random: litmus-go ends the experiment"
                    + " in Error");
        }
        return List.copyOf(out);
    }

    /**
     * {@link #coercions()} including the whole-number keys, which need the env as written (the record keeps what
     * Litmus uses, e.g. 0 s for {@code '1m'}).
     */
    public static List<String> coercions(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        List<String> out = new ArrayList<>();
        for (String key : List.of("TOTAL_CHAOS_DURATION", "RAMP_TIME")) {
            String v = env.get(key);
            if (v != null && !v.isEmpty() && !GoText.isAtoi(v)) {
                out.add(key + " '" + v + "' is not a whole number of seconds: litmus-go reads it as " + GoText.atoi(v)
                        + " (strconv.Atoi, error ignored); write it in seconds, e.g. '"
                        + secondsHint(v) + "'");
            }
        }
        String force = env.get("FORCE");
        if (force != null && !force.isEmpty() && !GoText.isBool(force)) {
            out.add("FORCE '" + force + "' is not a Go boolean: litmus-go reads it as false; write 'true' or 'false'");
        }
        String randomness = env.get("RANDOMNESS");
        if (randomness != null && !randomness.isEmpty() && !GoText.isBool(randomness)) {
            out.add("RANDOMNESS '" + randomness + "' is not a Go boolean: litmus-go reads it as false; write 'true' or"
                    + " 'false'");
        }
        out.addAll(of(env).coercions());
        return List.copyOf(out);
    }

    /** The value in seconds when it reads as an incident4j duration ({@code 1m} → 60), else a sample value. */
    private static String secondsHint(String text) {
        try {
            return String.valueOf(io.github.incident4j.common.Durations.parseOrSeconds(text.strip()).toSeconds());
        } catch (RuntimeException e) {
            return "30";
        }
    }
}
