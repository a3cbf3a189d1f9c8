package io.github.incident4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The JDBC store (on H2) against the in-memory store as a model: any sequence of inserts, updates from fresh or
 * stale reads, resolves and queries gives the same answers and the same refusals.
 */
@Label("The JDBC store behaves like the in-memory store")
class JdbcStoreModelProperties {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final EscalationPolicy POLICY = EscalationPolicy.named("Backend")
            .level(1, Duration.ofMinutes(15), Target.person("Alice")).level(2, Target.person("Bob")).build();

    /** One step: which incident (0-4), which key (0-2), what to do, and a number of seconds. */
    record Op(int kind, int incident, int key, int seconds, boolean stale) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 3600),
                Arbitraries.of(true, false)).as(Op::new).list().ofMinSize(5).ofMaxSize(40);
    }

    static IncidentRecord fresh(int incident, int key, int seconds) {
        Instant at = T0.plusSeconds(seconds);
        return new IncidentRecord("inc-" + incident, 0, new IncidentRecord.Origin( "key-" + key, "payments", "down", "SEV-2", true, null,
                Map.of(), Map.of()), POLICY, IncidentRecord.Status.TRIGGERED, 1, 1, 1, at.plusSeconds(900), at, null, null, null, 1, at,
                List.of(new IncidentRecord.Event(at, "payments", IncidentRecord.EventKind.TRIGGERED, null, 0, 0, null, null)));
    }

    /** The outcome of a call: its value, or the class of what it threw. */
    static Object outcome(IncidentStore store, Function<IncidentStore, Object> call) {
        try {
            return call.apply(store);
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    @Property(tries = 25)
    @Label("same results and refusals for every sequence of operations")
    void sameAsModel(@ForAll("operations") List<Op> ops) {
        InMemoryIncidentStore model = new InMemoryIncidentStore();
        JdbcIncidentStore jdbc = TestDatabases.storeOn(TestDatabases.freshH2(), "only");
        Map<String, IncidentRecord> firstRead = new java.util.HashMap<>();
        for (Op op : ops) {
            String id = "inc-" + op.incident();
            Function<IncidentStore, Object> call = switch (op.kind()) {
                case 0 -> s -> s.save(fresh(op.incident(), op.key(), op.seconds()));
                case 1, 2, 3 -> s -> {
                    Optional<IncidentRecord> read = op.stale() && firstRead.containsKey(id)
                            ? Optional.of(firstRead.get(id)) : s.load(id);
                    if (read.isEmpty()) {
                        return Optional.empty();
                    }
                    IncidentRecord r = read.get();
                    Instant at = r.lastSeenAt().plusSeconds(op.seconds());
                    IncidentRecord changed = switch (op.kind()) {
                        case 1 -> r.withAlertSeen(at, r.timeline());
                        case 2 -> r.changes().nextDueAt(at).append(new IncidentRecord.Event(at, "x", IncidentRecord.EventKind.NOTE, null,
                                0, 0, null, "n" + op.seconds())).build();
                        default -> r.changes().status(IncidentRecord.Status.RESOLVED).resolvedAt(at).nextDueAt(null)
                                .build();
                    };
                    return s.save(changed);
                };
                case 4 -> s -> s.findDue(T0.plusSeconds(op.seconds() * 2L), 1 + op.key());
                case 5 -> s -> s.findOpenByKey("key-" + op.key());
                default -> s -> List.of(s.nextDueAt(), s.all());
            };
            Object expected = outcome(model, call);
            Object actual = outcome(jdbc, call);
            assertThat(actual).as("%s", op).isEqualTo(expected);
            model.load(id).ifPresent(r -> firstRead.putIfAbsent(id, r));
        }
        assertThat(jdbc.all()).isEqualTo(model.all());
    }
}
