package io.github.incident4j.chaos;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Problems;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The pod-delete fault's settings, read from its env with Litmus's defaults. Durations are whole seconds as
 * Litmus writes them ({@code '30'}); {@code 30s} or {@code 1m} are read too.
 *
 * @param totalChaosDuration {@code TOTAL_CHAOS_DURATION}, default 30s
 * @param chaosInterval {@code CHAOS_INTERVAL}, default 10s
 * @param force {@code FORCE}, default false; true deletes with grace period 0
 * @param podsAffectedPercent {@code PODS_AFFECTED_PERC}, default 0 (which still hits one pod)
 * @param sequence {@code SEQUENCE}, default parallel
 * @param rampTime {@code RAMP_TIME}, default 0: waited before and after the fault
 */
public record PodDeleteSettings(Duration totalChaosDuration, Duration chaosInterval, boolean force,
                                int podsAffectedPercent, Sequence sequence, Duration rampTime) {

    /** Litmus's defaults. */
    public static final PodDeleteSettings DEFAULT = new PodDeleteSettings(Duration.ofSeconds(30), Duration.ofSeconds(10),
            false, 0, Sequence.PARALLEL, Duration.ZERO);

    /** How targeted pods are hit within a round. */
    public enum Sequence {
        /** One pod per strike, a chaos interval apart. */
        SERIAL,
        /** All targeted pods in one strike. */
        PARALLEL;

        /** The word Litmus writes. */
        public String litmusName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates every part at once. */
    public PodDeleteSettings {
        Objects.requireNonNull(totalChaosDuration, "totalChaosDuration");
        Objects.requireNonNull(chaosInterval, "chaosInterval");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(rampTime, "rampTime");
        Problems problems = new Problems();
        problems.check(!totalChaosDuration.isNegative() && !totalChaosDuration.isZero(), "TOTAL_CHAOS_DURATION",
                totalChaosDuration, "must be positive");
        problems.check(!chaosInterval.isNegative() && !chaosInterval.isZero(), "CHAOS_INTERVAL", chaosInterval,
                "must be positive");
        problems.check(podsAffectedPercent >= 0, "PODS_AFFECTED_PERC", podsAffectedPercent, "must not be negative");
        problems.check(!rampTime.isNegative(), "RAMP_TIME", rampTime, "must not be negative");
        problems.throwIfAny("pod-delete settings");
    }

    /**
     * Reads the env of a pod-delete fault, reporting every malformed value at once.
     *
     * @throws ValidationException naming each env key and its value
     */
    public static PodDeleteSettings of(Map<String, String> env) {
        Problems problems = new Problems();
        Duration total = read(env, "TOTAL_CHAOS_DURATION", DEFAULT.totalChaosDuration, Durations::parseOrSeconds, problems);
        Duration interval = read(env, "CHAOS_INTERVAL", DEFAULT.chaosInterval, Durations::parseOrSeconds, problems);
        Boolean force = read(env, "FORCE", DEFAULT.force, PodDeleteSettings::bool, problems);
        Integer percent = read(env, "PODS_AFFECTED_PERC", DEFAULT.podsAffectedPercent, PodDeleteSettings::percent, problems);
        Sequence sequence = read(env, "SEQUENCE", DEFAULT.sequence, PodDeleteSettings::sequence, problems);
        Duration ramp = read(env, "RAMP_TIME", DEFAULT.rampTime, Durations::parseOrSeconds, problems);
        problems.throwIfAny("pod-delete settings");
        return new PodDeleteSettings(total, interval, force, percent, sequence, ramp);
    }

    /** How many of {@code podCount} pods one round targets: max(1, floor(min(p, 100) · N / 100)); 0 when N is 0. */
    public int targetCount(int podCount) {
        if (podCount <= 0) {
            return 0;
        }
        return Math.max(1, Math.min(podsAffectedPercent, 100) * podCount / 100);
    }

    /** The grace period a deletion uses: zero when forced, else Kubernetes's default of 30 s. */
    public Duration gracePeriod() {
        return force ? Duration.ZERO : Duration.ofSeconds(30);
    }

    private static <T> T read(Map<String, String> env, String key, T fallback, Function<String, T> parser, Problems problems) {
        String text = env.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return parser.apply(text.strip());
        } catch (ValidationException | NumberFormatException e) {
            problems.add(key, text, e instanceof ValidationException v ? v.problems().get(0).message() : "must be a whole number");
            return fallback;
        }
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ValidationException.of("FORCE", text, "must be true or false");
        };
    }

    private static Integer percent(String text) {
        if (!text.matches("\\d{1,9}")) {
            throw ValidationException.of("PODS_AFFECTED_PERC", text, "must be a whole number of percent, e.g. 50");
        }
        return Integer.valueOf(text);
    }

    private static Sequence sequence(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "serial" -> Sequence.SERIAL;
            case "parallel" -> Sequence.PARALLEL;
            default -> throw ValidationException.of("SEQUENCE", text, "must be serial or parallel");
        };
    }
}
