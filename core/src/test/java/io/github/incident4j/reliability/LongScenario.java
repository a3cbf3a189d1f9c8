package io.github.incident4j.reliability;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.IllegalIncidentTransitionException;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.OnCallPerson;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.incident.Urgency;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.Pager;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A long, seeded scenario of triggers, acknowledgements, resolutions, escalations, reassignments, notes and
 * time advances over three days, replayable with the manager killed and rebuilt on the same store before any
 * chosen steps. Incident ids are numbered, so runs compare record for record.
 */
final class LongScenario {

    static final Instant T0 = Instant.parse("2026-03-02T07:00:00Z");
    static final EscalationPolicy REPEATING = EscalationPolicy.named("repeating")
            .level(1, Duration.ofMinutes(15), Target.onCall("Primary"))
            .level(2, Duration.ofMinutes(30), Target.role("lead"), Target.onCall("Primary"))
            .level(3, Duration.ofMinutes(60), Target.person("VP"))
            .repeat(2)
            .build();
    static final EscalationPolicy ACK_TIMEOUT = REPEATING.toBuilder().ackTimeout(Duration.ofMinutes(45)).repeat(1)
            .build();
    static final Roster ROSTER = Roster.builder()
            .schedule("Primary", at -> {
                int hour = at.atZone(ZoneOffset.UTC).getHour();
                return hour < 6 ? Optional.empty() : Optional.of(switch (hour % 3) {
                    case 0 -> OnCallPerson.of("A");
                    case 1 -> OnCallPerson.of("B", Duration.ofMinutes(5));
                    default -> OnCallPerson.of("C");
                });
            })
            .role("lead", "Lead")
            .build();

    /** One step of the scenario. */
    record Step(String description, java.util.function.Consumer<Run> action) {
    }

    /** The system under test, rebuilt on its store when killed. */
    static final class Run {
        final VirtualTime time = VirtualTime.startingAt(T0);
        final InMemoryIncidentStore store = new InMemoryIncidentStore();
        final AtomicInteger ids = new AtomicInteger();
        final List<IncidentId> opened = new ArrayList<>();
        final Pager pager;
        IncidentManager manager;
        int restarts;

        Run(Function<VirtualTime, Pager> pagers) {
            pager = pagers.apply(time);
            manager = build();
        }

        IncidentManager build() {
            return IncidentManager.builder().timers(time).pager(pager).store(store).roster(ROSTER)
                    .retryBackoff(Duration.ofMinutes(1)).maxPageAttempts(4)
                    .ids(() -> IncidentId.of("INC-" + ids.incrementAndGet())).build();
        }

        void kill() {
            manager.close();
            manager = build();
            restarts++;
        }

        /** Plays the steps, killing the manager before each step whose index is in {@code killBefore}. */
        Run play(List<Step> steps, Set<Integer> killBefore) {
            for (int i = 0; i < steps.size(); i++) {
                if (killBefore.contains(i)) {
                    kill();
                }
                steps.get(i).action().accept(this);
            }
            time.advance(Duration.ofDays(1));
            return this;
        }

        List<IncidentRecord> records() {
            return store.all();
        }
    }

    private LongScenario() {
    }

    /** {@code count} steps drawn from {@code seed}. */
    static List<Step> steps(long seed, int count) {
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int pick = random.nextInt(20);
            int target = random.nextInt(1_000);
            if (pick < 5) {
                String key = "k" + random.nextInt(8);
                Urgency urgency = random.nextInt(4) == 0 ? Urgency.LOW : Urgency.HIGH;
                EscalationPolicy policy = random.nextBoolean() ? REPEATING : ACK_TIMEOUT;
                steps.add(new Step("trigger " + key, r -> {
                    IncidentId id = r.manager.trigger(Alert.withKey(key).service("svc").summary("problem " + key)
                            .urgency(urgency).build(), policy).id();
                    if (!r.opened.contains(id)) {
                        r.opened.add(id);
                    }
                }));
            } else if (pick < 12) {
                int minutes = 1 + random.nextInt(90);
                steps.add(new Step("advance " + minutes + "m", r -> r.time.advance(Duration.ofMinutes(minutes))));
            } else {
                String op = List.of("acknowledge", "acknowledge", "resolve", "escalate", "note", "reassign",
                        "reassign level 2", "acknowledge").get(pick - 12);
                steps.add(new Step(op + " #" + target, r -> onIncident(r, op, target)));
            }
        }
        return steps;
    }

    private static void onIncident(Run r, String op, int target) {
        if (r.opened.isEmpty()) {
            return;
        }
        IncidentId id = r.opened.get(target % r.opened.size());
        try {
            switch (op) {
                case "acknowledge" -> r.manager.acknowledge(id, "responder");
                case "resolve" -> r.manager.resolve(id, "responder");
                case "escalate" -> r.manager.escalate(id, "responder");
                case "note" -> r.manager.addNote(id, "responder", "note " + target);
                case "reassign" -> r.manager.reassign(id, "lead", "Erin");
                default -> r.manager.reassign(id, "lead", 2);
            }
        } catch (IllegalIncidentTransitionException e) {
            // the same refusal happens in every run: a resolved incident
        }
    }
}
