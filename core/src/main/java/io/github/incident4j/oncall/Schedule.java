package io.github.incident4j.oncall;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * {@linkplain ScheduleOverride#replaces() replaces} applies only while the layers have that person on call.
 * {@link #onCallAt(Instant)} costs the same for any instant: index arithmetic per layer and a binary
 * search over the overrides.
 *
 * <pre>{@code
 * Schedule schedule = Schedule.named("Backend On-Call")
 *         .zone(ZoneId.of("Europe/Berlin"))
 *         .layer(Layer.of("Alice", "Bob", "Carol").weekly().rotationStart(LocalDateTime.of(2026, 1, 5, 9, 0)))
 *         .override(ScheduleOverride.of("Dave", Instant.parse("2026-03-02T08:00:00Z"), Instant.parse("2026-03-09T08:00:00Z"))
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
    private final List<ScheduleOverride> overrides;
    private final LayerRuntime[] runtimes;
    /** Who each override puts on call, read without touching the override. */
    private final String[] overrideWho;
    /** Whom each override replaces, or null when it applies whoever is on call. */
    private final @Nullable String[] overrideReplaces;
    private final OverrideIndex overrideIndex;
    /** The source of a shift decided by each layer, built once rather than per shift (a label may be concatenated). */
    private final Shift.FromLayer[] layerSources;

    private Schedule(String name, ZoneId zone, List<Layer> layers, List<ScheduleOverride> overrides) {
        this.name = name;
        this.zone = zone;
        this.layers = List.copyOf(layers);
        this.overrides = List.copyOf(overrides);
        this.runtimes = new LayerRuntime[layers.size()];
        for (int i = 0; i < runtimes.length; i++) {
            runtimes[i] = new LayerRuntime(i, layers.get(i), zone);
        }
        this.overrideWho = new String[this.overrides.size()];
        this.overrideReplaces = new String[this.overrides.size()];
        for (int i = 0; i < overrideWho.length; i++) {
            overrideWho[i] = this.overrides.get(i).who();
            overrideReplaces[i] = this.overrides.get(i).replaces().orElse(null);
        }
        this.overrideIndex = new OverrideIndex(this.overrides);
        this.layerSources = new Shift.FromLayer[runtimes.length];
        for (int i = 0; i < runtimes.length; i++) {
            layerSources[i] = new Shift.FromLayer(i, this.layers.get(i).label(i));
        }
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
    public List<ScheduleOverride> overrides() {
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
        return Optional.ofNullable(resolve(t));
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

    /**
     * Sweeps {@code [from, to)} once: each layer walks its own changes in order ({@link LayerRuntime.Changes}),
     * merged with the override bounds; between two changes nothing changes, so who is on call is decided
     * once per change. While an override decides alone (it replaces nobody in particular), the layers are
     * left where they are and then skipped ahead to where they matter again. Ranges longer than
     * {@link SweepRange#MAX_SPAN_SECONDS} are swept in consecutive pieces.
     */
    private void walk(Instant from, Instant to, @Nullable List<Shift> shiftsOut, @Nullable List<Gap> gapsOut) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            return;
        }
        Run run = new Run(from, shiftsOut, gapsOut);
        Instant pieceFrom = from;
        while (pieceFrom.isBefore(to)) {
            Instant pieceTo = to.getEpochSecond() - pieceFrom.getEpochSecond() > SweepRange.MAX_SPAN_SECONDS
                    ? pieceFrom.plusSeconds(SweepRange.MAX_SPAN_SECONDS) : to;
            sweep(pieceFrom, pieceTo, run);
            pieceFrom = pieceTo;
        }
        run.close(to);
    }

    private void sweep(Instant from, Instant to, Run run) {
        int layerCount = runtimes.length;
        SweepRange range = new SweepRange(from, to);
        long end = range.span();
        LayerRuntime.Changes[] changes = new LayerRuntime.Changes[layerCount];
        // The next change of each layer (Long.MAX_VALUE once it has none left) and whom it has on call until then.
        long[] nextPoint = new long[layerCount];
        @Nullable String[] current = new String[layerCount];
        for (int i = 0; i < layerCount; i++) {
            changes[i] = runtimes[i].changes(range);
            current[i] = changes[i].who();
            nextPoint[i] = changes[i].next();
        }
        int segment = overrideIndex.segment(from.getEpochSecond(), from.getNano());
        int bound = segment + 1;
        long boundOffset = boundOffset(bound, range);
        long offset = 0;
        // Whether the layers were left behind while an override decided alone.
        boolean behind = false;
        while (true) {
            int code;
            long nextOffset = boundOffset;
            int decider = overrideIndex.decider(segment);
            if (decider >= 0) {
                // Whatever the layers have, this override decides until its segment ends: they need not move.
                code = layerCount + decider;
                behind = true;
            } else {
                if (behind) {
                    for (int i = 0; i < layerCount; i++) {
                        if (nextPoint[i] <= offset) {
                            LayerRuntime.Changes c = changes[i];
                            c.skipTo(offset);
                            current[i] = c.who();
                            nextPoint[i] = c.next();
                        }
                    }
                    behind = false;
                }
                code = decide(overrideIndex.candidates(segment), current);
                for (int i = 0; i < layerCount; i++) {
                    nextOffset = Math.min(nextOffset, nextPoint[i]);
                }
            }
            run.segment(code, current, offset, range);
            if (nextOffset >= end) {
                return;
            }
            if (!behind) {
                for (int i = 0; i < layerCount; i++) {
                    if (nextPoint[i] == nextOffset) {
                        LayerRuntime.Changes c = changes[i];
                        c.advance();
                        current[i] = c.who();
                        nextPoint[i] = c.next();
                    }
                }
            }
            if (boundOffset == nextOffset) {
                segment = bound++;
                boundOffset = boundOffset(bound, range);
            }
            offset = nextOffset;
        }
    }

    /** Offset of the override bound {@code k} in the range, or the range's end when there is none. */
    private long boundOffset(int k, SweepRange range) {
        return k < overrideIndex.boundCount()
                ? range.clampedOffset(overrideIndex.boundSecond(k), overrideIndex.boundNano(k)) : range.span();
    }

    /**
     * Where who is on call comes from, given whom each layer has on call and the overrides covering the
     * instant: the number of layers plus an override's index, a layer's index, or -1 for nobody. The same
     * rules as {@link #resolve}.
     */
    private int decide(int[] candidates, @Nullable String[] current) {
        int top = -1;
        boolean topKnown = false;
        for (int c : candidates) {
            String replaces = overrideReplaces[c];
            if (replaces != null) {
                if (!topKnown) {
                    top = topLayer(current);
                    topKnown = true;
                }
                if (top < 0 || !replaces.equals(current[top])) {
                    continue;
                }
            }
            return runtimes.length + c;
        }
        return topKnown ? top : topLayer(current);
    }

    /** The last layer with someone on call, or -1. */
    private static int topLayer(@Nullable String[] current) {
        for (int i = current.length - 1; i >= 0; i--) {
            if (current[i] != null) {
                return i;
            }
        }
        return -1;
    }

    private Shift.Source source(int code) {
        return code >= runtimes.length
                ? new Shift.FromOverride(code - runtimes.length)
                : layerSources[code];
    }

    /** Who is on call at {@code t}. */
    private @Nullable String resolve(Instant t) {
        String base = null;
        boolean baseKnown = false;
        for (int c : overrideIndex.at(t)) {
            String replaces = overrideReplaces[c];
            if (replaces != null) {
                if (!baseKnown) {
                    base = fromLayers(t);
                    baseKnown = true;
                }
                if (!replaces.equals(base)) {
                    continue;
                }
            }
            return overrideWho[c];
        }
        return baseKnown ? base : fromLayers(t);
    }

    /** Who the layers have on call at {@code t}: the last layer with someone wins. */
    private @Nullable String fromLayers(Instant t) {
        for (int i = runtimes.length - 1; i >= 0; i--) {
            String who = runtimes[i].at(t);
            if (who != null) {
                return who;
            }
        }
        return null;
    }

    /**
     * The stretch of one person from one source (or of nobody) being built during a walk, emitted as a
     * shift or a gap when who or the source changes.
     */
    private final class Run {
        private final @Nullable List<Shift> shiftsOut;
        private final @Nullable List<Gap> gapsOut;
        private @Nullable String openWho;
        private int openSource = -1;
        private Instant openStart;

        Run(Instant from, @Nullable List<Shift> shiftsOut, @Nullable List<Gap> gapsOut) {
            this.shiftsOut = shiftsOut;
            this.gapsOut = gapsOut;
            this.openStart = from;
        }

        /** From {@code offset} in {@code range} on, the source {@code code} decides (see {@link #decide}). */
        void segment(int code, @Nullable String[] current, long offset, SweepRange range) {
            int layerCount = runtimes.length;
            String who = code < 0 ? null : code < layerCount ? current[code] : overrideWho[code - layerCount];
            if (code != openSource || !Objects.equals(who, openWho)) {
                Instant start = range.instant(offset);
                close(start);
                openWho = who;
                openSource = code;
                openStart = start;
            }
        }

        /** Emits the open stretch, ending at {@code end}, if it is not empty. */
        void close(Instant end) {
            if (!end.isAfter(openStart)) {
                return;
            }
            if (openWho != null) {
                if (shiftsOut != null) {
                    shiftsOut.add(new Shift(openWho, openStart, end, source(openSource)));
                }
            } else if (gapsOut != null) {
                gapsOut.add(new Gap(openStart, end));
            }
        }
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
        private final List<ScheduleOverride> overrides = new ArrayList<>();

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
        public Builder override(ScheduleOverride override) {
            overrides.add(Objects.requireNonNull(override, "override"));
            return this;
        }

        /** Replaces all overrides. */
        public Builder overrides(List<ScheduleOverride> newOverrides) {
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
            p.identifier("name", name);
            p.check(!layers.isEmpty(), "layers", layers.size(), "a schedule needs at least one layer");
            p.throwIfAny("schedule '" + Text.shown(name) + "'");
            return new Schedule(name, zone, layers, overrides);
        }
    }
}
