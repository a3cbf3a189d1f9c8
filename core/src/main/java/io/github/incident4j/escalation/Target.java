package io.github.incident4j.escalation;

import io.github.incident4j.common.Problems;
import java.util.Objects;

/**
 * Whom an escalation level pages: the current on-call of a schedule, a named person, or a role that
 * the host's roster resolves to a person or a schedule (the seed's {@code engineering_lead}).
 *
 * <pre>{@code
 * Target.onCall("Backend On-Call");
 * Target.person("Alice");
 * Target.role("engineering_lead");
 * }</pre>
 *
 * <p>Names are identifiers under {@link io.github.incident4j.common.Text the text rule}: not blank, and without
 * control characters or unpaired surrogates ({@link io.github.incident4j.ValidationException} otherwise).
 */
public sealed interface Target permits Target.OnCall, Target.Person, Target.Role {

    /** The name this target is written with: the schedule, person or role name. */
    String name();

    /** Whoever the named schedule has on call at the instant of paging. */
    record OnCall(String schedule) implements Target {
        /** Validates the name. */
        public OnCall {
            requireName(schedule, "schedule");
        }

        @Override
        public String name() {
            return schedule;
        }
    }

    /** A named person, paged directly. */
    record Person(String name) implements Target {
        /** Validates the name. */
        public Person {
            requireName(name, "person");
        }
    }

    /** A role such as {@code engineering_lead}, resolved through the host's roster at paging time. */
    record Role(String name) implements Target {
        /** Validates the name. */
        public Role {
            requireName(name, "role");
        }
    }

    /** The current on-call of {@code schedule}. */
    static Target onCall(String schedule) {
        return new OnCall(schedule);
    }

    /** A person. */
    static Target person(String name) {
        return new Person(name);
    }

    /** A role. */
    static Target role(String name) {
        return new Role(name);
    }

    private static void requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        Problems p = new Problems();
        p.check(!name.isBlank(), what, name, "a " + what + " name must not be blank");
        p.identifier(what, name);
        p.throwIfAny("target");
    }
}
