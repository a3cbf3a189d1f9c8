package io.github.incident4j.escalation;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is paged, in which order, and how long each level has to acknowledge. Level 1 is paged at once;
 * after a level's timeout the next level is paged; after the last level's timeout the policy starts
 * again from level 1 while passes remain ({@code repeat(n)} gives 1 + n passes). An optional
 * acknowledgement timeout sends an acknowledged but unresolved incident back to level 1.
 *
 * <pre>{@code
 * EscalationPolicy policy = EscalationPolicy.named("Backend")
 *         .level(1, Duration.ofMinutes(15), Target.onCall("Backend On-Call"))
 *         .level(2, Duration.ofMinutes(30), Target.role("engineering_lead"))
 *         .level(3, Target.role("vp_engineering"))
 *         .build();
 * }</pre>
 *
 * @param name the policy's name
 * @param levels levels numbered 1..n
 * @param repeat how many times the whole policy is repeated after the first pass
 * @param ackTimeout how long an acknowledgement holds before the incident returns to level 1, if set
 */
public record EscalationPolicy(String name, List<EscalationLevel> levels, int repeat, Optional<Duration> ackTimeout) {

    /** Validates the policy; see {@link Builder#build()} for the rules. */
    public EscalationPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(levels, "levels");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        levels = List.copyOf(levels);
        validate(name, levels, repeat, ackTimeout);
    }

    /** Starts a policy with the given name. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** A builder holding this policy's values, for a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.levels.addAll(levels);
        b.repeat = repeat;
        b.ackTimeout = ackTimeout.orElse(null);
        return b;
    }

    /** The level with the given 1-based number. */
    public EscalationLevel level(int number) {
        if (number < 1 || number > levels.size()) {
            throw ValidationException.of("level", number, "policy '" + name + "' has levels 1.." + levels.size());
        }
        return levels.get(number - 1);
    }

    /** Number of passes through the levels: {@code 1 + repeat}. */
    public int passes() {
        return 1 + repeat;
    }

    private static void validate(String name, List<EscalationLevel> levels, int repeat, Optional<Duration> ackTimeout) {
        Problems p = new Problems();
        p.check(!name.isBlank(), "name", name, "must not be blank");
        p.identifier("name", name);
        p.check(!levels.isEmpty(), "levels", levels.size(), "a policy needs at least one level");
        for (int i = 0; i < levels.size(); i++) {
            p.check(levels.get(i).number() == i + 1, "levels[" + i + "].number", levels.get(i).number(),
                    "levels must be numbered 1.." + levels.size() + " in order without holes; expected " + (i + 1));
        }
        p.check(repeat >= 0, "repeat", repeat, "must be 0 or more");
        if (repeat > 0 && !levels.isEmpty() && levels.get(levels.size() - 1).timeout().isEmpty()) {
            p.add("repeat", repeat, "the last level (" + levels.size()
                    + ") has no timeout, so the policy can never repeat; give it a timeout or set repeat to 0");
        }
        ackTimeout.ifPresent(t -> p.check(!t.isZero() && !t.isNegative(), "ackTimeout", t, "must be greater than zero"));
        p.throwIfAny("escalation policy '" + Text.shown(name) + "'");
    }

    /** Fluent builder; {@link #build()} validates everything at once. */
    public static final class Builder {
        private final String name;
        private final List<EscalationLevel> levels = new ArrayList<>();
        private int repeat;
        private Duration ackTimeout;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Adds a level with a timeout. */
        public Builder level(int number, Duration timeout, Target... targets) {
            return level(new EscalationLevel(number, List.of(targets), Optional.of(timeout)));
        }

        /** Adds a level without a timeout. */
        public Builder level(int number, Target... targets) {
            return level(new EscalationLevel(number, List.of(targets), Optional.empty()));
        }

        /** Adds a level. */
        public Builder level(EscalationLevel level) {
            levels.add(Objects.requireNonNull(level, "level"));
            return this;
        }

        /** Replaces all levels. */
        public Builder levels(List<EscalationLevel> newLevels) {
            levels.clear();
            newLevels.forEach(this::level);
            return this;
        }

        /** Repeats the whole policy {@code times} more times after the first pass. */
        public Builder repeat(int times) {
            this.repeat = times;
            return this;
        }

        /** Returns an acknowledged, unresolved incident to level 1 after this long. */
        public Builder ackTimeout(Duration timeout) {
            this.ackTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Removes the acknowledgement timeout. */
        public Builder noAckTimeout() {
            this.ackTimeout = null;
            return this;
        }

        /**
         * Builds the policy. Levels must be numbered 1..n without holes, each with a target and a
         * positive timeout if any; repeat must be 0 or more, and a policy whose last level has no
         * timeout cannot repeat.
         *
         * @throws ValidationException listing every problem
         */
        public EscalationPolicy build() {
            return new EscalationPolicy(name, levels, repeat, Optional.ofNullable(ackTimeout));
        }
    }
}
