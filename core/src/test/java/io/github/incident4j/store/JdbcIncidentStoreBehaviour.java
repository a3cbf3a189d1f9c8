package io.github.incident4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationLevel;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.spi.DuplicateOpenIncidentException;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.StoreConflictException;
import io.github.incident4j.spi.StoreRefusedException;
import io.github.incident4j.spi.StoreUnavailableException;
import io.github.incident4j.spi.kit.IncidentStoreCompatibilityKit;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit plus what only the JDBC store promises (schema, append-only timeline, dedup and versions
 * under real concurrency, claims, retention, failures), run on each database by a subclass.
 */
abstract class JdbcIncidentStoreBehaviour extends IncidentStoreCompatibilityKit {

    protected DataSource dataSource;
    protected TestPool pool;

    /** A fresh, empty database. */
    protected abstract DataSource freshDatabase();

    @Override
    protected IncidentStore createStore() {
        dataSource = freshDatabase();
        pool = new TestPool(dataSource);
        return TestDatabases.storeOn(pool, "instance-a");
    }

    private JdbcIncidentStore jdbc() {
        return (JdbcIncidentStore) store;
    }

    private long count(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Test
    @DisplayName("creating the schema twice is harmless, and a schema of another version is refused, not altered")
    void schemaVersion() {
        jdbc().createSchemaIfMissing();
        jdbc().checkSchema();
        assertThat(count("SELECT MAX(version) FROM incident4j_schema_version")).isEqualTo(3);
        execute("UPDATE incident4j_schema_version SET version = 4");
        assertThatThrownBy(() -> jdbc().createSchemaIfMissing()).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("version 4").hasMessageContaining("uses version 3");
        assertThatThrownBy(() -> jdbc().checkSchema()).isInstanceOf(SchemaVersionException.class);
        assertThatThrownBy(() -> jdbc().migrateSchema()).isInstanceOf(SchemaVersionException.class);
        assertThat(count("SELECT MAX(version) FROM incident4j_schema_version")).isEqualTo(4);
    }

    private void runShipped(Statement s, String resource) throws Exception {
        String script;
        try (var in = getClass().getResourceAsStream(resource)) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (String sql : script.split("(?m)^;\\s*$")) {
            if (!sql.isBlank()) {
                s.execute(sql);
            }
        }
    }

    @Test
    @DisplayName("a version 2 schema is refused until migrated; migrating keeps each open incident's due instant and "
            + "another instance's claim on it, and a purge then deletes a resolved incident's timeline without the "
            + "foreign key that did it under version 2")
    void migratesVersion2() throws Exception {
        DataSource v2 = freshDatabase();
        long due = JdbcIncidentStore.nanos(T0.plusSeconds(300));
        long lease = JdbcIncidentStore.nanos(T0.plusSeconds(600));
        try (Connection c = v2.getConnection(); Statement s = c.createStatement()) {
            runShipped(s, "schema-v2-as-shipped.sql");
            String columns = "INSERT INTO incident4j_incident (id, version, dedup_key, open_key, service, summary,"
                    + " severity, high_urgency, category, labels, annotations, policy, status, level, pass,"
                    + " round_start_pass, next_due_ns, triggered_ns, acknowledged_ns, resolved_ns, assignee,"
                    + " alert_count, last_seen_ns, event_count, claimed_by, claimed_until_ns) VALUES ";
            String policy = TextForm.policy(POLICY);
            // due at T0+300 s, claimed by another instance until T0+600 s; one waiting for nothing; one resolved
            s.execute(columns + "('claimed', 2, 'k1', 'k1', 'payments', 'DB down', 'SEV-2', TRUE, NULL, '', '', '"
                    + policy + "', 'TRIGGERED', 1, 1, 1, " + due + ", 0, NULL, NULL, NULL, 1, 0, 1, 'instance-b', "
                    + lease + ")");
            s.execute(columns + "('acked', 2, 'k2', 'k2', 'payments', 'DB down', 'SEV-2', TRUE, NULL, '', '', '"
                    + policy + "', 'ACKNOWLEDGED', 1, 1, 1, NULL, 0, 5, NULL, 'ann', 1, 0, 1, NULL, NULL)");
            s.execute(columns + "('gone', 3, 'k3', NULL, 'payments', 'DB down', 'SEV-2', TRUE, NULL, '', '', '"
                    + policy + "', 'RESOLVED', 1, 1, 1, NULL, 0, 5, 9, 'ann', 1, 0, 2, NULL, NULL)");
            for (String id : new String[] {"claimed", "acked", "gone"}) {
                s.execute("INSERT INTO incident4j_timeline (incident_id, seq, at_ns, actor, type, recipient, level,"
                        + " pass, response, detail) VALUES ('" + id + "', 0, 0, 'payments', 'TRIGGERED', NULL, 0, 0,"
                        + " NULL, 'SEV-2 DB down')");
            }
            s.execute("INSERT INTO incident4j_timeline (incident_id, seq, at_ns, actor, type, recipient, level,"
                    + " pass, response, detail) VALUES ('gone', 1, 9, 'ann', 'RESOLVED', NULL, 1, 1, NULL, NULL)");
        }
        JdbcIncidentStore store = JdbcIncidentStore.on(v2).instanceId("instance-a").build();
        assertThatThrownBy(store::checkSchema).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("version 2");
        assertThat(store.migrateSchema()).isEqualTo(2);
        store.checkSchema();
        assertThat(store.load("claimed").orElseThrow().nextDueAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(store.nextDueAt()).contains(T0.plusSeconds(600));
        assertThat(store.findDue(T0.plusSeconds(599), 10)).isEmpty();
        assertThat(store.findDue(T0.plusSeconds(600), 10)).extracting(IncidentRecord::id).containsExactly("claimed");
        assertThat(store.purgeResolvedBefore(T0.plusSeconds(1), 10)).isEqualTo(1);
        assertThat(count(v2, "SELECT COUNT(*) FROM incident4j_timeline WHERE incident_id = 'gone'")).isZero();
        assertThat(count(v2, "SELECT COUNT(*) FROM incident4j_timeline")).isEqualTo(2);
        assertThat(store.findOpen()).extracting(IncidentRecord::id).containsExactly("claimed", "acked");
    }

    @Test
    @DisplayName("the migration scripts for hosts that run their own: from version 2 only the step to 3, from 1 both "
            + "in order, and no version outside 1 to 3")
    void migrationScripts() {
        assertThat(JdbcIncidentStore.migrationScript(2)).contains("CREATE TABLE incident4j_due")
                .doesNotContain("annotations");
        assertThat(JdbcIncidentStore.migrationScript()).isEqualTo(JdbcIncidentStore.migrationScript(1))
                .containsSubsequence("ADD COLUMN annotations", "CREATE TABLE incident4j_due");
        assertThat(JdbcIncidentStore.migrationScript(3)).isEmpty();
        for (int wrong : new int[] {0, 4}) {
            assertThatThrownBy(() -> JdbcIncidentStore.migrationScript(wrong))
                    .isInstanceOf(io.github.incident4j.ValidationException.class).hasMessageContaining("fromVersion")
                    .hasMessageContaining(String.valueOf(wrong));
        }
    }

    @Test
    @DisplayName("a save appends any number of timeline rows: none, one, eight (PostgreSQL's longest VALUES list), nine "
            + "(its arrays), forty; a new incident too; each reads back in order on this instance and on another")
    void appendsAnyNumberOfRows() {
        IncidentRecord r = store.save(record("i1", "k1", T0.plusSeconds(60)).changes().append(note(0)).append(note(1))
                .append(note(2)).append(note(3)).append(note(4)).append(note(5)).append(note(6)).append(note(7))
                .append(note(8)));
        int seq = 9;
        for (int rows : new int[] {0, 1, 8, 9, 40, 2}) {
            IncidentRecord.Changes step = r.changes().nextDueAt(T0.plusSeconds(60 + seq));
            for (int k = 0; k < rows; k++) {
                step.append(note(seq++));
            }
            r = store.save(step);
            assertThat(store.load("i1")).contains(r);
            IncidentRecord other = TestDatabases.storeOn(pool, "instance-b").load("i1").orElseThrow();
            assertThat(other).isEqualTo(r);
        }
        // the record's own TRIGGERED row, then every note
        assertThat(r.timeline()).hasSize(seq + 1).extracting(IncidentRecord.Event::detail)
                .startsWith("SEV-2 DB down", "note 0", "note 1").endsWith("note " + (seq - 1));
        assertThat(count("SELECT COUNT(*) FROM incident4j_timeline")).isEqualTo(seq + 1);
    }

    private static IncidentRecord.Event note(int n) {
        return new IncidentRecord.Event(T0.plusSeconds(n), "engine", IncidentRecord.EventKind.NOTE, n % 2 == 0 ? null
                : "person:Alice", n, n % 3, n % 5 == 0 ? null : "ok", "note " + n);
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @DisplayName("a version 1 schema is refused until migrated; migrating keeps its incidents, which read back with "
            + "no annotations, and then annotations are stored")
    void migratesVersion1() throws Exception {
        DataSource v1 = freshDatabase();
        try (Connection c = v1.getConnection(); Statement s = c.createStatement()) {
            runShipped(s, "schema-v1-as-shipped.sql");
            // an incident as version 1 stored it (no annotations column)
            s.execute("INSERT INTO incident4j_incident (id, version, dedup_key, open_key, service, summary, severity,"
                    + " high_urgency, category, labels, policy, status, level, pass, round_start_pass, next_due_ns,"
                    + " triggered_ns, acknowledged_ns, resolved_ns, assignee, alert_count, last_seen_ns, event_count)"
                    + " VALUES ('old', 3, 'k-old', 'k-old', 'payments', 'DB down', 'SEV-2', TRUE, NULL, 'region=eu', '"
                    + TextForm.policy(POLICY) + "', 'TRIGGERED', 1, 1, 1, 900000000000, 0, NULL, NULL, NULL, 1, 0, 1)");
            s.execute("INSERT INTO incident4j_timeline (incident_id, seq, at_ns, actor, type, recipient, level, pass,"
                    + " response, detail) VALUES ('old', 0, 0, 'payments', 'TRIGGERED', NULL, 0, 0, NULL, 'SEV-2 DB down')");
        }
        JdbcIncidentStore store = JdbcIncidentStore.on(v1).build();
        assertThatThrownBy(store::createSchemaIfMissing).isInstanceOf(SchemaVersionException.class)
                .hasMessageContaining("version 1").hasMessageContaining("migrateSchema");
        assertThat(store.migrateSchema()).isEqualTo(1);
        assertThat(store.migrateSchema()).isEqualTo(JdbcIncidentStore.SCHEMA_VERSION);
        store.checkSchema();
        assertThat(store.findDue(Instant.ofEpochSecond(899), 10)).isEmpty();
        assertThat(store.findDue(Instant.ofEpochSecond(900), 10)).extracting(IncidentRecord::id).containsExactly("old");
        IncidentRecord old = store.load("old").orElseThrow();
        assertThat(old.annotations()).isEmpty();
        assertThat(old.labels()).containsExactly(Map.entry("region", "eu"));
        assertThat(old.version()).isEqualTo(3);
        assertThat(old.timeline()).extracting(IncidentRecord.Event::kind).containsExactly(IncidentRecord.EventKind.TRIGGERED);
        IncidentRecord annotated = new IncidentRecord("new", 0, new IncidentRecord.Origin("k-new", "payments", "DB down",
                "SEV-2", true, null, Map.of(), Map.of("runbook_url", "https://runbooks/x?a=1&b=2", "dashboard", "d")),
                POLICY, IncidentRecord.Status.TRIGGERED, 1, 1, 1, null, T0, null, null, null, 1, T0, List.of());
        store.save(annotated);
        assertThat(store.load("new").orElseThrow().annotations())
                .isEqualTo(Map.of("runbook_url", "https://runbooks/x?a=1&b=2", "dashboard", "d"));
        assertThat(store.findOpen()).extracting(IncidentRecord::id).containsExactly("old", "new");
    }

    @Test
    @DisplayName("without a schema, operations fail with a store exception that says how to create it")
    void missingSchema() {
        JdbcIncidentStore bare = JdbcIncidentStore.on(freshDatabase()).build();
        assertThatThrownBy(bare::checkSchema).isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("createSchemaIfMissing");
        assertThatThrownBy(() -> bare.load("x")).isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("createSchemaIfMissing").hasCauseInstanceOf(SQLException.class);
    }

    @Test
    @DisplayName("policy, labels, nullable fields and nanosecond instants round-trip exactly")
    void exactRoundTrip() {
        EscalationPolicy policy = EscalationPolicy.named("Pay & Bill: \"Tier 1\"\u2028night") // no \n in a name: docs/text.md
                .level(EscalationLevel.of(1, Duration.ofSeconds(90, 5), Target.onCall("Backend On-Call"),
                        Target.person("Zoë O'Brien"), Target.role("engineering_lead")))
                .level(EscalationLevel.of(2, Duration.ofMinutes(30), Target.person("a+b=c&d:e%f")))
                .level(EscalationLevel.of(3, Duration.ofHours(2), Target.role("cto")))
                .repeat(2).ackTimeout(Duration.ofHours(1)).build();
        Instant t = Instant.parse("2026-03-02T09:00:00.123456789Z");
        IncidentRecord r = new IncidentRecord("inc-1", 0, new IncidentRecord.Origin( "key with spaces & symbols", "payments", "DB\ndown",
                "SEV-1", false, null, Map.of("a=b", "c&d", "", "empty key", "zone", ""), Map.of()), policy, IncidentRecord.Status.ACKNOWLEDGED, 2,
                3, 2, t.plusNanos(1), t, t.plusSeconds(1), null, "Dana", 7, t.plusSeconds(9),
                List.of(new IncidentRecord.Event(t, "payments", IncidentRecord.EventKind.TRIGGERED, null, 0, 0, null, null),
                        new IncidentRecord.Event(t.plusNanos(3), "incident4j", IncidentRecord.EventKind.PAGE_DELIVERED, "Alice", 1, 1,
                                "SecOps", "first\nsecond")));
        IncidentRecord saved = store.save(r);
        assertThat(store.load("inc-1")).contains(saved);
        assertThat(saved.withVersion(0)).isEqualTo(r);
    }

    @Test
    @DisplayName("the timeline is append-only rows: a save inserts only the events not yet stored")
    void appendOnlyTimeline() {
        IncidentRecord v1 = store.save(record("i1", "k1", null));
        IncidentRecord.Changes b = v1.changes();
        b.append(new IncidentRecord.Event(T0.plusSeconds(1), "Alice", IncidentRecord.EventKind.NOTE, null, 0, 0, null, "looking"));
        b.append(new IncidentRecord.Event(T0.plusSeconds(2), "Alice", IncidentRecord.EventKind.ACKNOWLEDGED, null, 1, 1, null, null));
        IncidentRecord v2 = store.save(b.build());
        assertThat(count("SELECT COUNT(*) FROM incident4j_timeline")).isEqualTo(3);
        assertThat(store.load("i1")).contains(v2);
        IncidentRecord shorter = new IncidentRecord(v2.id(), v2.version(), new IncidentRecord.Origin( v2.dedupKey(), v2.service(), v2.summary(),
                v2.severity(), v2.highUrgency(), v2.category(), v2.labels(), Map.of()), v2.policy(), v2.status(), v2.level(),
                v2.pass(), v2.roundStartPass(), v2.nextDueAt(), v2.triggeredAt(), v2.acknowledgedAt(),
                v2.resolvedAt(), v2.assignee(), v2.alertCount(), v2.lastSeenAt(), v2.timeline().subList(0, 1));
        assertThatThrownBy(() -> store.save(shorter)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("append-only");
        assertThat(store.load("i1")).contains(v2);
    }

    /** Runs the tasks at once from as many threads; returns each one's result or exception. */
    private static List<Object> race(List<Callable<Object>> tasks) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                try {
                    results.add(f.get(30, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    results.add(e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("instances opening the same key at the same moment open one incident; the others learn which")
    void concurrentDedup() throws InterruptedException {
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JdbcIncidentStore own = JdbcIncidentStore.on(new TestPool(dataSource)).instanceId("i" + i).build();
            String id = "inc-" + i;
            tasks.add(() -> own.save(record(id, "db-down", T0)));
        }
        List<Object> results = race(tasks);
        assertThat(results).filteredOn(IncidentRecord.class::isInstance).hasSize(1);
        String winner = ((IncidentRecord) results.stream().filter(IncidentRecord.class::isInstance).findFirst()
                .orElseThrow()).id();
        assertThat(results).filteredOn(o -> !(o instanceof IncidentRecord)).hasSize(5)
                .allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(DuplicateOpenIncidentException.class,
                        e -> assertThat(e.existingId()).isEqualTo(winner)));
        assertThat(store.all()).extracting(IncidentRecord::id).containsExactly(winner);
    }

    @Test
    @DisplayName("instances saving the same version at the same moment: one wins, the others get a conflict")
    void concurrentVersions() throws InterruptedException {
        IncidentRecord v1 = store.save(record("i1", "k1", T0));
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JdbcIncidentStore own = JdbcIncidentStore.on(new TestPool(dataSource)).instanceId("i" + i).build();
            IncidentRecord change = v1.changes().append(new IncidentRecord.Event(T0.plusSeconds(i), "who" + i,
                    IncidentRecord.EventKind.NOTE, null, 0, 0, null, "note " + i)).build();
            tasks.add(() -> own.save(change));
        }
        List<Object> results = race(tasks);
        assertThat(results).filteredOn(IncidentRecord.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(o -> !(o instanceof IncidentRecord)).hasSize(5)
                .allSatisfy(o -> assertThat(o).isInstanceOf(StoreConflictException.class));
        IncidentRecord stored = store.load("i1").orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.timeline()).hasSize(2);
        assertThat(count("SELECT COUNT(*) FROM incident4j_timeline")).isEqualTo(2);
    }

    @Test
    @DisplayName("a due incident claimed by one instance is left to it until it saves or its lease ends")
    void claims() {
        JdbcIncidentStore other = JdbcIncidentStore.on(new TestPool(dataSource)).instanceId("instance-b")
                .claimLease(Duration.ofSeconds(30)).build();
        IncidentRecord r = store.save(record("i1", "k1", T0));
        store.save(record("i2", "k2", T0.plusSeconds(5)));
        Instant now = T0.plusSeconds(10);
        assertThat(store.findDue(now, 1)).extracting(IncidentRecord::id).containsExactly("i1");
        // i1 is claimed by instance-a: instance-b gets only i2, and sees i1 due when the lease ends
        assertThat(other.findDue(now, 10)).extracting(IncidentRecord::id).containsExactly("i2");
        assertThat(store.findDue(now, 10)).extracting(IncidentRecord::id).containsExactly("i1");
        assertThat(other.findDue(now.plusSeconds(29), 10)).extracting(IncidentRecord::id).containsExactly("i2");
        assertThat(other.nextDueAt()).contains(T0.plusSeconds(5));
        assertThat(other.findDue(now.plusSeconds(30), 10)).extracting(IncidentRecord::id)
                .containsExactly("i1", "i2");
        // a save releases the claim at once
        IncidentRecord i1 = other.load("i1").orElseThrow();
        other.save(i1.changes().nextDueAt(T0.plusSeconds(20)).build());
        assertThat(store.findDue(now.plusSeconds(40), 10)).extracting(IncidentRecord::id).containsExactly("i1");
        assertThat(r.version()).isEqualTo(1);
    }

    @Test
    @DisplayName("an incident claimed by another instance counts as due at the end of that instance's lease")
    void nextDueRespectsForeignClaims() {
        JdbcIncidentStore other = JdbcIncidentStore.on(new TestPool(dataSource)).instanceId("instance-b")
                .claimLease(Duration.ofMinutes(1)).build();
        store.save(record("i1", "k1", T0));
        assertThat(other.findDue(T0, 10)).hasSize(1);
        assertThat(store.nextDueAt()).contains(T0.plus(Duration.ofMinutes(1)));
        assertThat(other.nextDueAt()).contains(T0);
    }

    @Test
    @DisplayName("the next due instant is exact however many of the earliest incidents another instance holds: the "
            + "end of its lease, or an incident of ours due before that")
    void nextDueBehindManyForeignClaims() {
        JdbcIncidentStore other = JdbcIncidentStore.on(new TestPool(dataSource)).instanceId("instance-b")
                .claimLease(Duration.ofMinutes(1)).build();
        for (int i = 0; i < 40; i++) {
            store.save(record("early-" + i, "early-" + i, T0.plusSeconds(i)));
        }
        // more held rows than the store reads at once in due order: the answer still takes them all into account
        assertThat(other.findDue(T0.plusSeconds(39), 64)).hasSize(40);
        store.save(record("late", "late", T0.plusSeconds(120)));
        assertThat(store.nextDueAt()).contains(T0.plusSeconds(39 + 60));
        assertThat(other.nextDueAt()).contains(T0);
        // an incident nobody holds, due after some held ones but before their lease ends, comes first
        store.save(record("between", "between", T0.plusSeconds(50)));
        assertThat(store.nextDueAt()).contains(T0.plusSeconds(50));
    }

    private void resolvedAt(String id, Instant at) {
        IncidentRecord r = store.save(record(id, "key-" + id, null));
        store.save(r.changes().status(IncidentRecord.Status.RESOLVED).resolvedAt(at).nextDueAt(null)
                .append(new IncidentRecord.Event(at, "Alice", IncidentRecord.EventKind.RESOLVED, null, 1, 1, null, null)).build());
    }

    @Test
    @DisplayName("retention deletes old resolved incidents with their timelines, in batches, and nothing open")
    void retention() {
        Instant cutoff = T0.plus(Duration.ofDays(30));
        for (int i = 0; i < 25; i++) {
            resolvedAt("old-" + i, T0.plus(Duration.ofHours(i)));
        }
        for (int i = 0; i < 3; i++) {
            resolvedAt("recent-" + i, cutoff.plusSeconds(i));
        }
        for (int i = 0; i < 4; i++) {
            store.save(record("open-" + i, "open-key-" + i, null));
        }
        int before = pool.borrows();
        assertThat(jdbc().purgeResolvedBefore(cutoff, 10)).isEqualTo(25);
        assertThat(pool.borrows() - before).as("transactions: batches of 10, 10 and 5").isEqualTo(3);
        assertThat(store.all()).extracting(IncidentRecord::id).containsExactly("recent-0", "recent-1", "recent-2",
                "open-0", "open-1", "open-2", "open-3");
        assertThat(count("SELECT COUNT(*) FROM incident4j_timeline")).isEqualTo(3 * 2 + 4);
        assertThat(jdbc().purgeResolvedBefore(cutoff, 10)).isZero();
        assertThat(jdbc().purgeResolvedBefore(cutoff.plus(Duration.ofDays(1)), 2)).isEqualTo(3);
        assertThat(store.all()).hasSize(4);
    }

    @Test
    @DisplayName("an unreachable database is reported as StoreUnavailableException by every operation")
    void unavailable() {
        IncidentRecord saved = store.save(record("i1", "k1", T0));
        pool.outage(true);
        List<Runnable> operations = List.of(() -> store.load("i1"), () -> store.findOpenByKey("k1"),
                () -> store.save(saved), () -> store.findDue(T0, 10), () -> store.nextDueAt(), () -> store.all(),
                () -> jdbc().purgeResolvedBefore(T0, 10), () -> jdbc().createSchemaIfMissing());
        for (Runnable op : operations) {
            assertThatThrownBy(op::run).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("unavailable").hasCauseInstanceOf(SQLException.class);
        }
        pool.outage(false);
        assertThat(store.load("i1")).isEqualTo(Optional.of(saved));
    }

    /** The SQLException running {@code sql} in order raises on this database. */
    protected SQLException failureOf(String... sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("no failure from: " + String.join("; ", sql));
    }

    /** Asserts how the store classifies a driver's exception: refused for good, unavailable, or neither. */
    protected static void assertClassified(String what, SQLException e, Class<?> expected) {
        assertThat(JdbcIncidentStore.translate(what, e)).as(what + " (SQLState " + e.getSQLState() + ")")
                .isInstanceOf(expected).hasCause(e);
    }

    @Test
    @DisplayName("failures retrying cannot remove (a bad value, a value too long, a check or not-null constraint) "
            + "are refusals; a duplicate key is not (it is a conflict), nor is a lost connection (unavailable)")
    void classifiesDatabaseFailures() {
        execute("CREATE TABLE t_refusal (v VARCHAR(3) NOT NULL CHECK (v <> 'no'), u INTEGER UNIQUE)");
        assertClassified("a bad cast", failureOf("SELECT CAST('abc' AS INTEGER)"), StoreRefusedException.class);
        assertClassified("a division by zero", failureOf("SELECT 1 / 0"), StoreRefusedException.class);
        assertClassified("a value too long", failureOf("INSERT INTO t_refusal (v) VALUES ('abcd')"),
                StoreRefusedException.class);
        assertClassified("a check constraint", failureOf("INSERT INTO t_refusal (v) VALUES ('no')"),
                StoreRefusedException.class);
        assertClassified("a not-null constraint", failureOf("INSERT INTO t_refusal (v) VALUES (NULL)"),
                StoreRefusedException.class);
        SQLException duplicate = failureOf("INSERT INTO t_refusal (v, u) VALUES ('a', 1)",
                "INSERT INTO t_refusal (v, u) VALUES ('b', 1)");
        assertThat(JdbcIncidentStore.translate("a duplicate key", duplicate)).as("a duplicate key")
                .isNotInstanceOfAny(StoreRefusedException.class, StoreUnavailableException.class);
        pool.outage(true);
        SQLException lost = null;
        try (Connection c = pool.getConnection()) {
            c.isValid(1);
        } catch (SQLException e) {
            lost = e;
        }
        pool.outage(false);
        assertThat((Object) lost).as("the outage fails").isNotNull();
        assertClassified("a lost connection", lost, StoreUnavailableException.class);
    }

    @Test
    @DisplayName("a save the database refuses (a host's check constraint) is a StoreRefusedException with the "
            + "SQLState, on insert and on update; nothing is written and the next save succeeds")
    void databaseRefusalOfASave() {
        execute("ALTER TABLE incident4j_incident ADD CONSTRAINT t_no_forbidden CHECK (service <> 'forbidden')");
        execute("ALTER TABLE incident4j_timeline ADD CONSTRAINT t_no_forbidden_detail "
                + "CHECK (detail IS NULL OR detail <> 'forbidden')");
        assertThatThrownBy(() -> store.save(record("i1", "k1", "forbidden", null, T0)))
                .isInstanceOf(StoreRefusedException.class).hasMessageContaining("SQLState 23");
        assertThat(store.load("i1")).isEmpty();
        IncidentRecord saved = store.save(record("i2", "k2", T0.plusSeconds(60)));
        assertThatThrownBy(() -> store.save(saved.changes().assignee("Alice")
                .append(IncidentRecord.Event.note(T0, "Alice", "forbidden"))))
                .isInstanceOf(StoreRefusedException.class).hasMessageContaining("SQLState 23");
        assertThat(store.load("i2")).contains(saved);
        assertThat(count("SELECT COUNT(*) FROM incident4j_timeline WHERE incident_id = 'i2'"))
                .isEqualTo(saved.timeline().size());
        IncidentRecord next = store.save(saved.changes().append(IncidentRecord.Event.note(T0, "Alice", "fine")));
        assertThat(next.version()).isEqualTo(2);
        assertThat(store.load("i2")).contains(next);
        assertThat(store.save(record("i1", "k1", "payments", null, T0)).version()).isEqualTo(1);
    }
}
