package io.github.incident4j.spi.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.spi.DuplicateOpenIncidentException;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.StoreConflictException;
import io.github.incident4j.spi.StoreRefusedException;
import io.github.incident4j.spi.StoredText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
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

    // ---- the text contract (spi.StoredText): kept exactly, or the whole record refused, the same in every store ----

    private int textRecords;
    private IncidentRecord lastStored;

    /**
     * One stored text field: {@code put} saves a record (or a change of a stored one) holding the value in that
     * field and returns what the save returned; {@code read} finds the field's value in a loaded record.
     */
    private record TextField(String name, String refusedAs, int limit, Function<String, IncidentRecord> put,
            Function<IncidentRecord, String> read, boolean update) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A fresh origin, unique key, with {@code field} of the origin set to {@code value}. */
    private IncidentRecord.Origin origin(String field, String value) {
        String key = "text-key-" + textRecords;
        return new IncidentRecord.Origin(field.equals("dedupKey") ? value : key,
                field.equals("service") ? value : "payments", field.equals("summary") ? value : "DB down",
                field.equals("severity") ? value : "SEV-2", true, field.equals("category") ? value : "Data",
                field.equals("label key") ? Map.of(value, "v") : field.equals("label value") ? Map.of("k", value)
                        : Map.of(),
                field.equals("annotation key") ? Map.of(value, "v")
                        : field.equals("annotation value") ? Map.of("k", value) : Map.of());
    }

    private IncidentRecord fresh(String id, IncidentRecord.Origin origin, List<IncidentRecord.Event> extraRows,
            @org.jspecify.annotations.Nullable String assignee) {
        List<IncidentRecord.Event> rows = new ArrayList<>();
        rows.add(IncidentRecord.Event.of(T0, "payments", IncidentRecord.EventKind.TRIGGERED, "SEV-2 DB down"));
        rows.addAll(extraRows);
        return new IncidentRecord(id, 0, origin, POLICY, IncidentRecord.Status.TRIGGERED, 1, 1, 1,
                T0.plusSeconds(60), T0, null, null, assignee, 1, T0, rows);
    }

    private static IncidentRecord.Event row(String field, String value) {
        return new IncidentRecord.Event(T0.plusSeconds(1), field.equals("actor") ? value : "Alice",
                IncidentRecord.EventKind.PAGE_DELIVERED, field.equals("recipient") ? value : "Bob", 1, 1,
                field.equals("response") ? value : "Call DBA", field.equals("detail") ? value : "sent");
    }

    /** Every text a record holds, on insert, and the assignee and timeline rows also on update. */
    private List<TextField> textFields() {
        List<TextField> fields = new ArrayList<>();
        fields.add(new TextField("id", "id", StoredText.ID_LIMIT,
                v -> {
                    nextTextId(); // a fresh dedup key
                    return store.save(fresh(v, origin("", ""), List.of(), null));
                }, IncidentRecord::id, false));
        String[][] origin = {{"dedupKey", "dedupKey", "500"}, {"service", "service", "500"},
            {"summary", "summary", "-1"}, {"severity", "severity", "20"}, {"category", "category", "500"},
            {"label key", "labels key", "-1"}, {"label value", "labels[", "-1"},
            {"annotation key", "annotations key", "-1"}, {"annotation value", "annotations[", "-1"}};
        for (String[] f : origin) {
            Function<IncidentRecord, String> read = switch (f[0]) {
                case "dedupKey" -> IncidentRecord::dedupKey;
                case "service" -> IncidentRecord::service;
                case "summary" -> IncidentRecord::summary;
                case "severity" -> IncidentRecord::severity;
                case "category" -> IncidentRecord::category;
                case "label key" -> r -> r.labels().keySet().iterator().next();
                case "label value" -> r -> r.labels().get("k");
                case "annotation key" -> r -> r.annotations().keySet().iterator().next();
                default -> r -> r.annotations().get("k");
            };
            int limit = Integer.parseInt(f[2]);
            fields.add(new TextField(f[0], f[1], limit < 0 ? Integer.MAX_VALUE : limit,
                    v -> store.save(fresh(nextTextId(), origin(f[0], v), List.of(), null)), read, false));
        }
        fields.add(new TextField("assignee", "assignee", StoredText.NAME_LIMIT,
                v -> store.save(fresh(nextTextId(), origin("", ""), List.of(), v)), IncidentRecord::assignee, false));
        fields.add(new TextField("assignee (update)", "assignee", StoredText.NAME_LIMIT,
                v -> store.save(stored().changes().assignee(v)), IncidentRecord::assignee, true));
        for (String f : List.of("actor", "recipient", "response", "detail")) {
            int limit = f.equals("detail") ? Integer.MAX_VALUE : StoredText.NAME_LIMIT;
            Function<IncidentRecord, String> read = r -> {
                IncidentRecord.Event e = r.timeline().get(r.timeline().size() - 1);
                return switch (f) {
                    case "actor" -> e.actor();
                    case "recipient" -> e.recipient();
                    case "response" -> e.response();
                    default -> e.detail();
                };
            };
            fields.add(new TextField("timeline " + f, "]." + f, limit,
                    v -> store.save(fresh(nextTextId(), origin("", ""), List.of(row(f, v)), null)), read, false));
            fields.add(new TextField("timeline " + f + " (update)", "]." + f, limit,
                    v -> store.save(stored().changes().append(row(f, v))), read, true));
        }
        return fields;
    }

    private String nextTextId() {
        textRecords++;
        return "text-" + textRecords;
    }

    /** A freshly stored clean record, for the fields written by an update. */
    private IncidentRecord stored() {
        lastStored = store.save(fresh(nextTextId(), origin("", ""), List.of(), null));
        return lastStored;
    }

    /** Puts {@code value} in {@code field}: kept exactly when it is fit and within the limit, else refused whole. */
    private void putText(SoftAssertions soft, TextField field, String label, String value, boolean fit) {
        long before = store.countOpen();
        String what = field + " holding " + label;
        boolean kept = fit && value.length() <= field.limit();
        IncidentRecord saved;
        try {
            saved = field.put().apply(value);
        } catch (StoreRefusedException e) {
            soft.assertThat(kept).as(what + " was refused: " + e.getMessage()).isFalse();
            soft.assertThat(e.getMessage()).as(what + ": the refusal names the field").contains(field.refusedAs());
            soft.assertThat(store.countOpen()).as(what + ": a refused save writes nothing")
                    .isEqualTo(before + (field.update() ? 1 : 0));
            if (field.update()) {
                soft.assertThat(store.load(lastStored.id())).as(what + ": the stored record is unchanged")
                        .contains(lastStored);
            }
            return;
        }
        soft.assertThat(kept).as(what + " was stored, not refused").isTrue();
        Optional<IncidentRecord> loaded = store.load(saved.id());
        soft.assertThat(loaded).as(what + " loads back equal").contains(saved);
        soft.assertThat(loaded.map(field.read())).as(what + " is kept exactly").contains(value);
        if (field.name().equals("dedupKey")) {
            soft.assertThat(store.findOpenByKey(value)).as(what + " is found by that exact key").contains(saved);
        }
    }

    @Test
    @DisplayName("text: every field keeps names with RTL marks, emoji, combining marks, zero-width characters, tabs and "
            + "line breaks exactly, compared with equals; a value over a field's limit is refused")
    void keepsAcceptedTextExactly() {
        SoftAssertions soft = new SoftAssertions();
        List<HostileStrings.Sample> samples = new ArrayList<>(HostileStrings.acceptedAsIdentifier());
        samples.addAll(HostileStrings.refusedAsIdentifier().stream()
                .filter(s -> !HostileStrings.refusedAsText().contains(s)).toList()); // tab and line breaks
        for (TextField field : textFields()) {
            for (HostileStrings.Sample s : samples) {
                putText(soft, field, s.label(), s.value(), true);
            }
        }
        soft.assertAll();
    }

    @Test
    @DisplayName("text: a NUL, another C0 control, DEL or an unpaired surrogate in any field refuses the whole record, "
            + "naming the field, and nothing is written")
    void refusesUnstorableText() {
        SoftAssertions soft = new SoftAssertions();
        for (TextField field : textFields()) {
            for (HostileStrings.Sample s : HostileStrings.refusedAsText()) {
                putText(soft, field, s.label(), s.value(), false);
            }
        }
        soft.assertAll();
    }

    @Test
    @DisplayName("text: a 1 MiB value is kept exactly in the summary, labels, annotations and row details, and refused "
            + "in every field with a limit")
    void oneMebibyte() {
        SoftAssertions soft = new SoftAssertions();
        String big = HostileStrings.oneMebibyte();
        for (TextField field : textFields()) {
            putText(soft, field, "1 MiB", big, true);
        }
        soft.assertAll();
    }

    @Test
    @DisplayName("text: keys that differ only in a mark or a lone surrogate never merge: the marked ones are two "
            + "incidents, the surrogate ones are both refused")
    void keysNeverMerge() {
        store.save(fresh("k1", IncidentRecord.Origin.of("fp\u200F", "payments", "s", "SEV-2"), List.of(), null));
        store.save(fresh("k2", IncidentRecord.Origin.of("fp\u200E", "payments", "s", "SEV-2"), List.of(), null));
        assertThat(store.findOpenByKey("fp\u200F")).map(IncidentRecord::id).contains("k1");
        assertThat(store.findOpenByKey("fp\u200E")).map(IncidentRecord::id).contains("k2");
        assertThat(store.findOpenByKey("fp")).isEmpty();
        for (String key : List.of(HostileStrings.LONE_HIGH, HostileStrings.OTHER_LONE_HIGH)) {
            assertThatThrownBy(() -> store.save(fresh("k-" + key.length() + key.charAt(3),
                    IncidentRecord.Origin.of(key, "payments", "s", "SEV-2"), List.of(), null)))
                    .isInstanceOf(StoreRefusedException.class).hasMessageContaining("dedupKey");
        }
        assertThat(store.findOpenByKey("fp-?")).isEmpty();
        assertThat(store.all()).hasSize(2);
    }
}
