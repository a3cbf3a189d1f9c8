package io.github.incident4j.examples.bench.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.incident4j.store.JdbcIncidentStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL plans of the JDBC store's hot statements (as {@code JdbcIncidentStore} sends them on PostgreSQL,
 * with literal values), on a table of {@value #INCIDENTS} incidents of which one in ten is open and every one has
 * {@value #ROWS} timeline rows, after {@code ANALYZE}. Each is run with {@code EXPLAIN (ANALYZE, COSTS OFF)} inside a
 * transaction that is rolled back. For {@code examples/docs/benchmarks-jdbc.md}: every statement must use an index
 * and touch only the rows it needs, whatever the number of resolved incidents kept.
 *
 * <pre>
 * java -cp "examples/target/classes:$(cat examples/target/bench.classpath)" \
 *     io.github.incident4j.examples.bench.jdbc.ExplainPlans
 * </pre>
 */
public final class ExplainPlans {

    static final int INCIDENTS = 100_000;
    static final int ROWS = 5;

    private ExplainPlans() {
    }

    /** Fills a database and prints each statement's plan. */
    public static void main(String[] args) throws SQLException {
        try (BenchDatabase database = BenchDatabase.start()) {
            HikariDataSource pool = database.pool("plans", "plans", 1);
            JdbcIncidentStore.on(pool).instanceId("plans").build().createSchemaIfMissing();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                fill(s);
                for (Map.Entry<String, String> e : statements().entrySet()) {
                    System.out.println("### " + e.getKey());
                    System.out.println();
                    System.out.println("```");
                    c.setAutoCommit(false);
                    try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF, SUMMARY OFF) " + e.getValue())) {
                        while (rs.next()) {
                            System.out.println(rs.getString(1));
                        }
                    }
                    c.rollback();
                    c.setAutoCommit(true);
                    System.out.println("```");
                    System.out.println();
                }
            }
        }
    }

    private static void fill(Statement s) throws SQLException {
        long t0 = 1_772_442_000_000_000_000L;
        s.execute("INSERT INTO incident4j_incident (id, version, dedup_key, open_key, service, summary, severity,"
                + " high_urgency, category, labels, annotations, policy, status, level, pass, round_start_pass,"
                + " next_due_ns, triggered_ns, acknowledged_ns, resolved_ns, assignee, alert_count, last_seen_ns,"
                + " event_count) SELECT 'inc-' || g, 3, 'key-' || g, CASE WHEN g % 10 = 0 THEN 'key-' || g END,"
                + " 'svc-' || (g % 50), 'summary ' || g, 'SEV-2', true, NULL, '', '', 'policy', CASE WHEN g % 10 = 0"
                + " THEN 'TRIGGERED' ELSE 'RESOLVED' END, 1, 1, 1, CASE WHEN g % 10 = 0 THEN " + t0
                + " + g * 1000000000::bigint END, " + t0 + " + g, NULL, CASE WHEN g % 10 = 0 THEN NULL ELSE " + t0
                + " + g END, NULL, 1, " + t0 + ", " + ROWS + " FROM generate_series(1, " + INCIDENTS + ") g");
        s.execute("INSERT INTO incident4j_timeline (incident_id, seq, at_ns, actor, type, recipient, level, pass,"
                + " response, detail) SELECT 'inc-' || g, r, " + t0 + ", 'engine', 'NOTE', NULL, 0, 0, NULL, 'row'"
                + " FROM generate_series(1, " + INCIDENTS + ") g, generate_series(0, " + (ROWS - 1) + ") r");
        s.execute("INSERT INTO incident4j_due (incident_id, next_due_ns) SELECT id, next_due_ns FROM"
                + " incident4j_incident WHERE open_key IS NOT NULL AND next_due_ns IS NOT NULL");
        s.execute("ANALYZE");
    }

    private static Map<String, String> statements() {
        long due = 1_772_442_000_000_000_000L + 50_000 * 1_000_000_000L;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("A step (version-checked update, due row and new timeline rows, one statement)",
                "WITH w AS (UPDATE incident4j_incident SET status = 'TRIGGERED', level = 2, event_count = 6,"
                + " next_due_ns = " + due + ", version = 4 WHERE id = 'inc-500' AND version = 3"
                + " AND event_count = 5 RETURNING id, created_seq), d AS (INSERT INTO incident4j_due (incident_id,"
                + " next_due_ns) SELECT w.id, " + due + " FROM w ON CONFLICT (incident_id) DO UPDATE SET next_due_ns ="
                + " EXCLUDED.next_due_ns, claimed_by = NULL, claimed_until_ns = NULL), e AS (INSERT INTO"
                + " incident4j_timeline"
                + " (incident_id, seq, at_ns, actor, type, recipient, level, pass, response, detail) SELECT w.id,"
                + " v.seq, v.at_ns, v.actor, v.type, v.recipient, v.level, v.pass, v.response, v.detail FROM w,"
                + " (VALUES (5, 1::bigint, 'engine', 'ESCALATED', NULL::text, 1, 1, NULL::text, NULL::text))"
                + " AS v(seq, at_ns, actor, type,"
                + " recipient, level, pass, response, detail)) SELECT created_seq FROM w");
        m.put("Claim the due incidents (batch of 64) and return them",
                "WITH c AS (UPDATE incident4j_due d SET claimed_by = 'me', claimed_until_ns = " + due + " WHERE"
                + " d.ctid = ANY(ARRAY(SELECT ctid FROM incident4j_due WHERE next_due_ns BETWEEN " + Long.MIN_VALUE
                + " AND " + due + " AND (claimed_by IS NULL OR claimed_by = 'me' OR claimed_until_ns <= " + due
                + ") ORDER BY next_due_ns LIMIT 64 FOR UPDATE SKIP LOCKED)) RETURNING d.incident_id) SELECT id,"
                + " version FROM incident4j_incident WHERE id = ANY(ARRAY(SELECT incident_id FROM c))");
        m.put("Their timeline rows (one read for the batch)",
                "SELECT t.incident_id, t.seq, t.detail FROM incident4j_timeline t JOIN unnest(ARRAY['inc-10',"
                + " 'inc-20', 'inc-30'], ARRAY[0, 0, 3], ARRAY[5, 5, 5]) AS w(id, first_seq, end_seq)"
                + " ON t.incident_id = w.id AND t.seq >= w.first_seq AND t.seq < w.end_seq ORDER BY t.incident_id,"
                + " t.seq");
        m.put("The next due instant (wake-up)",
                "SELECT next_due_ns, claimed_by, claimed_until_ns FROM incident4j_due ORDER BY next_due_ns LIMIT 32");
        m.put("Load one incident", "SELECT * FROM incident4j_incident WHERE id = 'inc-500'");
        m.put("The open incident of a dedup key (trigger)",
                "SELECT * FROM incident4j_incident WHERE open_key = 'key-500'");
        m.put("Retention: the next batch of resolved incidents to purge",
                "SELECT id FROM incident4j_incident WHERE open_key IS NULL AND status = 'RESOLVED' AND resolved_ns < "
                + due + " ORDER BY resolved_ns, id LIMIT 500 FOR UPDATE SKIP LOCKED");
        return m;
    }
}
