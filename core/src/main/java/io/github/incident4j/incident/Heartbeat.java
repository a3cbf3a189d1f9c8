package io.github.incident4j.incident;

import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Severity;
import io.github.incident4j.common.Text;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.spi.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signal that must keep arriving, such as Alertmanager's always-firing {@code Watchdog} alert (the dead man's
 * switch of a monitoring pipeline): when no beat has arrived for {@code interval + grace}, an incident opens on
 * {@code policy}, because silence means the pipeline itself is broken.
 *
 * <pre>{@code
 * Heartbeat watchdog = Heartbeat.named("alertmanager-watchdog")
 *         .expectEvery(Duration.ofMinutes(1)).grace(Duration.ofMinutes(2))
 *         .policy(platformPolicy).build();
 * Heartbeat.Monitor monitor = watchdog.watch(manager, timers);   // counts from now
 * monitor.beat();                                                // on every Watchdog notification
 * }</pre>
 *
 * <p>The incident's dedup key is {@code heartbeat/<name>}, so a heartbeat has at most one open incident. When beats
 * come back, the monitor resolves it (unless {@link Builder#resolveWhenBack(boolean)} says otherwise, in which case
 * it is noted on the timeline). The monitor's state (the last beat) is in memory: a restarted host starts counting
 * from its restart, so a pipeline that is silent across a restart is reported {@code interval + grace} after it.
 *
 * @param name the heartbeat's name
 * @param interval how often a beat is expected
 * @param grace how much later than expected a beat may be before it counts as missing
 * @param policy the escalation policy that pages when the beats stop
 * @param service the service of the incident
 * @param severity the severity of the incident
 * @param resolveWhenBack whether the incident resolves when beats come back
 */
public record Heartbeat(String name, Duration interval, Duration grace, EscalationPolicy policy, String service,
        Severity severity, boolean resolveWhenBack) {

    /** The actor the monitor writes on timelines. */
    public static final String ACTOR = "heartbeat";

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    /** Checks every part at once. */
    public Heartbeat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(severity, "severity");
        Problems p = new Problems();
        p.check(!name.isBlank(), "name", name, "must not be blank");
        Text.identifierProblem(name).ifPresent(x -> p.add("name", name, x));
        p.check(!service.isBlank(), "service", service, "must not be blank");
        p.check(!interval.isNegative() && !interval.isZero(), "interval", interval, "must be positive");
        p.check(!grace.isNegative(), "grace", grace, "must not be negative");
        p.throwIfAny("heartbeat '" + name + "'");
    }

    /** Starts a heartbeat with its name; {@code expectEvery} and {@code policy} are required. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The dedup key of this heartbeat's incident: {@code heartbeat/<name>}. */
    public String dedupKey() {
        return "heartbeat/" + name;
    }

    /** How long after a beat the next one counts as missing: {@code interval + grace}. */
    public Duration deadline() {
        return interval.plus(grace);
    }

    /**
     * Starts watching: the first beat is expected within {@link #deadline()} from now.
     *
     * @param manager the manager that opens (and resolves) the incident
     * @param timers the timers the deadline runs on (the manager's, usually)
     */
    public Monitor watch(IncidentManager manager, Timers timers) {
        return new Monitor(this, manager, timers);
    }

    /**
     * Watches one heartbeat. Thread-safe: beats may arrive on request threads while the deadline fires on a timer
     * thread.
     */
    public static final class Monitor implements AutoCloseable {
        private final Heartbeat heartbeat;
        private final IncidentManager manager;
        private final Timers timers;
        private final Clock clock;
        private final Instant started;
        private @Nullable Instant lastBeat;
        private long beats;
        private boolean missing;
        private boolean closed;
        private Timers.@Nullable Scheduled check;

        private Monitor(Heartbeat heartbeat, IncidentManager manager, Timers timers) {
            this.heartbeat = heartbeat;
            this.manager = Objects.requireNonNull(manager, "manager");
            this.timers = Objects.requireNonNull(timers, "timers");
            this.clock = timers.clock();
            this.started = clock.instant();
            synchronized (this) {
                schedule(started.plus(heartbeat.deadline()));
            }
        }

        /** The heartbeat watched. */
        public Heartbeat heartbeat() {
            return heartbeat;
        }

        /** When the last beat arrived, if any has. */
        public synchronized Optional<Instant> lastBeat() {
            return Optional.ofNullable(lastBeat);
        }

        /** How many beats arrived since watching began. */
        public synchronized long beats() {
            return beats;
        }

        /** Whether the beats are missing now (an incident was opened and no beat has arrived since). */
        public synchronized boolean missing() {
            return missing;
        }

        /** Records a beat now: the deadline moves to now + interval + grace; a missing heartbeat's incident resolves. */
        public void beat() {
            Instant now = clock.instant();
            boolean wasMissing;
            synchronized (this) {
                if (closed) {
                    return;
                }
                lastBeat = now;
                beats++;
                wasMissing = missing;
                missing = false;
                schedule(now.plus(heartbeat.deadline()));
            }
            if (wasMissing) {
                back(now);
            }
        }

        private void back(Instant now) {
            String note = "beats of '" + heartbeat.name + "' are back at " + now;
            try {
                Optional<Incident> done = heartbeat.resolveWhenBack
                        ? manager.addNoteByKey(heartbeat.dedupKey(), ACTOR, note)
                                .flatMap(i -> manager.resolveByKey(heartbeat.dedupKey(), ACTOR))
                        : manager.addNoteByKey(heartbeat.dedupKey(), ACTOR, note);
                LOG.info("heartbeat '{}' is back{}", heartbeat.name, done.map(i -> " (" + i.id() + ")").orElse(""));
            } catch (RuntimeException e) {
                LOG.error("heartbeat '{}' is back, but its incident could not be updated", heartbeat.name, e);
            }
        }

        private void schedule(Instant at) {
            if (check != null) {
                check.cancel();
            }
            check = timers.schedule(at, () -> due(at));
        }

        private void due(Instant deadline) {
            Instant since;
            boolean never;
            synchronized (this) {
                Instant expectedBy = (lastBeat == null ? started : lastBeat).plus(heartbeat.deadline());
                if (closed || missing || !expectedBy.equals(deadline)) {
                    return; // a beat moved the deadline, or the incident is already open
                }
                missing = true;
                never = lastBeat == null;
                since = never ? started : lastBeat;
            }
            String summary = "Heartbeat '" + heartbeat.name + "' missing: " + (never
                    ? "no beat since watching began at " + since : "last beat at " + since)
                    + " (expected every " + Durations.format(heartbeat.interval) + ", grace "
                    + Durations.format(heartbeat.grace) + ")";
            try {
                Incident incident = manager.trigger(Alert.withKey(heartbeat.dedupKey()).service(heartbeat.service)
                        .summary(summary).severity(heartbeat.severity).label("heartbeat", heartbeat.name).build(),
                        heartbeat.policy);
                LOG.error("{}; opened {}", summary, incident.id());
            } catch (RuntimeException e) {
                LOG.error("{}; the incident could not be opened, trying again in {}", summary,
                        Durations.format(heartbeat.interval), e);
                synchronized (this) {
                    missing = false;
                    if (!closed) {
                        // try again one interval later; a beat meanwhile cancels it
                        Instant retry = clock.instant().plus(heartbeat.interval);
                        check = timers.schedule(retry, () -> retryDue(deadline));
                    }
                }
            }
        }

        private void retryDue(Instant deadline) {
            synchronized (this) {
                Instant expectedBy = (lastBeat == null ? started : lastBeat).plus(heartbeat.deadline());
                if (!expectedBy.equals(deadline)) {
                    return;
                }
            }
            due(deadline);
        }

        /** Stops watching; no incident is opened after this. */
        @Override
        public synchronized void close() {
            closed = true;
            if (check != null) {
                check.cancel();
            }
        }
    }

    /** Fluent builder; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private final String name;
        private @Nullable Duration interval;
        private Duration grace = Duration.ZERO;
        private @Nullable EscalationPolicy policy;
        private String service = "monitoring";
        private Severity severity = Severity.SEV_2;
        private boolean resolveWhenBack = true;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** How often a beat is expected (required). */
        public Builder expectEvery(Duration value) {
            this.interval = Objects.requireNonNull(value, "interval");
            return this;
        }

        /** How much later than expected a beat may be (default none). */
        public Builder grace(Duration value) {
            this.grace = Objects.requireNonNull(value, "grace");
            return this;
        }

        /** The escalation policy that pages when the beats stop (required). */
        public Builder policy(EscalationPolicy value) {
            this.policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        /** The incident's service (default {@code monitoring}). */
        public Builder service(String value) {
            this.service = Objects.requireNonNull(value, "service");
            return this;
        }

        /** The incident's severity (default SEV-2). */
        public Builder severity(Severity value) {
            this.severity = Objects.requireNonNull(value, "severity");
            return this;
        }

        /** Whether the incident resolves when beats come back (default true; else it is noted). */
        public Builder resolveWhenBack(boolean value) {
            this.resolveWhenBack = value;
            return this;
        }

        /**
         * Builds the heartbeat.
         *
         * @throws io.github.incident4j.ValidationException listing every problem
         */
        public Heartbeat build() {
            Problems p = new Problems();
            p.check(interval != null, "interval", null, "is required (expectEvery)");
            p.check(policy != null, "policy", null, "is required");
            p.throwIfAny("heartbeat '" + name + "'");
            return new Heartbeat(name, Objects.requireNonNull(interval), grace, Objects.requireNonNull(policy), service,
                    severity, resolveWhenBack);
        }
    }
}
