package io.github.incident4j.oncall;

import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One rotation of a {@link Schedule}: participants take turns of {@link #turnLength()} in order, counted
 * by the wall clock of the layer's zone from {@link #rotationStart()}, the local date-time at which turn 0
 * (the first participant's) begins. The anchor may lie before {@link #start()}: the layer then joins its
 * rotation part-way. Restrictions limit the layer to windows of the day or week without pausing turns.
 * A layer with its own {@link #zone()} counts turns and windows in that zone (follow-the-sun).
 *
 * <pre>{@code
 * Layer primary = Layer.of("Alice", "Bob", "Carol")
 *         .weekly()
 *         .rotationStart(LocalDateTime.of(2026, 1, 5, 9, 0))
 *         .restrictTo(Restriction.daily(LocalTime.of(9, 0), LocalTime.of(17, 0)))
 *         .build();
 * }</pre>
 *
 * @param name an optional name shown in shifts and reports
 * @param participants who rotates, in order (at least one)
 * @param turnLength wall-clock length of one turn: a whole number of seconds, at least one minute
 * @param rotationStart local date-time (in the layer's zone) at which turn 0 starts
 * @param zone the layer's own zone, or empty to use the schedule's
 * @param start the instant the layer starts covering, if bounded
 * @param end the instant it stops covering (exclusive), if bounded
 * @param restrictions windows the layer is limited to; empty means always
 */
public record Layer(Optional<String> name, List<Participant> participants, Duration turnLength,
                    LocalDateTime rotationStart, Optional<ZoneId> zone, Optional<Instant> start,
                    Optional<Instant> end, List<Restriction> restrictions) {

    /** One day. */
    public static final Duration DAY = Duration.ofDays(1);
    /** One week. */
    public static final Duration WEEK = Duration.ofDays(7);
    /** The default anchor: Monday 2024-01-01 09:00, so weekly turns hand off on Mondays at 09:00. */
    public static final LocalDateTime DEFAULT_ROTATION_START = LocalDateTime.of(2024, 1, 1, 9, 0);

    /** Validates every field and reports all problems at once. */
    public Layer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(turnLength, "turnLength");
        Objects.requireNonNull(rotationStart, "rotationStart");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        participants = List.copyOf(participants);
        restrictions = List.copyOf(restrictions);
        Problems p = new Problems();
        name.ifPresent(n -> {
            p.check(!n.isBlank(), "name", n, "must not be blank");
            p.identifier("name", n);
        });
        p.check(!participants.isEmpty(), "participants", participants, "a layer needs at least one participant");
        p.check(turnLength.getNano() == 0 && turnLength.getSeconds() >= 60, "turnLength", turnLength,
                "must be a whole number of seconds and at least one minute");
        p.check(rotationStart.getNano() == 0, "rotationStart", rotationStart, "must be whole seconds");
        if (start.isPresent() && end.isPresent()) {
            p.check(end.get().isAfter(start.get()), "end", end.get(), "must be after the layer's start " + start.get());
        }
        p.throwIfAny("layer" + name.map(n -> " '" + Text.shown(n) + "'").orElse(""));
    }

    /** Starts a layer rotating the given people in order (weekly by default). */
    public static Builder of(String... participantNames) {
        Builder b = new Builder();
        Arrays.stream(participantNames).map(Participant::named).forEach(b.participants::add);
        return b;
    }

    /** Starts a layer rotating the given participants in order (weekly by default). */
    public static Builder of(List<Participant> participants) {
        Builder b = new Builder();
        b.participants.addAll(participants);
        return b;
    }

    /** A builder holding this layer's values. */
    public Builder toBuilder() {
        Builder b = of(participants);
        b.name = name.orElse(null);
        b.turnLength = turnLength;
        b.rotationStart = rotationStart;
        b.zone = zone.orElse(null);
        b.start = start.orElse(null);
        b.end = end.orElse(null);
        b.restrictions.addAll(restrictions);
        return b;
    }

    /** The zone turns are counted in: the layer's own, else the schedule's. */
    public ZoneId effectiveZone(ZoneId scheduleZone) {
        return zone.orElse(scheduleZone);
    }

    /** The layer's name, or {@code layer N} (1-based position) when it has none. */
    public String label(int index) {
        return name.orElse("layer " + (index + 1));
    }

    /**
     * The first local date-time at or after {@code from} that falls on {@code day} at {@code time}: how a
     * weekly handoff day and time turns a start date into a rotation anchor.
     */
    public static LocalDateTime firstHandoff(LocalDateTime from, DayOfWeek day, LocalTime time) {
        LocalDateTime candidate = from.toLocalDate().with(TemporalAdjusters.nextOrSame(day)).atTime(time);
        return candidate.isBefore(from) ? candidate.plusWeeks(1) : candidate;
    }

    /** The first local date-time at or after {@code from} at {@code time}: a daily handoff. */
    public static LocalDateTime firstHandoff(LocalDateTime from, LocalTime time) {
        LocalDate day = from.toLocalDate();
        LocalDateTime candidate = day.atTime(time);
        return candidate.isBefore(from) ? candidate.plusDays(1) : candidate;
    }

    /** Fluent builder; {@link #build()} validates. */
    public static final class Builder {
        private final List<Participant> participants = new ArrayList<>();
        private final List<Restriction> restrictions = new ArrayList<>();
        private @Nullable String name;
        private Duration turnLength = WEEK;
        private LocalDateTime rotationStart = DEFAULT_ROTATION_START;
        private @Nullable ZoneId zone;
        private @Nullable Instant start;
        private @Nullable Instant end;

        private Builder() {
        }

        /** Names the layer. */
        public Builder name(String layerName) {
            this.name = Objects.requireNonNull(layerName, "name");
            return this;
        }

        /** Adds a participant at the end of the rotation. */
        public Builder participant(Participant participant) {
            participants.add(Objects.requireNonNull(participant, "participant"));
            return this;
        }

        /** Turns of one day. */
        public Builder daily() {
            return turnLength(DAY);
        }

        /** Turns of one week (the default). */
        public Builder weekly() {
            return turnLength(WEEK);
        }

        /** Turns of any length, such as 12 hours or 2 weeks, counted by the wall clock. */
        public Builder turnLength(Duration length) {
            this.turnLength = Objects.requireNonNull(length, "turnLength");
            return this;
        }

        /** The local date-time at which turn 0 (the first participant's) starts. */
        public Builder rotationStart(LocalDateTime anchor) {
            this.rotationStart = Objects.requireNonNull(anchor, "rotationStart");
            return this;
        }

        /** Counts turns and windows in this zone instead of the schedule's. */
        public Builder zone(ZoneId ownZone) {
            this.zone = Objects.requireNonNull(ownZone, "zone");
            return this;
        }

        /** The layer covers nothing before this instant. */
        public Builder startingAt(Instant layerStart) {
            this.start = Objects.requireNonNull(layerStart, "start");
            return this;
        }

        /** The layer covers nothing from this instant on. */
        public Builder endingAt(Instant layerEnd) {
            this.end = Objects.requireNonNull(layerEnd, "end");
            return this;
        }

        /** Limits the layer to the union of these windows. */
        public Builder restrictTo(Restriction... windows) {
            restrictions.addAll(List.of(windows));
            return this;
        }

        /** Builds and validates the layer. */
        public Layer build() {
            return new Layer(Optional.ofNullable(name), participants, turnLength, rotationStart,
                    Optional.ofNullable(zone), Optional.ofNullable(start), Optional.ofNullable(end), restrictions);
        }
    }
}
