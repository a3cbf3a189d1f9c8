package io.github.incident4j.incident;

import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.oncall.Participant;
import io.github.incident4j.oncall.Schedule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How escalation targets become people, supplied by the host: schedule names map to an on-call lookup, roles
 * (the seed's {@code engineering_lead}, {@code vp_engineering}) map to a person or to a schedule.
 *
 * <pre>{@code
 * Roster roster = Roster.builder()
 *         .schedule("Backend On-Call", at -> Optional.of(OnCallPerson.of("Alice")))
 *         .role("engineering_lead", "Dana")
 *         .roleOnCall("vp_engineering", "Exec On-Call")
 *         .build();
 * }</pre>
 */
public final class Roster {

    /** A roster that knows no schedule and no role: only {@link Target.Person} targets resolve. */
    public static final Roster EMPTY = builder().build();

    private final Map<String, OnCallLookup> schedules;
    private final Map<String, Target> roles;
    /** How each person is reached, for routing pagers; people without an entry are reached by the pager's default. */
    private final Map<String, Contacts> contacts;

    private Roster(Map<String, OnCallLookup> schedules, Map<String, Target> roles, Map<String, Contacts> contacts) {
        this.schedules = Map.copyOf(schedules);
        this.roles = Map.copyOf(roles);
        this.contacts = Map.copyOf(contacts);
    }

    /** Starts an empty roster. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What a target resolves to at an instant.
     *
     * @param person who is paged, if anyone; carries the escalation delay only when reached through a schedule
     * @param explanation why nobody, when nobody (e.g. {@code schedule 'X' has nobody on call})
     */
    public record Resolution(Optional<OnCallPerson> person, String explanation) {
        /** Checks the parts. */
        public Resolution {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    /** Resolves a target to the person to page at {@code at}. */
    public Resolution resolve(Target target, Instant at) {
        if (target instanceof Target.Person p) {
            return new Resolution(Optional.of(OnCallPerson.of(p.name())), "");
        }
        if (target instanceof Target.OnCall o) {
            return onCall(o.schedule(), at, "");
        }
        Target assigned = roles.get(target.name());
        if (assigned == null) {
            return new Resolution(Optional.empty(), "role '" + target.name() + "' is not in the roster");
        }
        if (assigned instanceof Target.OnCall o) {
            return onCall(o.schedule(), at, "role '" + target.name() + "': ");
        }
        return new Resolution(Optional.of(OnCallPerson.of(assigned.name())), "");
    }

    private Resolution onCall(String schedule, Instant at, String prefix) {
        OnCallLookup lookup = schedules.get(schedule);
        if (lookup == null) {
            return new Resolution(Optional.empty(), prefix + "schedule '" + schedule + "' is not in the roster");
        }
        Optional<OnCallPerson> person = lookup.onCallAt(at);
        return new Resolution(person, person.isPresent() ? "" : prefix + "schedule '" + schedule
                + "' has nobody on call at " + at);
    }

    /** Whether the roster knows the target's schedule or role (a person is always known). */
    boolean knows(Target target) {
        if (target instanceof Target.Person) {
            return true;
        }
        if (target instanceof Target.OnCall o) {
            return schedules.containsKey(o.schedule());
        }
        Target assigned = roles.get(target.name());
        return assigned != null && (!(assigned instanceof Target.OnCall o) || schedules.containsKey(o.schedule()));
    }

    /**
     * What a participant's {@code escalation_delay} means when the participant is paged through an on-call target
     * (the named option of {@link Builder#schedule(Schedule, ParticipantDelay)}).
     */
    public enum ParticipantDelay {
        /**
         * The delay replaces the level's timeout: the time spent on a level that pages the participant is their
         * delay (the largest, when several with delays are paged). The seed's meaning, and the default.
         */
        REPLACES_LEVEL_TIMEOUT,
        /** The delay is ignored: the level's own timeout always applies. */
        IGNORED
    }

    /** The lookup for a schedule name, if known. */
    public Optional<OnCallLookup> schedule(String name) {
        return Optional.ofNullable(schedules.get(name));
    }

    /** How a person is reached (contact methods and notification rules), if the roster says. */
    public Optional<Contacts> contacts(String person) {
        return Optional.ofNullable(contacts.get(person));
    }

    /** Every person's contacts, by name. */
    public Map<String, Contacts> contacts() {
        return contacts;
    }

    /** A builder holding this roster's entries. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.schedules.putAll(schedules);
        b.roles.putAll(roles);
        b.contacts.putAll(contacts);
        return b;
    }

    /**
     * Fluent builder; names must be unique, not blank, and identifiers under
     * {@link io.github.incident4j.common.Text the text rule} (no control character, no unpaired surrogate).
     */
    public static final class Builder {
        private final Map<String, OnCallLookup> schedules = new LinkedHashMap<>();
        private final Map<String, Target> roles = new LinkedHashMap<>();
        private final Map<String, Contacts> contacts = new LinkedHashMap<>();
        private final Problems problems = new Problems();

        private Builder() {
        }

        /** Adds a schedule by name. */
        public Builder schedule(String name, OnCallLookup lookup) {
            Objects.requireNonNull(lookup, "lookup");
            problems.check(!name.isBlank(), "schedules", name, "a schedule name must not be blank");
            problems.identifier("schedules", name);
            problems.check(schedules.put(name, lookup) == null, "schedules." + Text.shown(name), Text.shown(name),
                    "is added twice");
            return this;
        }

        /**
         * Adds an on-call schedule under its own name: {@code Target.onCall(schedule.name())} pages whoever it
         * has on call at the instant of paging, with that participant's escalation delay.
         */
        public Builder schedule(Schedule schedule) {
            return schedule(schedule, ParticipantDelay.REPLACES_LEVEL_TIMEOUT);
        }

        /**
         * Adds an on-call schedule under its own name, saying what its participants' escalation delays mean:
         * {@link ParticipantDelay#REPLACES_LEVEL_TIMEOUT} (what {@link #schedule(Schedule)} does, the seed's meaning:
         * a participant with {@code escalation_delay: 15m} gets 15 minutes on any level that pages them, whatever
         * the level's timeout) or {@link ParticipantDelay#IGNORED} (the policy's timeouts always apply).
         * {@code ScheduleLint} warns where a policy's level timeout and a participant's delay disagree.
         */
        public Builder schedule(Schedule schedule, ParticipantDelay delays) {
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(delays, "delays");
            if (delays == ParticipantDelay.IGNORED) {
                return schedule(schedule.name(), at -> schedule.onCallAt(at).map(OnCallPerson::of));
            }
            return schedule(schedule.name(), at -> schedule.onCallAt(at).map(name -> new OnCallPerson(name,
                    schedule.participant(name).flatMap(Participant::escalationDelay))));
        }

        /** Fills a role with a person. */
        public Builder role(String role, String person) {
            String field = "roles." + Text.shown(role);
            boolean fit = problems.check(!person.isBlank(), field, person, "the person must not be blank")
                    & problems.identifier(field, person);
            return putRole(role, fit ? Target.person(person) : null);
        }

        /** Fills a role with whoever a schedule has on call. */
        public Builder roleOnCall(String role, String schedule) {
            String field = "roles." + Text.shown(role);
            boolean fit = problems.check(!schedule.isBlank(), field, schedule, "the schedule must not be blank")
                    & problems.identifier(field, schedule);
            return putRole(role, fit ? Target.onCall(schedule) : null);
        }

        private Builder putRole(String role, @org.jspecify.annotations.Nullable Target target) {
            problems.check(!role.isBlank(), "roles", role, "a role name must not be blank");
            problems.identifier("roles", role);
            if (target != null) {
                problems.check(roles.put(role, target) == null, "roles." + Text.shown(role), Text.shown(role),
                        "is filled twice");
            }
            return this;
        }

        /** Says how a person is reached (once per person). */
        public Builder contacts(Contacts value) {
            Objects.requireNonNull(value, "contacts");
            problems.check(contacts.put(value.person(), value) == null, "contacts." + value.person(), value.person(),
                    "are given twice");
            return this;
        }

        /**
         * Builds the roster.
         *
         * @throws io.github.incident4j.ValidationException listing every problem
         */
        public Roster build() {
            problems.throwIfAny("roster");
            return new Roster(schedules, roles, contacts);
        }
    }
}
