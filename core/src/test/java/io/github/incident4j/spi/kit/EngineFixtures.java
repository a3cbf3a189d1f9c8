package io.github.incident4j.spi.kit;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import java.time.Duration;
import java.time.Instant;

/**
 * The escalation policies the engine's tests share, instead of each test class declaring its own copy: one start
 * instant, the three-level policy with people as targets (with and without a repeat), and the same shape through an
 * on-call schedule and roles (the seed rotation's). Public, in the test-jar, for hosts' tests too.
 */
public final class EngineFixtures {

    /** The instant every engine test starts at: Monday 2026-03-02 09:00 UTC. */
    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    /** Alice for 15 min, Dana for 30 min, Victor for 60 min; one pass. */
    public static final EscalationPolicy PEOPLE = EscalationPolicy.named("Backend")
            .level(1, Duration.ofMinutes(15), Target.person("Alice"))
            .level(2, Duration.ofMinutes(30), Target.person("Dana"))
            .level(3, Duration.ofMinutes(60), Target.person("Victor"))
            .build();

    /** {@link #PEOPLE} with one repeat (two passes). */
    public static final EscalationPolicy PEOPLE_REPEATED = PEOPLE.toBuilder().repeat(1).build();

    /**
     * The on-call of {@code Backend On-Call} for 15 min, role {@code engineering_lead} for 30 min, role
     * {@code vp_engineering} for 60 min; one repeat.
     */
    public static final EscalationPolicy ON_CALL_AND_ROLES = EscalationPolicy.named("Backend")
            .level(1, Duration.ofMinutes(15), Target.onCall("Backend On-Call"))
            .level(2, Duration.ofMinutes(30), Target.role("engineering_lead"))
            .level(3, Duration.ofMinutes(60), Target.role("vp_engineering"))
            .repeat(1)
            .build();

    private EngineFixtures() {
    }
}
