package io.github.incident4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.StoreRefusedException;
import io.github.incident4j.spi.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("JDBC incident store on PostgreSQL")
class JdbcIncidentStorePostgresTest extends JdbcIncidentStoreBehaviour {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected DataSource freshDatabase() {
        return POSTGRES.freshDatabase();
    }

    @Test
    @DisplayName("PostgreSQL: the due claim, the next-due read and the read of timeline rows go through their indexes "
            + "on 20,000 resolved incidents with 100,000 timeline rows and 5,000 open ones due next week, before the tables "
            + "were ever analysed and after")
    void dueQueriesReadTheDueIndex() throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO incident4j_incident (id, version, dedup_key, open_key, service, summary, severity,"
                    + " high_urgency, labels, policy, status, level, pass, round_start_pass, next_due_ns, triggered_ns,"
                    + " resolved_ns, alert_count, last_seen_ns, event_count) SELECT 'old-' || g, 3, 'k' || g, NULL,"
                    + " 'payments', 'DB down', 'SEV-2', true, '', 'p', 'RESOLVED', 1, 1, 1, NULL, g, g, 1, g, 0"
                    + " FROM generate_series(1, 20000) g");
            s.execute("INSERT INTO incident4j_timeline (incident_id, seq, at_ns, actor, type, recipient, level, pass,"
                    + " response, detail) SELECT 'old-' || g, r, g, 'engine', 'NOTE', NULL, 0, 0, NULL, 'row'"
                    + " FROM generate_series(1, 20000) g, generate_series(0, 4) r");
        }
        for (int i = 0; i < 10; i++) {
            store.save(record("open-" + i, "open-" + i, T0.plusSeconds(i)));
        }
        // and 5,000 open incidents due next week, which the due table holds
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("INSERT INTO incident4j_due (incident_id, next_due_ns) SELECT 'later-' || g, "
                    + JdbcIncidentStore.nanos(T0.plusSeconds(7 * 86_400)) + " + g FROM generate_series(1, 5000) g");
        }
        for (boolean analysed : new boolean[] {false, true}) {
            if (analysed) {
                try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
                    s.execute("ANALYZE incident4j_incident");
                    s.execute("ANALYZE incident4j_due");
                    s.execute("ANALYZE incident4j_timeline");
                }
            }
            long at = JdbcIncidentStore.nanos(T0.plusSeconds(60));
            assertThat(plan(JdbcIncidentStore.PG_CLAIM_DUE, "instance-a", at + 1, at, "instance-a", at, 64))
                    .as("claim, analysed: " + analysed).contains("incident4j_due_at")
                    .contains("incident4j_incident_pkey").doesNotContain("Seq Scan");
            assertThat(plan(JdbcIncidentStore.NEXT_DUE_FIRST, 32)).as("next due, analysed: " + analysed)
                    .contains("incident4j_due_at").doesNotContain("Seq Scan");
            try (Connection c = dataSource.getConnection()) {
                assertThat(plan(JdbcIncidentStore.PG_EVENTS, c.createArrayOf("text", new String[] {"old-7", "old-9"}),
                        c.createArrayOf("int4", new Integer[] {0, 2}), c.createArrayOf("int4", new Integer[] {5, 5})))
                        .as("timeline rows, analysed: " + analysed).contains("incident4j_timeline_pkey")
                        .doesNotContain("Seq Scan on incident4j_timeline");
            }
        }
    }

    @Test
    @DisplayName("PostgreSQL: a step rewrites the wide incident row in place (a HOT update, no new index entries); "
            + "only the narrow due row is re-indexed")
    void stepsUpdateTheIncidentRowInPlace() throws Exception {
        IncidentRecord r = store.save(record("hot", "hot", T0.plusSeconds(60)).changes());
        int steps = 200;
        for (int k = 1; k <= steps; k++) {
            r = store.save(r.changes().position(1 + k % 3, 1).nextDueAt(T0.plusSeconds(60 + 60L * k)).append(
                    new IncidentRecord.Event(T0.plusSeconds(k), "engine", IncidentRecord.EventKind.NOTE, null, 0, 0,
                            null, "step " + k)));
        }
        assertThat(store.findDue(T0.plusSeconds(60L * (steps + 1)), 10)).containsExactly(r);
        // the statistics arrive when each pooled connection flushes them (within seconds of going idle)
        long[] updates = {0, 0};
        Instant deadline = Instant.now().plusSeconds(30);
        while (updates[0] < steps && Instant.now().isBefore(deadline)) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables"
                            + " WHERE relid = 'incident4j_incident'::regclass")) {
                rs.next();
                updates[0] = rs.getLong(1);
                updates[1] = rs.getLong(2);
            }
            Thread.onSpinWait();
        }
        assertThat(updates[0]).as("updates of the incident row counted").isGreaterThanOrEqualTo(steps);
        assertThat(updates[1]).as("of which HOT").isGreaterThanOrEqualTo(updates[0] * 9 / 10);
    }

    /** The plan PostgreSQL chooses for a statement with these parameters (EXPLAIN, not run). */
    private String plan(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            StringBuilder out = new StringBuilder();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            return out.toString();
        }
    }

    @Test
    @DisplayName("PostgreSQL: a NUL in text (22021), an index row too large (54000) and an out-of-range number are "
            + "refusals; a connection the server terminated (57P01) is unavailable")
    void postgresClassification() throws SQLException {
        SQLException nul = null;
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("SELECT ?::text")) {
            ps.setString(1, "Bo\0b");
            ps.executeQuery().close();
        } catch (SQLException e) {
            nul = e;
        }
        assertThat((Object) nul).as("PostgreSQL refuses a NUL").isNotNull();
        assertClassified("a NUL in text", nul, StoreRefusedException.class);
        assertClassified("an index row too large", failureOf("CREATE TABLE t_big (v TEXT)",
                "CREATE INDEX t_big_v ON t_big (v)", "INSERT INTO t_big SELECT string_agg(md5(g::text), '') "
                        + "FROM generate_series(1, 2000) g"), StoreRefusedException.class);
        assertClassified("an integer out of range", failureOf("SELECT 2147483647::int + 1"),
                StoreRefusedException.class);
        try (Connection victim = dataSource.getConnection(); Statement s = victim.createStatement()) {
            int pid;
            try (var rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            try (Connection killer = dataSource.getConnection(); Statement k = killer.createStatement()) {
                k.execute("SELECT pg_terminate_backend(" + pid + ")");
            }
            SQLException lost = null;
            try {
                s.executeQuery("SELECT 1").close();
            } catch (SQLException e) {
                lost = e;
            }
            assertThat((Object) lost).as("the terminated connection fails").isNotNull();
            assertClassified("a terminated connection", lost, StoreUnavailableException.class);
        }
    }
}
