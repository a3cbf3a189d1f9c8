package io.github.incident4j.oncall;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * An on-call schedule: layers of rotating participants, and overrides above them, resolved to who is on
 * call at any instant.
 *
 * <p>Resolution rules: turns are counted by the wall clock of the layer's zone (a Monday 09:00
 * Europe/Berlin handoff stays 09:00 local across DST); every interval is half-open, so the incoming
 * person owns the handoff instant; the turn in progress at t is
 * {@code floor((t - rotationStart) / turnLength) mod n}, both sides read on the wall clock; restrictions
 * cut gaps into a layer without pausing its turns; a later layer wins over an earlier one; overrides win
 * over all layers and a later-declared override over an earlier one; an override naming whom it
 * {@linkplain Override#replaces() replaces} applies only while the layers have that person on call.
 * {@link #onCallAt(Instant)} costs the same for any instant: index arithmetic per layer and a binary
 * search over the overrides.
 *
 * <pre>{@code
 * Schedule schedule = Schedule.named("Backend On-Call")
 *         .zone(ZoneId.of("Europe/Berlin"))
 *         .layer(Layer.of("Alice", "Bob", "Carol").weekly().rotationStart(LocalDateTime.of(2026, 1, 5, 9, 0)))
 *         .override(Override.of("Dave", Instant.parse("2026-03-02T08:00:00Z"), Instant.parse("2026-03-09T08:00:00Z"))
 *                 .replacing("Alice").because("vacation"))
 *         .build();
 * Optional<String> who = schedule.onCallAt(Instant.parse("2026-03-04T12:00:00Z"));   // Dave
 * }</pre>
 */
public final class Schedule {

    /** The default zone when none is given. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");

    private final String name;
    private final ZoneId zone;
    private final List<Layer> layers;
    private final List<Override> overrides;
    private final LayerRuntime[] runtimes;
    private final Override[] overrideArray;
    private final OverrideIndex overrideIndex;

    private Schedule(String name, ZoneId zone, List<Layer> layers, List<Override> overrides) {
        this.name = name;
        this.zone = zone;
        this.layers = List.copyOf(layers);
        this.overrides = List.copyOf(overrides);
        this.runtimes = new LayerRuntime[layers.size()];
        for (int i = 0; i < runtimes.length; i++) {
            runtimes[i] = new LayerRuntime(i, layers.get(i), zone);
        }
        this.overrideArray = this.overrides.toArray(new Override[0]);
        this.overrideIndex = new OverrideIndex(this.overrides);
    }

    /** Starts a schedule with the given name (zone UTC until set). */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** A builder holding this schedule's values, for a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(name).zone(zone);
        b.layers.addAll(layers);
        b.overrides.addAll(overrides);
        return b;
    }

    /** The schedule's name, which escalation targets refer to. */
    public String name() {
        return name;
    }

    /** The zone turns are counted in unless a layer has its own. */
    public ZoneId zone() {
        return zone;
    }

    /** The layers, lowest priority first. */
    public List<Layer> layers() {
        return layers;
    }

    /** The overrides, lowest priority first. */
    public List<Override> overrides() {
        return overrides;
    }

    /** The first participant of that name in any layer (for per-person settings such as escalation delay). */
    public Optional<Participant> participant(String participantName) {
        for (Layer layer : layers) {
            for (Participant p : layer.participants()) {
                if (p.name().equals(participantName)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Who is on call at {@code t}, or empty in a gap. */
    public Optional<String> onCallAt(Instant t) {
        return Optional.ofNullable(resolve(t, null));
    }

    /**
     * The final schedule over {@code [from, to)}: contiguous shifts clipped to the range, adjacent
     * stretches of one person from one source merged, gaps left out. Empty when {@code to} is not after
     * {@code from}.
     */
    public List<Shift> shifts(Instant from, Instant to) {
        List<Shift> result = new ArrayList<>();
        walk(from, to, result, null);
        return List.copyOf(result);
    }

    /** The intervals of {@code [from, to)} with nobody on call, merged and clipped. */
    public List<Gap> gaps(Instant from, Instant to) {
        List<Gap> result = new ArrayList<>();
        walk(from, to, null, result);
        return List.copyOf(result);
    }

    /** The load of every participant over {@code [from, to)}; see {@link LoadReport}. */
    public LoadReport loadReport(Instant from, Instant to) {
        return LoadReport.of(this, from, to);
    }

    private void walk(Instant from, Instant to, @Nullable List<Shift> shiftsOut, @Nullable List<Gap> gapsOut) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            return;
        }
        TreeSet<Instant> points = new TreeSet<>();
        for (LayerRuntime r : runtimes) {
            r.breakpoints(from, to, points);
        }
        List<Instant> overrideEdges = new ArrayList<>();
        overrideIndex.breakpoints(from, to, overrideEdges);
        points.addAll(overrideEdges);
        points.add(to);
        Instant segmentStart = from;
        String openWho = null;
        Shift.Source openSource = null;
        Instant openStart = from;
        int[] source = new int[1];
        for (Instant next : points) {
            String who = resolve(segmentStart, source);
            Shift.Source src = who == null ? null : source(source[0]);
            if (!Objects.equals(who, openWho) || !Objects.equals(src, openSource)) {
                emit(openWho, openSource, openStart, segmentStart, shiftsOut, gapsOut);
                openWho = who;
                openSource = src;
                openStart = segmentStart;
            }
            segmentStart = next;
        }
        emit(openWho, openSource, openStart, to, shiftsOut, gapsOut);
    }

    private static void emit(@Nullable String who, Shift.@Nullable Source source, Instant start, Instant end,
                             @Nullable List<Shift> shiftsOut, @Nullable List<Gap> gapsOut) {
        if (!end.isAfter(start)) {
            return;
        }
        if (who != null && source != null) {
            if (shiftsOut != null) {
                shiftsOut.add(new Shift(who, start, end, source));
            }
        } else if (gapsOut != null) {
            gapsOut.add(new Gap(start, end));
        }
    }

    private Shift.Source source(int code) {
        return code >= runtimes.length
                ? new Shift.FromOverride(code - runtimes.length)
                : new Shift.FromLayer(code, layers.get(code).label(code));
    }

    /**
     * Who is on call at {@code t}; if {@code sourceOut} is given, its first element receives the layer
     * index, or the number of layers plus the override index.
     */
    private @Nullable String resolve(Instant t, int @Nullable [] sourceOut) {
        String base = null;
        boolean baseKnown = false;
        for (int c : overrideIndex.at(t)) {
            Override o = overrideArray[c];
            if (o.replaces().isPresent()) {
                if (!baseKnown) {
                    base = fromLayers(t, sourceOut);
                    baseKnown = true;
                }
                if (!o.replaces().get().equals(base)) {
                    continue;
                }
            }
            if (sourceOut != null) {
                sourceOut[0] = runtimes.length + c;
            }
            return o.who();
        }
        return baseKnown ? base : fromLayers(t, sourceOut);
    }

    /** Who the layers have on call at {@code t}: the last layer with someone wins. */
    private @Nullable String fromLayers(Instant t, int @Nullable [] layerOut) {
        for (int i = runtimes.length - 1; i >= 0; i--) {
            String who = runtimes[i].at(t);
            if (who != null) {
                if (layerOut != null) {
                    layerOut[0] = i;
                }
                return who;
            }
        }
        return null;
    }

    @java.lang.Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Schedule s && name.equals(s.name) && zone.equals(s.zone)
                && layers.equals(s.layers) && overrides.equals(s.overrides);
    }

    @java.lang.Override
    public int hashCode() {
        return Objects.hash(name, zone, layers, overrides);
    }

    @java.lang.Override
    public String toString() {
        return "Schedule[name=" + name + ", zone=" + zone + ", layers=" + layers + ", overrides=" + overrides + "]";
    }

    /** Fluent builder; {@link #build()} validates everything at once. */
    public static final class Builder {
        private final String name;
        private ZoneId zone = DEFAULT_ZONE;
        private final List<Layer> layers = new ArrayList<>();
        private final List<Override> overrides = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The zone turns and windows are counted in (default UTC). */
        public Builder zone(ZoneId scheduleZone) {
            this.zone = Objects.requireNonNull(scheduleZone, "zone");
            return this;
        }

        /** Adds a layer above those added before. */
        public Builder layer(Layer layer) {
            layers.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /** Builds and adds a layer above those added before. */
        public Builder layer(Layer.Builder layer) {
            return layer(layer.build());
        }

        /** Replaces all layers. */
        public Builder layers(List<Layer> newLayers) {
            layers.clear();
            newLayers.forEach(this::layer);
            return this;
        }

        /** Adds an override above those added before. */
        public Builder override(Override override) {
            overrides.add(Objects.requireNonNull(override, "override"));
            return this;
        }

        /** Replaces all overrides. */
        public Builder overrides(List<Override> newOverrides) {
            overrides.clear();
            newOverrides.forEach(this::override);
            return this;
        }

        /**
         * Builds the schedule: a non-blank name and at least one layer.
         *
         * @throws ValidationException listing every problem
         */
        public Schedule build() {
            Problems p = new Problems();
            p.check(!name.isBlank(), "name", name, "must not be blank");
            p.check(!layers.isEmpty(), "layers", layers.size(), "a schedule needs at least one layer");
            p.throwIfAny("schedule '" + name + "'");
            return new Schedule(name, zone, layers, overrides);
        }
    }
}
