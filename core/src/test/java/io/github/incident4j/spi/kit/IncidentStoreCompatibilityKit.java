package io.github.incident4j.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.spi.DuplicateOpenIncidentException;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.StoreConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IncidentStore} must do. Extend it and return a fresh, empty store from
 * {@link #createStore()}:
 *
 * <pre>{@code
 * class MyStoreTest extends IncidentStoreCompatibilityKit {
 *     protected IncidentStore createStore() { return new MyStore(dataSource); }
 * }
 * }</pre>
 */
public abstract class IncidentStoreCompatibilityKit {

    protected static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    protected static final EscalationPolicy POLICY = EscalationPolicy.named("Backend")
            .level(1, Duration.ofMinutes(15), Target.person("Alice"))
            .level(2, Target.person("Bob"))
            .build();

    protected IncidentStore store;

    /** A fresh, empty store. */
    protected abstract IncidentStore createStore();

    @BeforeEach
    void createFreshStore() {
        store = createStore();
    }

    /** A never-saved open record. */
    protected static IncidentRecord record(String id, String key, @org.jspecify.annotations.Nullable Instant due) {
        return record(id, key, due, T0);
    }

    /** A never-saved open record triggered at {@code triggeredAt}. */
    protected static IncidentRecord record(String id, String key, @org.jspecify.annotations.Nullable Instant due,
            Instant triggeredAt) {
        return record(id, key, "payments", due, triggeredAt);
    }

    /** A never-saved open record of {@code service}, with labels and annotations. */
    protected static IncidentRecord record(String id, String key, String service,
            @org.jspecify.annotations.Nullable Instant due, Instant triggeredAt) {
        IncidentRecord.Origin origin = new IncidentRecord.Origin(key, service, "DB down", "SEV-2", true, "Data issue",
                Map.of("region", "eu"), Map.of("runbook_url", "https://runbooks.example.com/db?x=1&y=2",
                        "description", "Primary unreachable = bad"));
        return new IncidentRecord(id, 0, origin, POLICY, IncidentRecord.Status.TRIGGERED, 1, 1, 1, due, triggeredAt,
                null, null, null, 1, triggeredAt, List.of(IncidentRecord.Event.of(triggeredAt, service,
                        IncidentRecord.EventKind.TRIGGERED, "SEV-2 DB down")));
    }

    @Test
    @DisplayName("a page of incidents: open only or all, one service or all, in insertion order, after a cursor, at "
            + "most the limit; the open count follows saves")
    void queries() {
        IncidentRecord a = store.save(record("a", "ka", "payments", null, T0));
        IncidentRecord b = store.save(record("b", "kb", "search", null, T0.plusSeconds(1)));
        IncidentRecord c = store.save(record("c", "kc", "payments", null, T0.plusSeconds(2)));
        IncidentRecord d = store.save(record("d", "kd", "payments", null, T0.plusSeconds(3)));
        IncidentRecord cResolved = store.save(resolved(c));
        assertThat(store.countOpen()).isEqualTo(3);
        assertThat(store.find(new IncidentStore.Query(false, null, null, 10))).containsExactly(a, b, cResolved, d);
        assertThat(store.find(new IncidentStore.Query(true, null, null, 10))).containsExactly(a, b, d);
        assertThat(store.find(new IncidentStore.Query(true, "payments", null, 10))).containsExactly(a, d);
        assertThat(store.find(new IncidentStore.Query(false, "payments", null, 2))).containsExactly(a, cResolved);
        assertThat(store.find(new IncidentStore.Query(false, "payments", "c", 2))).containsExactly(d);
        // a cursor on an incident resolved since still places the page
        assertThat(store.find(new IncidentStore.Query(true, null, "c", 10))).containsExactly(d);
        assertThat(store.find(new IncidentStore.Query(true, null, "a", 1))).containsExactly(b);
        assertThat(store.find(new IncidentStore.Query(false, null, "nope", 10))).isEmpty();
        assertThat(store.find(new IncidentStore.Query(false, "billing", null, 10))).isEmpty();
    }

    private static IncidentRecord resolved(IncidentRecord r) {
        return r.changes().status(IncidentRecord.Status.RESOLVED).resolvedAt(T0.plusSeconds(60)).nextDueAt(null).build();
    }

    @Test
    @DisplayName("a saved record loads back equal, with version 1")
    void saveAndLoad() {
        IncidentRecord saved = store.save(record("i1", "k1", T0.plusSeconds(900)));
        assertThat(saved.version()).isEqualTo(1);
        assertThat(store.load("i1")).contains(saved);
        assertThat(saved.withVersion(0)).isEqualTo(record("i1", "k1", T0.plusSeconds(900)));
        assertThat(store.load("nope")).isEmpty();
    }

    @Test
    @DisplayName("each save increases the version by one")
    void versionsGrow() {
        IncidentRecord v1 = store.save(record("i1", "k1", null));
        IncidentRecord v2 = store.save(v1.withAlertSeen(T0.plusSeconds(5), v1.timeline()));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(store.load("i1").orElseThrow().alertCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("saving over a newer version is refused with a conflict, and the stored record is unchanged")
    void versionConflict() {
        IncidentRecord v1 = store.save(record("i1", "k1", null));
        store.save(v1);
        assertThatThrownBy(() -> store.save(v1.withAlertSeen(T0, v1.timeline())))
                .isInstanceOf(StoreConflictException.class)
                .hasMessageContaining("expected version 1").hasMessageContaining("version 2");
        assertThat(store.load("i1").orElseThrow().version()).isEqualTo(2);
        assertThat(store.load("i1").orElseThrow().alertCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("inserting an existing id or updating a missing one is a conflict")
    void insertAndUpdateConflicts() {
        store.save(record("i1", "k1", null));
        assertThatThrownBy(() -> store.save(record("i1", "k2", null))).isInstanceOf(StoreConflictException.class);
        assertThatThrownBy(() -> store.save(record("i9", "k9", null).withVersion(3)))
                .isInstanceOf(StoreConflictException.class);
    }

    @Test
    @DisplayName("at most one open incident per dedup key; a resolved one frees the key")
    void openKeyUniqueness() {
        IncidentRecord first = store.save(record("i1", "k1", null));
        assertThatThrownBy(() -> store.save(record("i2", "k1", null)))
                .isInstanceOf(DuplicateOpenIncidentException.class).hasMessageContaining("i1");
        assertThat(store.load("i2")).isEmpty();
        assertThat(store.findOpenByKey("k1")).contains(first);
        store.save(resolved(first));
        assertThat(store.findOpenByKey("k1")).isEmpty();
        IncidentRecord second = store.save(record("i2", "k1", null));
        assertThat(store.findOpenByKey("k1")).contains(second);
        assertThat(store.all()).extracting(IncidentRecord::id).containsExactly("i1", "i2");
    }

    @Test
    @DisplayName("the open incidents are the triggered and acknowledged ones, oldest trigger first; resolved ones "
            + "are left out")
    void openIncidents() {
        assertThat(store.findOpen()).isEmpty();
        IncidentRecord first = store.save(record("i1", "k1", T0.plusSeconds(300)));
        IncidentRecord done = store.save(record("i2", "k2", null, T0.plusSeconds(10)));
        IncidentRecord acked = store.save(record("i3", "k3", null, T0.plusSeconds(20)).changes()
                .status(IncidentRecord.Status.ACKNOWLEDGED).acknowledgedAt(T0.plusSeconds(30)).build());
        IncidentRecord last = store.save(record("i4", "k4", null, T0.plusSeconds(40)));
        store.save(resolved(done));
        assertThat(store.findOpen()).containsExactly(first, acked, last);
        IncidentRecord repeated = store.save(first.withAlertSeen(T0.plusSeconds(50), first.timeline()));
        assertThat(store.findOpen()).containsExactly(repeated, acked, last);
        assertThat(store.findOpen()).isEqualTo(store.all().stream().filter(IncidentRecord::isOpen).toList());
    }

    @Test
    @DisplayName("counting an alert stores what saving the record with one more alert would, version-checked, and "
            + "leaves the open key and the due query as they were")
    void countAlert() {
        IncidentRecord read = store.save(record("i1", "k1", T0.plusSeconds(300)));
        IncidentRecord counted = store.countAlert(read, T0.plusSeconds(20));
        assertThat(counted).isEqualTo(read.withAlertSeen(T0.plusSeconds(20), read.timeline()).withVersion(2));
        assertThat(store.load("i1")).contains(counted);
        IncidentRecord earlier = store.countAlert(counted, T0.plusSeconds(5));   // an alert that arrived late
        assertThat(earlier.alertCount()).isEqualTo(3);
        assertThat(earlier.lastSeenAt()).isEqualTo(T0.plusSeconds(20));
        assertThatThrownBy(() -> store.countAlert(counted, T0.plusSeconds(30)))
                .isInstanceOf(StoreConflictException.class);
        assertThatThrownBy(() -> store.countAlert(record("i9", "k9", null).withVersion(1), T0))
                .isInstanceOf(StoreConflictException.class);
        assertThat(store.load("i1")).contains(earlier);
        assertThat(store.findOpenByKey("k1")).contains(earlier);
        assertThat(store.findDue(T0.plusSeconds(300), 10)).containsExactly(earlier);
        assertThat(store.findOpen()).containsExactly(earlier);
    }

    @Test
    @DisplayName("saving a builder stores what saving the record it builds would: insert, version check, open key "
            + "and due query alike")
    void saveBuilder() {
        IncidentRecord inserted = store.save(record("i1", "k1", T0.plusSeconds(300)).changes());
        assertThat(inserted).isEqualTo(record("i1", "k1", T0.plusSeconds(300)).withVersion(1));
        IncidentRecord.Changes moved = inserted.changes().nextDueAt(T0.plusSeconds(600)).append(
                new IncidentRecord.Event(T0.plusSeconds(10), "engine", IncidentRecord.EventKind.NOTE, null, 0, 0, null, "moved"));
        IncidentRecord expected = moved.build().withVersion(2);
        IncidentRecord saved = store.save(moved);
        assertThat(saved).isEqualTo(expected);
        assertThat(store.load("i1")).contains(saved);
        assertThat(store.findDue(T0.plusSeconds(300), 10)).isEmpty();
        assertThat(store.findDue(T0.plusSeconds(600), 10)).containsExactly(saved);
        assertThat(store.findOpenByKey("k1")).contains(saved);

        assertThatThrownBy(() -> store.save(inserted.changes().status(IncidentRecord.Status.ACKNOWLEDGED)))
                .isInstanceOf(StoreConflictException.class)
                .hasMessageContaining("expected version 1").hasMessageContaining("version 2");
        assertThatThrownBy(() -> store.save(record("i1", "k2", null).changes()))
                .isInstanceOf(StoreConflictException.class);
        assertThatThrownBy(() -> store.save(record("i2", "k1", null).changes()))
                .isInstanceOf(DuplicateOpenIncidentException.class).hasMessageContaining("i1");
        assertThat(store.load("i1")).contains(saved);
        assertThat(store.load("i2")).isEmpty();

        IncidentRecord closed = store.save(saved.changes().status(IncidentRecord.Status.RESOLVED)
                .resolvedAt(T0.plusSeconds(60)).nextDueAt(null));
        assertThat(closed.version()).isEqualTo(3);
        assertThat(store.findOpenByKey("k1")).isEmpty();
        assertThat(store.nextDueAt()).isEmpty();
        assertThat(store.findOpen()).isEmpty();
    }

    @Test
    @DisplayName("due query returns open incidents due at or before the instant, earliest first, up to the limit")
    void dueQuery() {
        store.save(record("late", "k1", T0.plusSeconds(300)));
        store.save(record("early", "k2", T0.plusSeconds(100)));
        store.save(record("never", "k3", null));
        IncidentRecord done = store.save(record("done", "k4", T0.plusSeconds(50)));
        store.save(resolved(done));
        assertThat(store.findDue(T0.plusSeconds(99), 10)).isEmpty();
        assertThat(store.findDue(T0.plusSeconds(100), 10)).extracting(IncidentRecord::id).containsExactly("early");
        assertThat(store.findDue(T0.plusSeconds(1000), 10)).extracting(IncidentRecord::id)
                .containsExactly("early", "late");
        assertThat(store.findDue(T0.plusSeconds(1000), 1)).extracting(IncidentRecord::id).containsExactly("early");
        assertThat(store.nextDueAt()).contains(T0.plusSeconds(100));
    }

    @Test
    @DisplayName("moving or clearing the next due instant updates the due query")
    void dueMoves() {
        IncidentRecord r = store.save(record("i1", "k1", T0.plusSeconds(100)));
        IncidentRecord moved = store.save(r.changes().nextDueAt(T0.plusSeconds(500)).build());
        assertThat(store.findDue(T0.plusSeconds(200), 10)).isEmpty();
        assertThat(store.nextDueAt()).contains(T0.plusSeconds(500));
        store.save(moved.changes().nextDueAt(null).build());
        assertThat(store.nextDueAt()).isEmpty();
        assertThat(store.findDue(T0.plusSeconds(10_000), 10)).isEmpty();
    }
}
