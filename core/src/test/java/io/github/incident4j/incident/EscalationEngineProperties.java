package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.Page;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Random sequences of triggers, acks, resolves, escalations, reassignments, time advances, pager failures
 * and engine restarts, checked against the engine's invariants after every step.
 */
class EscalationEngineProperties {

    static final Instant T0 = Instant.parse("2026-03-02T22:00:00Z");

    static final EscalationPolicy REPEATING = EscalationPolicy.named("repeating")
            .level(1, Duration.ofMinutes(15), Target.onCall("Primary"))
            .level(2, Duration.ofMinutes(30), Target.role("lead"), Target.onCall("Primary"))
            .level(3, Duration.ofMinutes(60), Target.person("VP"))
            .repeat(2)
            .build();
    static final EscalationPolicy ACK_TIMEOUT = REPEATING.toBuilder().ackTimeout(Duration.ofMinutes(45)).repeat(1).build();
    static final EscalationPolicy SINGLE = EscalationPolicy.named("single").level(1, Target.onCall("Primary")).build();
    static final List<EscalationPolicy> POLICIES = List.of(REPEATING, ACK_TIMEOUT, SINGLE);

    /** Nobody on call 00:00–06:00 UTC (a coverage gap); otherwise A, B (5m escalation delay), C by the hour. */
    static final Roster ROSTER = Roster.builder()
            .schedule("Primary", at -> {
                int hour = at.atZone(ZoneOffset.UTC).getHour();
                if (hour < 6) {
                    return Optional.empty();
                }
                return Optional.of(switch (hour % 3) {
                    case 0 -> OnCallPerson.of("A");
                    case 1 -> OnCallPerson.of("B", Duration.ofMinutes(5));
                    default -> OnCallPerson.of("C");
                });
            })
            .role("lead", "Lead")
            .build();

    /** The system under test and what the test knows about it. */
    static final class World {
        final VirtualTime time = VirtualTime.startingAt(T0);
        final RecordingPager pager = new RecordingPager();
        final InMemoryIncidentStore store = new InMemoryIncidentStore();
        IncidentManager manager = newManager();
        final List<IncidentId> ids = new ArrayList<>();
        final Map<IncidentId, EscalationPolicy> policies = new HashMap<>();
        final Map<IncidentId, IncidentStatus> expected = new HashMap<>();
        final Map<IncidentId, Long> alerts = new HashMap<>();
        final Map<String, IncidentId> openByKey = new HashMap<>();
        /** Delivery count when the incident was resolved: no delivery for it may come later. */
        final Map<IncidentId, Integer> resolvedAtDelivery = new HashMap<>();
        /** Delivery count and pass when acknowledged: later deliveries need a later pass (an ack timeout). */
        final Map<IncidentId, int[]> quietSince = new HashMap<>();

        IncidentManager newManager() {
            return IncidentManager.builder().timers(time).pager(pager).store(store)
                    .roster(ROSTER).retryBackoff(Duration.ofMinutes(1)).maxPageAttempts(3).build();
        }

        Incident view(IncidentId id) {
            return manager.find(id).orElseThrow();
        }

        @Override
        public String toString() {
            return "World[" + ids.size() + " incidents, " + pager.deliveries().size() + " deliveries]";
        }
    }

    @Property(tries = 200)
    @Label("the escalation engine keeps its invariants under random operations, failures and restarts")
    void invariantsHold(@ForAll("chains") ActionChain<World> chain) {
        chain.withInvariant("invariants", EscalationEngineProperties::checkInvariants).run();
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.startWith(World::new)
                .withAction(3, new TriggerAction())
                .withAction(2, new OnIncident("acknowledge", (w, id) -> w.manager.acknowledge(id, "responder")))
                .withAction(1, new OnIncident("resolve", (w, id) -> w.manager.resolve(id, "responder")))
                .withAction(1, new OnIncident("escalate", (w, id) -> w.manager.escalate(id, "responder")))
                .withAction(1, new OnIncident("reassign to Erin", (w, id) -> w.manager.reassign(id, "lead", "Erin")))
                .withAction(1, new OnIncident("reassign to level 2", (w, id) -> w.manager.reassign(id, "lead",
                        Math.min(2, w.policies.get(id).levels().size()))))
                .withAction(3, new AdvanceAction())
                .withAction(1, new PagerFailureAction())
                .withAction(1, (Action.Independent<World>) () -> Arbitraries.just(Transformer.mutate("restart", w -> {
                    w.manager.close();
                    w.manager = w.newManager();
                })))
                .withMaxTransformations(40);
    }

    static final class TriggerAction implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return net.jqwik.api.Combinators.combine(Arbitraries.of("k1", "k2", "k3", "k4"),
                    Arbitraries.of(Urgency.HIGH, Urgency.HIGH, Urgency.LOW), Arbitraries.integers().between(0, 2))
                    .as((key, urgency, policy) -> Transformer.mutate("trigger " + key + " " + urgency + " policy "
                            + policy, w -> {
                        Alert alert = Alert.withKey(key).service("svc").summary("problem " + key).urgency(urgency)
                                .build();
                        Incident incident = w.manager.trigger(alert, POLICIES.get(policy));
                        IncidentId open = w.openByKey.get(key);
                        if (open != null) {
                            assertThat(incident.id()).isEqualTo(open);
                            w.alerts.merge(open, 1L, Long::sum);
                        } else {
                            assertThat(w.ids).doesNotContain(incident.id());
                            w.ids.add(incident.id());
                            w.policies.put(incident.id(), POLICIES.get(policy));
                            w.expected.put(incident.id(), IncidentStatus.TRIGGERED);
                            w.alerts.put(incident.id(), 1L);
                            w.openByKey.put(key, incident.id());
                        }
                    }));
        }
    }

    @FunctionalInterface
    interface Operation {
        void apply(World w, IncidentId id);
    }

    static final class OnIncident implements Action.Dependent<World> {
        private final String name;
        private final Operation operation;

        OnIncident(String name, Operation operation) {
            this.name = name;
            this.operation = operation;
        }

        @Override
        public boolean precondition(World w) {
            return !w.ids.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World state) {
            return Arbitraries.integers().between(0, state.ids.size() - 1).map(i -> Transformer.mutate(
                    name + " #" + i, w -> apply(w, w.ids.get(i))));
        }

        private void apply(World w, IncidentId id) {
            IncidentStatus before = w.view(id).status();
            boolean refusedWhenResolved = !name.equals("resolve");
            if (before == IncidentStatus.RESOLVED && refusedWhenResolved) {
                assertThatThrownBy(() -> operation.apply(w, id)).isInstanceOf(IllegalIncidentTransitionException.class);
                return;
            }
            operation.apply(w, id);
            int delivered = w.pager.deliveries().size();
            switch (name) {
                case "acknowledge" -> {
                    if (before == IncidentStatus.TRIGGERED) {
                        w.quietSince.put(id, new int[] {delivered, w.view(id).pass()});
                    }
                    w.expected.put(id, IncidentStatus.ACKNOWLEDGED);
                }
                case "resolve" -> {
                    w.resolvedAtDelivery.putIfAbsent(id, delivered);
                    w.quietSince.remove(id);
                    w.expected.put(id, IncidentStatus.RESOLVED);
                    w.openByKey.values().remove(id);
                }
                default -> {
                    w.quietSince.remove(id);
                    w.expected.put(id, IncidentStatus.TRIGGERED);
                }
            }
        }
    }

    static final class AdvanceAction implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.integers().between(1, 180).map(m -> Transformer.mutate("advance " + m + "m",
                    w -> w.time.advance(Duration.ofMinutes(m))));
        }
    }

    static final class PagerFailureAction implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.oneOf(
                    Arbitraries.integers().between(1, 4).map(n -> Transformer.mutate("pager fails next " + n,
                            w -> w.pager.failNext(n))),
                    Arbitraries.longs().map(seed -> Transformer.mutate("pager fails at random, seed " + seed,
                            w -> w.pager.failRandomly(0.3, seed))),
                    Arbitraries.just(Transformer.mutate("pager recovers", w -> w.pager.recover())));
        }
    }

    static void checkInvariants(World w) {
        List<Page> deliveries = w.pager.deliveries();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < deliveries.size(); i++) {
            Page p = deliveries.get(i);
            assertThat(keys.add(p.idempotencyKey())).as("step paged twice: %s", p.idempotencyKey()).isTrue();
            IncidentId id = IncidentId.of(p.incidentId());
            Integer resolvedAt = w.resolvedAtDelivery.get(id);
            assertThat(resolvedAt == null || i < resolvedAt).as("page after resolve: %s", p).isTrue();
            int[] quiet = w.quietSince.get(id);
            if (quiet != null && i >= quiet[0]) {
                assertThat(p.pass()).as("page after acknowledgement without an ack timeout: %s", p)
                        .isGreaterThan(quiet[1]);
                assertThat(w.view(id).timeline()).extracting(TimelineEvent::type)
                        .contains(TimelineEvent.Type.ACK_TIMEOUT);
            }
        }
        for (IncidentId id : w.ids) {
            Incident incident = w.view(id);
            IncidentRecord stored = w.store.load(id.value()).orElseThrow();
            assertThat(incident.record()).isEqualTo(stored);
            List<TimelineEvent> timeline = incident.timeline();
            assertThat(timeline).isSortedAccordingTo(Comparator.comparing(TimelineEvent::at));
            assertThat(timeline.get(0).type()).isEqualTo(TimelineEvent.Type.TRIGGERED);
            List<String> deliveredSteps = deliveries.stream().filter(p -> p.incidentId().equals(id.value()))
                    .map(p -> p.pass() + "/" + p.level() + "/" + p.recipient()).sorted().toList();
            List<String> recordedSteps = timeline.stream().filter(e -> e.type() == TimelineEvent.Type.PAGE_DELIVERED)
                    .map(e -> e.pass() + "/" + e.level() + "/" + e.recipient()).sorted().toList();
            assertThat(recordedSteps).isEqualTo(deliveredSteps);
            assertThat(incident.alertCount()).isEqualTo(w.alerts.get(id));
            assertThat(timeline).filteredOn(e -> e.type() == TimelineEvent.Type.REPEAT_ALERTS)
                    .hasSize(incident.alertCount() > 1 ? 1 : 0);
            IncidentStatus expected = w.expected.get(id);
            boolean ackMayTimeOut = expected == IncidentStatus.ACKNOWLEDGED && w.policies.get(id).ackTimeout().isPresent();
            if (!ackMayTimeOut) {
                assertThat(incident.status()).isEqualTo(expected);
            }
            assertThat(timeline).filteredOn(e -> e.type() == TimelineEvent.Type.RESOLVED)
                    .hasSize(expected == IncidentStatus.RESOLVED ? 1 : 0);
            if (incident.urgency() == Urgency.HIGH && incident.status() == IncidentStatus.TRIGGERED
                    && incident.nextDueAt().isPresent()) {
                assertThat(incident.nextDueAt().get()).isAfter(w.time.now());
            }
        }
    }
}
