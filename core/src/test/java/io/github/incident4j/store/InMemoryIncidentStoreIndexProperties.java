package io.github.incident4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.spi.IncidentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory store's indexes (open key, due instant) agree with what a database's would give: due
 * incidents come earliest first and, at one instant, in id order, also for ids sharing a long prefix.
 */
@Label("The in-memory store's indexes")
class InMemoryIncidentStoreIndexProperties {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final EscalationPolicy POLICY = EscalationPolicy.named("Backend")
            .level(1, Duration.ofMinutes(15), Target.person("Alice")).build();

    private static IncidentRecord record(String id, String key, Instant due) {
        return new IncidentRecord(id, 0, new IncidentRecord.Origin( key, "payments", "DB down", "SEV-2", true, null, Map.of(), Map.of()), POLICY, IncidentRecord.Status.TRIGGERED, 1, 1, 1, due, T0, null, null, null, 1, T0,
                List.of(new IncidentRecord.Event(T0, "payments", IncidentRecord.EventKind.TRIGGERED, null, 0, 0, null, null)));
    }

    /** An id and a due offset in nanoseconds (few distinct values, so many ties). */
    record Entry(String id, long dueNanos) {
    }

    @Provide
    Arbitrary<List<Entry>> entries() {
        // Short ids, ids sharing their first 8 characters, non-ASCII characters, and UUID-like ids with and
        // without the engine's INC- prefix; up to 160 per list, so a due instant's bucket is large
        // enough for the store's quicksort, not only its insertion sort.
        // The two small id spaces (15 "INC-aaaa" ids) are drawn less often, so unique lists are found quickly.
        Arbitrary<String> ids = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.strings().withChars("ab\u00e9\u4e2d").ofMinLength(1).ofMaxLength(10)),
                Tuple.of(1, Arbitraries.strings().withChars("ab").ofMinLength(0).ofMaxLength(3)
                        .map(s -> "INC-aaaa" + s)),
                Tuple.of(4, Arbitraries.strings().withChars("0123456789abcdef").ofLength(32)),
                Tuple.of(4, Arbitraries.strings().withChars("0123456789abcdef").ofLength(32).map(s -> "INC-" + s)));
        Arbitrary<Long> dues = Arbitraries.of(0L, 1L, 1_000_000_000L, 1_000_000_001L);
        return Combinators.combine(ids, dues).as(Entry::new).list().ofMinSize(1).ofMaxSize(160)
                .uniqueElements(Entry::id);
    }

    @Property(tries = 200)
    @Label("findDue lists incidents by due instant, then id, and cuts at the limit")
    void dueOrder(@ForAll("entries") List<Entry> entries, @ForAll("limits") int limit,
            @ForAll("moves") List<Integer> moves) {
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        Map<String, Instant> due = new LinkedHashMap<>();
        for (Entry e : entries) {
            Instant at = T0.plusNanos(e.dueNanos());
            store.save(record(e.id(), "key-" + e.id(), at));
            due.put(e.id(), at);
        }
        // Move some incidents to another instant, so entries are also removed from the index.
        for (int m : moves) {
            Entry e = entries.get(m % entries.size());
            IncidentRecord r = store.load(e.id()).orElseThrow();
            Instant at = T0.plusNanos((m % 3) * 1_000_000_000L);
            store.save(r.changes().nextDueAt(at).build());
            due.put(e.id(), at);
        }
        Instant horizon = T0.plusSeconds(1);
        List<String> expected = due.entrySet().stream()
                .filter(d -> !d.getValue().isAfter(horizon))
                .sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).limit(limit).toList();
        assertThat(store.findDue(horizon, limit)).extracting(IncidentRecord::id).containsExactlyElementsOf(expected);
        assertThat(store.nextDueAt()).contains(due.values().stream().min(Comparator.naturalOrder()).orElseThrow());
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.integers().between(1, 40);
    }

    @Provide
    Arbitrary<List<Integer>> moves() {
        return Arbitraries.integers().between(0, 1000).list().ofMaxSize(10);
    }

    @Example
    @Label("a record saved under another dedup key frees its old key")
    void keyChange() {
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        IncidentRecord saved = store.save(record("i1", "old", T0));
        IncidentRecord moved = store.save(new IncidentRecord(saved.id(), saved.version(), new IncidentRecord.Origin( "new", saved.service(),
                saved.summary(), saved.severity(), saved.highUrgency(), saved.category(), saved.labels(), Map.of()),
                saved.policy(), saved.status(), saved.level(), saved.pass(), saved.roundStartPass(),
                saved.nextDueAt(), saved.triggeredAt(), null, null, null, 1, saved.lastSeenAt(), saved.timeline()));

        assertThat(store.findOpenByKey("old")).isEmpty();
        assertThat(store.findOpenByKey("new")).contains(moved);
        assertThat(store.save(record("i2", "old", T0)).id()).isEqualTo("i2");
    }

    @Example
    @Label("a resolved record leaves the key and due indexes; repeats keep the key's holder")
    void resolveAndRepeat() {
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        IncidentRecord saved = store.save(record("i1", "k", T0));
        IncidentRecord repeated = store.save(saved.withAlertSeen(T0.plusSeconds(5), saved.timeline()));
        assertThat(store.findOpenByKey("k")).contains(repeated);
        assertThat(repeated.alertCount()).isEqualTo(2);

        IncidentRecord resolved = store.save(repeated.changes().status(IncidentRecord.Status.RESOLVED)
                .resolvedAt(T0.plusSeconds(9)).nextDueAt(null).build());
        assertThat(store.findOpenByKey("k")).isEmpty();
        assertThat(store.findDue(T0.plusSeconds(60), 10)).isEmpty();
        assertThat(store.nextDueAt()).isEmpty();
        assertThat(store.all()).containsExactly(resolved);
    }

    /** One step on the store: move an incident's due instant (null: clear it), resolve it, or read the due ones. */
    record Step(int incident, @Nullable Long dueSeconds, boolean resolve, boolean read, int limit) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> dues = Arbitraries.of(0L, 1L, 2L, 3L).injectNull(0.2);
        return Combinators.combine(Arbitraries.integers().between(0, 11), dues, Arbitraries.of(true, false, false,
                false, false), Arbitraries.of(true, false), Arbitraries.integers().between(1, 8))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    @Label("after any interleaving of moves, clears, resolutions and reads, findDue and nextDueAt match a model")
    void dueIndexFollowsEveryChange(@ForAll("steps") List<Step> steps) {
        InMemoryIncidentStore store = new InMemoryIncidentStore();
        Map<String, Instant> model = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            // Ids sharing their first eight characters, and one that differs early, in no particular order.
            String id = i % 4 == 0 ? "b" + i : "INC-aaaa" + (char) ('z' - i);
            store.save(record(id, "key-" + id, T0));
            model.put(id, T0);
        }
        List<String> ids = List.copyOf(model.keySet());
        for (Step step : steps) {
            String id = ids.get(step.incident());
            IncidentRecord r = store.load(id).orElseThrow();
            if (r.isOpen() && step.resolve()) {
                store.save(r.changes().status(IncidentRecord.Status.RESOLVED).resolvedAt(T0).nextDueAt(null).build());
                model.remove(id);
            } else if (r.isOpen()) {
                Instant at = step.dueSeconds() == null ? null : T0.plusSeconds(step.dueSeconds());
                store.save(r.changes().nextDueAt(at).build());
                if (at == null) {
                    model.remove(id);
                } else {
                    model.put(id, at);
                }
            }
            if (step.read()) {
                Instant horizon = T0.plusSeconds(2);
                List<String> expected = model.entrySet().stream()
                        .filter(d -> !d.getValue().isAfter(horizon))
                        .sorted(Map.Entry.<String, Instant>comparingByValue()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .map(Map.Entry::getKey).limit(step.limit()).toList();
                assertThat(store.findDue(horizon, step.limit())).extracting(IncidentRecord::id)
                        .containsExactlyElementsOf(expected);
            }
            assertThat(store.nextDueAt()).isEqualTo(model.values().stream().min(Comparator.naturalOrder()));
        }
    }
}
