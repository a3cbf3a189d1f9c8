package io.github.incident4j.store;

import io.github.incident4j.Incident4jException;
import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.spi.DuplicateOpenIncidentException;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.StoreConflictException;
import io.github.incident4j.spi.StoreRefusedException;
import io.github.incident4j.spi.StoreUnavailableException;
import io.github.incident4j.spi.StoredText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IncidentStore} in a relational database, so several instances of a service share one escalation
 * engine: PostgreSQL (the primary target) or H2 in PostgreSQL mode
 * ({@code jdbc:h2:...;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE}). Uses only {@code java.sql}; the host passes
 * its {@link DataSource} (a pool), and every operation is one short transaction on a connection taken from it.
 *
 * <ul>
 *   <li><b>Schema</b> {@value #SCHEMA_VERSION}, shipped as {@code schema-v3.sql} beside this class (see
 *       {@link #schemaScript()}), created by {@link #createSchemaIfMissing()}, recorded in
 *       {@code incident4j_schema_version} and never altered: another version fails with
 *       {@link SchemaVersionException}.</li>
 *   <li><b>Optimistic concurrency</b>: a save locks the row, checks the version and
 *       {@code UPDATE ... WHERE id = ? AND version = ?}; a lost race is a {@link StoreConflictException}.
 *       The timeline is append-only rows: a save inserts only the events not yet stored.</li>
 *   <li><b>Dedup</b>: column {@code open_key} holds the dedup key while the incident is open and NULL once
 *       resolved, under a UNIQUE constraint; the database refuses a second open incident with the key
 *       ({@link DuplicateOpenIncidentException}), whoever inserts at the same moment.</li>
 *   <li><b>Work sharing</b>: every save writes the incident's due instant to the narrow table
 *       {@code incident4j_due} (or deletes its row there), and {@link #findDue(Instant, int)} claims what it returns
 *       for this store instance in that table ({@code SELECT ... FOR UPDATE SKIP LOCKED}, then a guarded update of
 *       {@code claimed_by} and a lease {@code claimed_until}), so a step's update of the wide incident row touches
 *       no index; other instances skip claimed incidents until the lease ends or the incident is
 *       saved (every save clears the claim), and {@link #nextDueAt()} reports such an incident at its lease end.
 *       The claim never changes the version: the version check stays the guarantee against a double page.</li>
 *   <li><b>Retention</b>: {@link #purgeResolvedBefore(Instant, int)} deletes old resolved incidents in
 *       batches.</li>
 *   <li><b>Failures</b>: a lost or refused connection is a {@link StoreUnavailableException} (retry once the
 *       database is back); other database errors are {@link JdbcStoreException}. No {@link SQLException}
 *       leaks.</li>
 * </ul>
 *
 * <pre>{@code
 * JdbcIncidentStore store = JdbcIncidentStore.on(dataSource).claimLease(Duration.ofSeconds(30)).build();
 * store.createSchemaIfMissing();
 * IncidentManager manager = IncidentManager.builder().store(store).clock(clock).timers(timers).pager(pager).build();
 * }</pre>
 */
public final class JdbcIncidentStore implements IncidentStore {

    /**
     * The schema version this store reads and writes (3: version 2 with the due instants and claims in a table of
     * their own and no foreign key on the timeline; version 2 added the alert's annotations to version 1).
     */
    public static final int SCHEMA_VERSION = 3;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcIncidentStore.class);
    private static final String SCRIPT = "schema-v" + SCHEMA_VERSION + ".sql";
    private static final String INCIDENT = "incident4j_incident";
    private static final String DUE = "incident4j_due";
    /** Marks a statement of a schema script that runs on PostgreSQL only (a storage setting H2 has no syntax for). */
    private static final String POSTGRES_ONLY = "-- PostgreSQL only";
    /** The name PostgreSQL gave the timeline's unnamed foreign key of schema version 2, as the v2-to-v3 script says. */
    private static final String V2_TIMELINE_FK = "incident4j_timeline_incident_id_fkey";
    private static final String TIMELINE = "incident4j_timeline";
    private static final long NANOS = 1_000_000_000L;

    /** The columns a save writes, in bind order (id and version are bound apart). */
    private static final List<String> WRITTEN = List.of("dedup_key", "open_key", "service", "summary", "severity",
            "high_urgency", "category", "labels", "annotations", "policy", "status", "level", "pass", "round_start_pass",
            "next_due_ns", "triggered_ns", "acknowledged_ns", "resolved_ns", "assignee", "alert_count",
            "last_seen_ns", "event_count");
    private static final String READ_COLUMNS = "id, version, created_seq, " + String.join(", ", WRITTEN);
    /** The columns a step ({@link IncidentRecord.Changes}) can change, in bind order. */
    private static final List<String> STEP_COLUMNS = List.of("open_key", "status", "level", "pass",
            "round_start_pass", "next_due_ns", "acknowledged_ns", "resolved_ns", "assignee", "event_count");
    private static final String STEP_SET = String.join(" = ?, ", STEP_COLUMNS) + " = ?, version = ?";
    private static final String EVENT_COLUMNS = "incident_id, seq, at_ns, actor, type, recipient, level, pass,"
            + " response, detail";
    private static final String EVENT_ALIAS = " AS v(seq, at_ns, actor, type, recipient, level, pass, response,"
            + " detail)";
    /** PostgreSQL: the new timeline rows of a save, as arrays (one statement text whatever their number). */
    private static final String UNNEST_EVENTS = " unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[],"
            + " ?::int[], ?::int[], ?::text[], ?::text[])" + EVENT_ALIAS;
    /** One timeline row in a {@code VALUES} list. */
    private static final String EVENT_VALUES = "(?::int, ?::bigint, ?::text, ?::text, ?::text, ?::int, ?::int, ?::text,"
            + " ?::text)";
    /**
     * New timeline rows up to this many go in a {@code VALUES} list (a statement text per count, each prepared once
     * per connection); more go as arrays through {@code unnest}. A step appends one to three. Why not always arrays:
     * {@code unnest} of nine arrays materialises each into a tuple store of its own, and those nine allocations
     * took PostgreSQL's backend over the C library's trim threshold, so it gave the memory back to the kernel at the
     * end of every statement and faulted it in again at the next (benchmark 7: about a fifth of the server's CPU).
     */
    private static final int VALUES_ROWS = 8;
    /**
     * PostgreSQL: the due row of a save that leaves the incident due (bound after the incident's columns): written
     * with the new instant and no claim. A separate narrow row, so the wide row's update is HOT.
     */
    private static final String PG_DUE_SET = ", d AS (INSERT INTO " + DUE + " (incident_id, next_due_ns) SELECT w.id,"
            + " ?::bigint FROM w ON CONFLICT (incident_id) DO UPDATE SET next_due_ns = EXCLUDED.next_due_ns,"
            + " claimed_by = NULL, claimed_until_ns = NULL)";
    /** PostgreSQL: the due row of a save that leaves nothing due (no step planned, or resolved), gone. */
    private static final String PG_DUE_CLEAR = ", d AS (DELETE FROM " + DUE
            + " WHERE incident_id IN (SELECT id FROM w))";
    /**
     * PostgreSQL: a step in one statement, so one round trip: version check, new state, due row, new timeline rows
     * ({@code [due set, due cleared][rows appended]}, see {@link #pgSave}).
     */
    private static final String[][] PG_STEP = pgSaves("WITH w AS (UPDATE " + INCIDENT + " SET " + STEP_SET
            + " WHERE id = ? AND version = ? AND event_count = ? RETURNING id, created_seq)");
    /** PostgreSQL: a new incident, its due row and its first timeline rows in one statement (as {@link #PG_STEP}). */
    private static final String[][] PG_INSERT = pgSaves("WITH w AS (INSERT INTO " + INCIDENT + " ("
            + String.join(", ", WRITTEN) + ", id, version) VALUES (" + "?, ".repeat(WRITTEN.size() + 1)
            + "?) RETURNING id, created_seq)");
    /** Other databases: a step's update, version-checked; its rows follow in a batch, in the same transaction. */
    private static final String STEP_UPDATE = "UPDATE " + INCIDENT + " SET " + STEP_SET
            + " WHERE id = ? AND version = ? AND event_count = ?";
    private static final String VERSION_OF = "SELECT version, event_count FROM " + INCIDENT + " WHERE id = ?";
    private static final String CREATED_SEQ_OF = "SELECT created_seq FROM " + INCIDENT + " WHERE id = ?";

    private static final String INSERT = "INSERT INTO " + INCIDENT + " (" + String.join(", ", WRITTEN)
            + ", id, version) VALUES (" + "?, ".repeat(WRITTEN.size() + 1) + "?)";
    private static final String UPDATE = "UPDATE " + INCIDENT + " SET " + String.join(" = ?, ", WRITTEN)
            + " = ?, version = ? WHERE id = ? AND version = ?";
    private static final String DUE_UPDATE = "UPDATE " + DUE + " SET next_due_ns = ?, claimed_by = NULL,"
            + " claimed_until_ns = NULL WHERE incident_id = ?";
    private static final String DUE_INSERT = "INSERT INTO " + DUE + " (incident_id, next_due_ns) VALUES (?, ?)";
    private static final String DUE_DELETE = "DELETE FROM " + DUE + " WHERE incident_id = ?";
    private static final String LOCK_FOR_SAVE = "SELECT version, event_count FROM " + INCIDENT
            + " WHERE id = ? FOR UPDATE";
    private static final String INSERT_EVENT = "INSERT INTO " + TIMELINE + " (" + EVENT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_EVENTS = "SELECT incident_id, seq, at_ns, actor, type, recipient, level, pass,"
            + " response, detail FROM " + TIMELINE;
    private static final String CLAIMABLE = "(claimed_by IS NULL OR claimed_by = ? OR claimed_until_ns <= ?)";
    // SKIP LOCKED: PostgreSQL 9.5+ and H2 2.x both understand it; the guarded UPDATE below keeps the claim correct
    // on a database that would merely wait instead.
    private static final String SELECT_DUE = "SELECT incident_id FROM " + DUE + " WHERE next_due_ns <= ? AND "
            + CLAIMABLE + " ORDER BY next_due_ns, incident_id LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String CLAIM = "UPDATE " + DUE + " SET claimed_by = ?, claimed_until_ns = ?"
            + " WHERE incident_id = ? AND " + CLAIMABLE;
    /**
     * PostgreSQL: claims the due incidents and returns their rows in one statement (the lock, the guarded claim and
     * the read of {@link #SELECT_DUE} and {@link #CLAIM} together). The plan must not depend on the
     * table's statistics (a young table has none, and resolved incidents pile up in it, so a scan of the table costs
     * more with every day): the due instant is a range (which the planner takes as selective without statistics, where
     * a bare upper bound counts as a third of the table), ordered by the due index alone (a tie-break by id made it
     * sort), at most {@link #PG_CLAIM_ROWS} rows at a time, so the index is read and left at the limit; the update
     * finds the rows it locked by their physical address (a TID scan: by id, a young due table was scanned whole), and
     * the incident rows of the claimed ids are read as an array of primary keys (a join let it hash the whole table).
     * Checked with {@code EXPLAIN} on tables never analysed: see {@code examples/docs/benchmarks-jdbc.md}. The rows
     * read are those of the statement's snapshot: a save committed after it fails its version check, as any
     * concurrent save does.
     */
    static final String PG_CLAIM_DUE = "WITH c AS (UPDATE " + DUE + " d SET claimed_by = ?, claimed_until_ns = ?"
            + " WHERE d.ctid = ANY(ARRAY(SELECT ctid FROM " + DUE
            + " WHERE next_due_ns BETWEEN " + Long.MIN_VALUE + " AND ?"
            + " AND " + CLAIMABLE + " ORDER BY next_due_ns LIMIT ? FOR UPDATE SKIP LOCKED)) RETURNING d.incident_id)"
            + " SELECT " + READ_COLUMNS + " FROM " + INCIDENT + " WHERE id = ANY(ARRAY(SELECT incident_id FROM c))";
    /** PostgreSQL: the timeline rows of several incidents, each from its own first row up to its own count. */
    static final String PG_EVENTS = "SELECT t.incident_id, t.seq, t.at_ns, t.actor, t.type, t.recipient,"
            + " t.level, t.pass, t.response, t.detail FROM " + TIMELINE + " t"
            + " JOIN unnest(?::text[], ?::int[], ?::int[]) AS w(id, first_seq, end_seq)"
            + " ON t.incident_id = w.id AND t.seq >= w.first_seq AND t.seq < w.end_seq ORDER BY t.incident_id, t.seq";
    private static final String NEXT_DUE = "SELECT MIN(CASE WHEN claimed_by IS NOT NULL AND claimed_by <> ?"
            + " AND claimed_until_ns > next_due_ns THEN claimed_until_ns ELSE next_due_ns END) FROM " + DUE;
    /**
     * The earliest due incidents, in the order of the due index, so the database reads them from it and stops after
     * {@link #NEXT_DUE_ROWS} (the aggregate of {@link #NEXT_DUE} scans every incident, resolved ones included, once
     * the planner's statistics say that is cheaper: as the table grows it is not).
     */
    static final String NEXT_DUE_FIRST = "SELECT next_due_ns, claimed_by, claimed_until_ns FROM " + DUE
            + " ORDER BY next_due_ns LIMIT ?";
    private static final int NEXT_DUE_ROWS = 32;
    /** Due incidents claimed by one statement on PostgreSQL (see {@link #PG_CLAIM_DUE}); a wake-up claims again. */
    private static final int PG_CLAIM_ROWS = 64;
    private static final String SELECT_PURGEABLE = "SELECT id FROM " + INCIDENT
            + " WHERE open_key IS NULL AND status = '" + IncidentRecord.Status.RESOLVED + "' AND resolved_ns < ?"
            + " ORDER BY resolved_ns, id LIMIT ? FOR UPDATE SKIP LOCKED";

    private final DataSource dataSource;
    private final String instanceId;
    private final Duration claimLease;
    private final int cacheSize;
    /**
     * The open records this store instance last read or wrote, by id, with the incarnation of their row
     * ({@code created_seq}). Never answers a read by itself: every read fetches the incident row (the version); the
     * cache only spares re-reading timeline rows that cannot have changed (the timeline is append-only) and parsing
     * what never changes (the alert, the policy). So a stale entry costs a full read, never a stale answer.
     */
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    /** Whether the database is PostgreSQL (single-statement steps and claims), found on first use. */
    private volatile @Nullable Boolean postgres;

    private JdbcIncidentStore(Builder b) {
        this.dataSource = b.dataSource;
        this.instanceId = b.instanceId;
        this.claimLease = b.claimLease;
        this.cacheSize = b.cacheSize;
    }

    /**
     * The PostgreSQL saves from {@code w}: {@code [the due row set, the due row cleared][n]}, which appends n
     * timeline rows as a {@code VALUES} list for n up to {@link #VALUES_ROWS}, and any number as arrays at
     * {@code VALUES_ROWS + 1}.
     */
    private static String[][] pgSaves(String w) {
        String[][] out = new String[2][VALUES_ROWS + 2];
        for (int rows = 0; rows <= VALUES_ROWS + 1; rows++) {
            String append = rows == 0 ? "" : ", e AS (INSERT INTO " + TIMELINE + " (" + EVENT_COLUMNS + ") SELECT"
                    + " w.id, v.seq, v.at_ns, v.actor, v.type, v.recipient, v.level, v.pass, v.response, v.detail FROM"
                    + " w, " + (rows <= VALUES_ROWS ? "(VALUES " + String.join(", ", Collections.nCopies(rows,
                    EVENT_VALUES)) + ")" + EVENT_ALIAS : UNNEST_EVENTS) + ")";
            out[0][rows] = w + PG_DUE_SET + append + " SELECT created_seq FROM w";
            out[1][rows] = w + PG_DUE_CLEAR + append + " SELECT created_seq FROM w";
        }
        return out;
    }

    /** A record as read or written, with its row's incarnation. */
    private record Cached(long createdSeq, IncidentRecord record) {
    }

    /** Starts a store on the host's data source (a connection pool, typically). */
    public static Builder on(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The id this store instance claims due incidents with. */
    public String instanceId() {
        return instanceId;
    }

    // ---------------------------------------------------------------- schema

    /**
     * The schema DDL this store uses (the {@code schema-v3.sql} resource), for hosts that run migrations themselves
     * (a statement whose first line is {@code -- PostgreSQL only} is for PostgreSQL alone).
     */
    public static String schemaScript() {
        return resource(SCRIPT);
    }

    /**
     * The scripts that migrate schema version 1 to {@value #SCHEMA_VERSION}, one after the other: see
     * {@link #migrationScript(int)}.
     */
    public static String migrationScript() {
        return migrationScript(1);
    }

    /**
     * The scripts that migrate schema version {@code fromVersion} to {@value #SCHEMA_VERSION}, for hosts that run
     * migrations themselves: {@code migrate-v1-to-v2.sql} (adds the {@code annotations} column) and
     * {@code migrate-v2-to-v3.sql} (moves due instants and claims to {@code incident4j_due}, drops the timeline's
     * foreign key under the name PostgreSQL gives it). Stop every instance of the older library before running them.
     *
     * @throws ValidationException if {@code fromVersion} is not 1 to {@value #SCHEMA_VERSION}
     */
    public static String migrationScript(int fromVersion) {
        if (fromVersion < 1 || fromVersion > SCHEMA_VERSION) {
            throw ValidationException.of("fromVersion", fromVersion, "must be 1 to " + SCHEMA_VERSION);
        }
        StringBuilder out = new StringBuilder();
        for (int v = fromVersion; v < SCHEMA_VERSION; v++) {
            out.append(resource("migrate-v" + v + "-to-v" + (v + 1) + ".sql"));
        }
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = JdbcIncidentStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the incident4j jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static void runScript(Connection c, String script) throws SQLException {
        boolean postgres = isPostgres(c);
        try (Statement s = c.createStatement()) {
            for (String sql : script.split("(?m)^;\\s*$")) {
                if (!sql.isBlank() && (postgres || !sql.strip().startsWith(POSTGRES_ONLY))) {
                    s.execute(sql);
                }
            }
        }
    }

    /** Version 2 to 3, with the timeline's foreign key under the name this database gave it (none: not dropped). */
    private static void migrateV2(Connection c) throws SQLException {
        String fk = null;
        DatabaseMetaData meta = c.getMetaData();
        for (String table : new String[] {TIMELINE, TIMELINE.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getImportedKeys(c.getCatalog(), c.getSchema(), table)) {
                while (fk == null && rs.next()) {
                    if (INCIDENT.equalsIgnoreCase(rs.getString("PKTABLE_NAME"))) {
                        fk = rs.getString("FK_NAME");
                    }
                }
            }
        }
        String script = resource("migrate-v2-to-v3.sql");
        if (fk == null) {
            script = script.replaceAll("(?m)^ALTER TABLE " + TIMELINE + " DROP CONSTRAINT " + V2_TIMELINE_FK + "\\s*$",
                    "");
        } else {
            script = script.replace(V2_TIMELINE_FK, "\"" + fk + "\"");
        }
        runScript(c, script);
    }

    /**
     * Migrates a version 1 or 2 schema to version {@value #SCHEMA_VERSION} in one transaction (on PostgreSQL; H2
     * commits DDL as it goes): incidents stored under version 1 keep every value and read back with no annotations;
     * the due instants and claims of open incidents move to {@code incident4j_due}. Does nothing on a version
     * {@value #SCHEMA_VERSION} schema. The store never migrates on its own: a host stops the instances of the older
     * library and calls this (or runs {@link #migrationScript(int)}) when it upgrades.
     *
     * @return the version found before migrating
     * @throws SchemaVersionException if the version found is not 1 to {@value #SCHEMA_VERSION}
     * @throws JdbcStoreException if there is no incident4j schema
     */
    public int migrateSchema() {
        return transaction("migrating the schema", c -> {
            Integer found = schemaVersion(c);
            if (found == null) {
                throw new JdbcStoreException("no incident4j schema to migrate: call createSchemaIfMissing()", null);
            }
            if (found < 1 || found > SCHEMA_VERSION) {
                throw new SchemaVersionException(found, SCHEMA_VERSION);
            }
            if (found == 1) {
                runScript(c, resource("migrate-v1-to-v2.sql"));
            }
            if (found <= 2) {
                migrateV2(c);
            }
            if (found != SCHEMA_VERSION) {
                LOG.info("migrated incident4j schema from version {} to {}", found, SCHEMA_VERSION);
            }
            return found;
        });
    }

    /**
     * Creates the schema in the data source's current schema if no incident4j schema is there, in one
     * transaction; does nothing if version {@value #SCHEMA_VERSION} is there.
     *
     * @throws SchemaVersionException if another version is there (nothing is changed)
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public void createSchemaIfMissing() {
        try {
            transaction("creating the schema", c -> {
                Integer found = schemaVersion(c);
                if (found == null) {
                    runScript(c, schemaScript());
                    LOG.info("created incident4j schema version {}", SCHEMA_VERSION);
                } else if (found != SCHEMA_VERSION) {
                    throw new SchemaVersionException(found, SCHEMA_VERSION);
                }
                return null;
            });
        } catch (JdbcStoreException e) {
            if (e instanceof SchemaVersionException) {
                throw e;
            }
            // another instance may have created it at the same moment: accept its schema if it is ours
            LOG.debug("schema creation failed; checking whether another instance created it", e);
            checkSchema();
        }
    }

    /**
     * Checks that the schema is there, at version {@value #SCHEMA_VERSION}.
     *
     * @throws SchemaVersionException if another version is there
     * @throws JdbcStoreException if there is no incident4j schema
     */
    public void checkSchema() {
        Integer found = transaction("checking the schema", JdbcIncidentStore::schemaVersion);
        if (found == null) {
            throw new JdbcStoreException("no incident4j schema in the data source's current schema: call "
                    + "createSchemaIfMissing() or run JdbcIncidentStore.schemaScript()", null);
        }
        if (found != SCHEMA_VERSION) {
            throw new SchemaVersionException(found, SCHEMA_VERSION);
        }
    }

    private static @Nullable Integer schemaVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE LOWER(table_name) = 'incident4j_schema_version'"
                + " AND LOWER(table_schema) = LOWER(CURRENT_SCHEMA)"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return null;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM incident4j_schema_version");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<IncidentRecord> load(String id) {
        List<IncidentRecord> found = select("loading incident " + id, " WHERE id = ?", List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public Optional<IncidentRecord> findOpenByKey(String dedupKey) {
        List<IncidentRecord> found = select("finding the open incident with key " + dedupKey,
                " WHERE open_key = ?", List.of(dedupKey));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<IncidentRecord> all() {
        return select("listing incidents", " ORDER BY created_seq", List.of());
    }

    /** Open incidents through the open-key column (NULL once resolved), in insertion order. */
    @Override
    public List<IncidentRecord> findOpen() {
        return select("listing open incidents", " WHERE open_key IS NOT NULL ORDER BY created_seq", List.of());
    }

    /**
     * One page in insertion order: {@code WHERE} open key, service and {@code created_seq} after the cursor's,
     * {@code ORDER BY created_seq LIMIT n}, so only the page's incidents and timelines are read (the service index
     * serves the service filter).
     */
    @Override
    public List<IncidentRecord> find(Query query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<String> params = new ArrayList<>(2);
        if (query.openOnly()) {
            where.append(" AND open_key IS NOT NULL");
        }
        if (query.service() != null) {
            where.append(" AND service = ?");
            params.add(query.service());
        }
        if (query.afterId() != null) {
            where.append(" AND created_seq > (SELECT created_seq FROM " + INCIDENT + " WHERE id = ?)");
            params.add(query.afterId());
        }
        where.append(" ORDER BY created_seq LIMIT ").append(query.limit());
        return select("listing incidents", where.toString(), params);
    }

    @Override
    public long countOpen() {
        return statement("counting open incidents", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + INCIDENT
                    + " WHERE open_key IS NOT NULL"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return statement("finding the next due instant", c -> {
            // When this instance may act on an incident: at its due instant, or when another instance's claim on it
            // lapses. Read in due order, no later incident can come sooner than one whose due instant is reached.
            long best = Long.MAX_VALUE;
            int read = 0;
            try (PreparedStatement ps = c.prepareStatement(NEXT_DUE_FIRST)) {
                ps.setInt(1, NEXT_DUE_ROWS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        long due = rs.getLong(1);
                        if (due >= best) {
                            return Optional.of(instant(best));
                        }
                        String by = rs.getString(2);
                        long until = rs.getLong(3);
                        boolean leased = by != null && !by.equals(instanceId) && !rs.wasNull() && until > due;
                        best = Math.min(best, leased ? until : due);
                    }
                }
            }
            if (read < NEXT_DUE_ROWS) {
                return read == 0 ? Optional.<Instant>empty() : Optional.of(instant(best));
            }
            // every one of the first rows is claimed by another instance for longer: ask for the exact minimum
            try (PreparedStatement ps = c.prepareStatement(NEXT_DUE)) {
                ps.setString(1, instanceId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long ns = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(instant(ns));
                }
            }
        });
    }

    /**
     * Open incidents due at or before {@code at}, earliest first, at most {@code limit}: claimed for this store
     * instance until {@code at} plus the claim lease, so other instances leave them alone meanwhile. On PostgreSQL
     * the lock, the claim and the read of the rows are one statement; timeline rows are read only where this
     * instance does not already hold them.
     */
    @Override
    public List<IncidentRecord> findDue(Instant at, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        long atNs = nanos(at);
        long leaseEnd = nanos(at.plus(claimLease));
        List<IncidentRecord> due;
        if (isPostgres()) {
            due = statement("claiming due incidents", c -> {
                List<Row> rows = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(PG_CLAIM_DUE)) {
                    ps.setString(1, instanceId);
                    ps.setLong(2, leaseEnd);
                    ps.setLong(3, atNs);
                    ps.setString(4, instanceId);
                    ps.setLong(5, atNs);
                    ps.setInt(6, Math.min(limit, PG_CLAIM_ROWS));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(readRow(rs));
                        }
                    }
                }
                return attach(c, rows);
            });
        } else {
            List<String> claimed = transaction("claiming due incidents", c -> claimGeneric(c, atNs, leaseEnd, limit));
            if (claimed.isEmpty()) {
                return List.of();
            }
            due = select("loading due incidents", " WHERE id IN (" + "?, ".repeat(claimed.size() - 1) + "?)", claimed);
        }
        List<IncidentRecord> result = new ArrayList<>(due);
        // keep only what is still due (on other databases another instance may have saved it since the claim)
        result.removeIf(r -> !r.isOpen() || r.nextDueAt() == null || r.nextDueAt().isAfter(at));
        result.sort(Comparator.comparing((IncidentRecord r) -> Objects.requireNonNull(r.nextDueAt()))
                .thenComparing(IncidentRecord::id));
        return result;
    }

    private List<String> claimGeneric(Connection c, long atNs, long leaseEnd, int limit) throws SQLException {
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_DUE)) {
            ps.setLong(1, atNs);
            ps.setString(2, instanceId);
            ps.setLong(3, atNs);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        }
        List<String> won = new ArrayList<>(candidates.size());
        if (candidates.isEmpty()) {
            return won;
        }
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            for (String id : candidates) {
                ps.setString(1, instanceId);
                ps.setLong(2, leaseEnd);
                ps.setString(3, id);
                ps.setString(4, instanceId);
                ps.setLong(5, atNs);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) {
                    won.add(candidates.get(i));
                }
            }
        }
        return won;
    }

    /**
     * Incident rows matching {@code where} (with its parameters), each with its timeline, in row order. No explicit
     * transaction: the rows come from one statement, and each timeline is read up to its row's {@code event_count},
     * which stored rows never change (the timeline is append-only), so the record is that of one version.
     */
    private List<IncidentRecord> select(String what, String where, List<String> params) {
        return statement(what, c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + READ_COLUMNS + " FROM " + INCIDENT + where)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setString(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(readRow(rs));
                    }
                }
            }
            return attach(c, rows);
        });
    }

    /**
     * The records of {@code rows}: a cached record of the same row and version as it is; otherwise the cached
     * timeline (of the same row, an earlier version) with only the rows appended since read, or the whole timeline.
     * A row whose timeline is shorter than its count (the incident was purged meanwhile) is left out.
     */
    private List<IncidentRecord> attach(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        IncidentRecord[] done = new IncidentRecord[rows.size()];
        List<Integer> missing = new ArrayList<>();
        int[] first = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Cached k = cache.get(row.id);
            if (k != null && k.createdSeq == row.createdSeq && k.record.version() <= row.version
                    && k.record.timeline().size() <= row.eventCount) {
                if (k.record.version() == row.version) {
                    done[i] = k.record;
                    continue;
                }
                first[i] = k.record.timeline().size();
            }
            missing.add(i);
        }
        if (!missing.isEmpty()) {
            Map<String, List<IncidentRecord.Event>> events = readEvents(c, rows, missing, first);
            for (int i : missing) {
                Row row = rows.get(i);
                List<IncidentRecord.Event> added = events.getOrDefault(row.id, List.of());
                if (first[i] + added.size() < row.eventCount) {
                    continue; // purged since the row was read
                }
                Cached k = first[i] > 0 ? cache.get(row.id) : null;
                List<IncidentRecord.Event> timeline;
                if (k != null && k.createdSeq == row.createdSeq && k.record.timeline().size() == first[i]) {
                    List<IncidentRecord.Event> all = new ArrayList<>(row.eventCount);
                    all.addAll(k.record.timeline());
                    all.addAll(added.subList(0, row.eventCount - first[i]));
                    timeline = all;
                } else if (first[i] == 0) {
                    timeline = added.subList(0, row.eventCount);
                } else {
                    // the cached entry moved on meanwhile: read this one again in full
                    timeline = readEvents(c, List.of(row), List.of(0), new int[1]).getOrDefault(row.id, List.of());
                    if (timeline.size() < row.eventCount) {
                        continue;
                    }
                    timeline = timeline.subList(0, row.eventCount);
                }
                done[i] = row.toRecord(timeline, k == null ? null : k.record);
                remember(row.createdSeq, done[i]);
            }
        }
        List<IncidentRecord> result = new ArrayList<>(rows.size());
        for (IncidentRecord r : done) {
            if (r != null) {
                result.add(r);
            }
        }
        return result;
    }

    /** Keeps an open record for later reads of the same incident (see {@link #cache}); forgets a resolved one. */
    private void remember(long createdSeq, IncidentRecord r) {
        if (!r.isOpen() || cacheSize == 0) {
            cache.remove(r.id());
            return;
        }
        if (cache.size() >= cacheSize && !cache.containsKey(r.id())) {
            // bounded: drop everything rather than track use; the next reads fill it again
            cache.clear();
        }
        cache.merge(r.id(), new Cached(createdSeq, r), (old, now) -> old.createdSeq == now.createdSeq
                && old.record.version() > now.record.version() ? old : now);
    }

    /** Timeline rows {@code first[i]} .. {@code eventCount - 1} of each row at the indexes {@code which}, by id. */
    private Map<String, List<IncidentRecord.Event>> readEvents(Connection c, List<Row> rows, List<Integer> which,
            int[] first) throws SQLException {
        Map<String, List<IncidentRecord.Event>> byId = new HashMap<>();
        boolean pg = isPostgres();
        boolean few = which.size() <= 200;
        String sql;
        if (pg) {
            sql = PG_EVENTS;
        } else if (few) {
            StringBuilder where = new StringBuilder(" WHERE ");
            for (int n = 0; n < which.size(); n++) {
                where.append(n == 0 ? "" : " OR ").append("(incident_id = ? AND seq >= ? AND seq < ?)");
            }
            sql = SELECT_EVENTS + where + " ORDER BY incident_id, seq";
        } else {
            sql = SELECT_EVENTS + " ORDER BY incident_id, seq";
        }
        Map<String, Integer> from = new HashMap<>();
        for (int i : which) {
            from.put(rows.get(i).id, first[i]);
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (pg) {
                String[] ids = new String[which.size()];
                Integer[] firsts = new Integer[which.size()];
                Integer[] ends = new Integer[which.size()];
                for (int n = 0; n < which.size(); n++) {
                    Row row = rows.get(which.get(n));
                    ids[n] = row.id;
                    firsts[n] = first[which.get(n)];
                    ends[n] = row.eventCount;
                }
                ps.setArray(1, c.createArrayOf("text", ids));
                ps.setArray(2, c.createArrayOf("int4", firsts));
                ps.setArray(3, c.createArrayOf("int4", ends));
            } else if (few) {
                int p = 1;
                for (int i : which) {
                    Row row = rows.get(i);
                    ps.setString(p++, row.id);
                    ps.setInt(p++, first[i]);
                    ps.setInt(p++, row.eventCount);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    Integer start = from.get(id);
                    int seq = rs.getInt(2);
                    if (start == null || seq < start) {
                        continue; // a full scan reads every incident's rows
                    }
                    List<IncidentRecord.Event> list = byId.computeIfAbsent(id, k -> new ArrayList<>());
                    if (seq != start + list.size()) {
                        throw new JdbcStoreException("timeline of incident " + id + " has a gap at row "
                                + (start + list.size()), null);
                    }
                    list.add(new IncidentRecord.Event(instant(rs.getLong(3)), rs.getString(4),
                            kind(id, rs.getString(5)), rs.getString(6), rs.getInt(7), rs.getInt(8),
                            rs.getString(9), rs.getString(10)));
                }
            }
        }
        return byId;
    }

    private static IncidentRecord.EventKind kind(String incidentId, String name) {
        try {
            return IncidentRecord.EventKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new JdbcStoreException("stored incident " + incidentId + " has a timeline row of unknown kind '"
                    + name + "'", e);
        }
    }

    /** One incident row before its timeline is attached. */
    private record Row(String id, long version, long createdSeq, String dedupKey, String service, String summary,
            String severity, boolean highUrgency, @Nullable String category, String labels, String annotations,
            String policy, String status, int level, int pass, int roundStartPass, @Nullable Instant nextDueAt,
            Instant triggeredAt, @Nullable Instant acknowledgedAt, @Nullable Instant resolvedAt,
            @Nullable String assignee, long alertCount, Instant lastSeenAt, int eventCount) {

        /** The record, reusing the alert and policy of an earlier version of the same row when there is one. */
        IncidentRecord toRecord(List<IncidentRecord.Event> timeline, @Nullable IncidentRecord earlier) {
            try {
                IncidentRecord.Origin origin = earlier != null ? earlier.origin()
                        : new IncidentRecord.Origin(dedupKey, service, summary, severity, highUrgency, category,
                                TextForm.parseLabels(labels), TextForm.parseLabels(annotations));
                return new IncidentRecord(id, version, origin,
                        earlier != null ? earlier.policy() : TextForm.parsePolicy(policy),
                        IncidentRecord.Status.valueOf(status), level, pass, roundStartPass, nextDueAt, triggeredAt,
                        acknowledgedAt, resolvedAt, assignee, alertCount, lastSeenAt, timeline);
            } catch (IllegalArgumentException | java.time.DateTimeException | ValidationException e) {
                throw new JdbcStoreException("stored incident " + id + " cannot be read: " + e.getMessage(), e);
            }
        }
    }

    private static Row readRow(ResultSet rs) throws SQLException {
        return new Row(rs.getString("id"), rs.getLong("version"), rs.getLong("created_seq"), rs.getString("dedup_key"),
                rs.getString("service"), rs.getString("summary"), rs.getString("severity"),
                rs.getBoolean("high_urgency"), rs.getString("category"), rs.getString("labels"),
                rs.getString("annotations"), rs.getString("policy"), rs.getString("status"),
                rs.getInt("level"), rs.getInt("pass"), rs.getInt("round_start_pass"),
                nullableInstant(rs, "next_due_ns"), instant(rs.getLong("triggered_ns")),
                nullableInstant(rs, "acknowledged_ns"), nullableInstant(rs, "resolved_ns"), rs.getString("assignee"),
                rs.getLong("alert_count"), instant(rs.getLong("last_seen_ns")), rs.getInt("event_count"));
    }

    // ---------------------------------------------------------------- writes

    /**
     * Saves a whole record: the row is locked and its version and timeline length checked, then updated, and the
     * timeline rows not yet stored appended, in one transaction. The engine saves its steps through
     * {@link #save(IncidentRecord.Changes)}, which is cheaper.
     *
     * @throws StoreRefusedException if a text breaks the {@link StoredText} contract (nothing is written)
     */
    @Override
    public IncidentRecord save(IncidentRecord record) {
        Objects.requireNonNull(record, "record");
        StoredText.check(record, null);
        IncidentRecord saved = record.withVersion(record.version() + 1);
        long createdSeq;
        try {
            createdSeq = transactionRaw(c -> {
                if (record.version() == 0) {
                    insert(c, saved);
                } else {
                    update(c, record, saved);
                }
                return createdSeqOf(c, saved.id());
            });
        } catch (SQLException e) {
            throw saveFailure(record, e);
        }
        remember(createdSeq, saved);
        return saved;
    }

    /**
     * Saves a step: on PostgreSQL in one statement (one round trip: the version and timeline-length check, the
     * changed columns and the new timeline rows, through a data-modifying {@code WITH}); elsewhere an update of the
     * changed columns and a batch of the new rows in one transaction. Only the new rows are sent: the stored ones
     * are those of the base's version.
     *
     * @throws StoreRefusedException if a new text breaks the {@link StoredText} contract (nothing is written)
     */
    @Override
    public IncidentRecord save(IncidentRecord.Changes changes) {
        IncidentRecord base = changes.base();
        IncidentRecord saved = changes.buildNextVersion();
        StoredText.check(saved, base.version() == 0 ? null : base);
        int from = base.version() == 0 ? 0 : base.timeline().size();
        long createdSeq;
        try {
            if (isPostgres()) {
                createdSeq = statementRaw(c -> pgSave(c, base, saved, from));
            } else if (base.version() == 0) {
                createdSeq = transactionRaw(c -> {
                    insert(c, saved);
                    return createdSeqOf(c, saved.id());
                });
            } else {
                createdSeq = transactionRaw(c -> {
                    try (PreparedStatement ps = c.prepareStatement(STEP_UPDATE)) {
                        int next = bindStep(ps, saved);
                        ps.setString(next, base.id());
                        ps.setLong(next + 1, base.version());
                        ps.setInt(next + 2, from);
                        if (ps.executeUpdate() != 1) {
                            throw notSaved(c, base);
                        }
                    }
                    writeDue(c, saved);
                    appendEvents(c, saved, from);
                    return createdSeqOf(c, saved.id());
                });
            }
        } catch (SQLException e) {
            throw saveFailure(base, e);
        }
        remember(createdSeq, saved);
        return saved;
    }

    /** The PostgreSQL step or insert: one statement; returns the row's {@code created_seq}. */
    private long pgSave(Connection c, IncidentRecord base, IncidentRecord saved, int from) throws SQLException {
        boolean insert = base.version() == 0;
        Long due = dueNanos(saved);
        int rows = saved.timeline().size() - from;
        try (PreparedStatement ps = c.prepareStatement(
                (insert ? PG_INSERT : PG_STEP)[due != null ? 0 : 1][Math.min(rows, VALUES_ROWS + 1)])) {
            int next;
            if (insert) {
                next = bindWritten(ps, saved);
                ps.setString(next++, saved.id());
                ps.setLong(next++, saved.version());
            } else {
                next = bindStep(ps, saved);
                ps.setString(next++, base.id());
                ps.setLong(next++, base.version());
                ps.setInt(next++, from);
            }
            if (due != null) {
                ps.setLong(next++, due);
            }
            if (rows > VALUES_ROWS) {
                bindEventArrays(c, ps, next, saved, from);
            } else {
                bindEventValues(ps, next, saved, from);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw notSaved(c, base);
                }
                return rs.getLong(1);
            }
        }
    }

    /** The instant the due table holds for a saved record: its next step's, while it is open; else none. */
    private static @Nullable Long dueNanos(IncidentRecord r) {
        Instant due = r.nextDueAt();
        return r.isOpen() && due != null ? nanos(due) : null;
    }

    /**
     * Other databases: the due row of a saved record, in the save's transaction (which holds the incident row's lock,
     * so no other save writes this row meanwhile): set with no claim, or deleted.
     */
    private static void writeDue(Connection c, IncidentRecord saved) throws SQLException {
        Long due = dueNanos(saved);
        if (due == null) {
            try (PreparedStatement ps = c.prepareStatement(DUE_DELETE)) {
                ps.setString(1, saved.id());
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(DUE_UPDATE)) {
            ps.setLong(1, due);
            ps.setString(2, saved.id());
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(DUE_INSERT)) {
            ps.setString(1, saved.id());
            ps.setLong(2, due);
            ps.executeUpdate();
        }
    }

    /** Why a version-checked step changed no row: a conflict, or a base whose timeline is not the stored one. */
    private static RuntimeException notSaved(Connection c, IncidentRecord base) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(VERSION_OF)) {
            ps.setString(1, base.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new StoreConflictException(base.id(), base.version(), -1);
                }
                if (rs.getLong(1) != base.version()) {
                    return new StoreConflictException(base.id(), base.version(), rs.getLong(1));
                }
                return new IllegalArgumentException("incident " + base.id() + ": the timeline is append-only, but the"
                        + " record read holds " + base.timeline().size() + " events and the store " + rs.getInt(2));
            }
        }
    }

    private static long createdSeqOf(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CREATED_SEQ_OF)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** The store's exception for a failed save: a duplicate open key or a taken id, or as {@link #translate}. */
    private RuntimeException saveFailure(IncidentRecord record, SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            return refusal(record);
        }
        return translate("saving incident " + record.id(), e);
    }

    private static void insert(Connection c, IncidentRecord saved) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            int next = bindWritten(ps, saved);
            ps.setString(next, saved.id());
            ps.setLong(next + 1, saved.version());
            ps.executeUpdate();
        }
        writeDue(c, saved);
        appendEvents(c, saved, 0);
    }

    private static void update(Connection c, IncidentRecord record, IncidentRecord saved) throws SQLException {
        int stored;
        try (PreparedStatement ps = c.prepareStatement(LOCK_FOR_SAVE)) {
            ps.setString(1, record.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreConflictException(record.id(), record.version(), -1);
                }
                if (rs.getLong(1) != record.version()) {
                    throw new StoreConflictException(record.id(), record.version(), rs.getLong(1));
                }
                stored = rs.getInt(2);
            }
        }
        if (record.timeline().size() < stored) {
            throw new IllegalArgumentException("incident " + record.id() + ": the timeline is append-only, but the"
                    + " record holds " + record.timeline().size() + " events and the store " + stored);
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            int next = bindWritten(ps, saved);
            ps.setLong(next, saved.version());
            ps.setString(next + 1, record.id());
            ps.setLong(next + 2, record.version());
            if (ps.executeUpdate() != 1) {
                throw new StoreConflictException(record.id(), record.version(), -1);
            }
        }
        writeDue(c, saved);
        appendEvents(c, saved, stored);
    }

    /** Binds the {@link #STEP_COLUMNS} and the new version from 1; returns the next parameter index. */
    private static int bindStep(PreparedStatement ps, IncidentRecord r) throws SQLException {
        int i = 1;
        ps.setString(i++, r.isOpen() ? r.dedupKey() : null);
        ps.setString(i++, r.status().name());
        ps.setInt(i++, r.level());
        ps.setInt(i++, r.pass());
        ps.setInt(i++, r.roundStartPass());
        setInstant(ps, i++, r.nextDueAt());
        setInstant(ps, i++, r.acknowledgedAt());
        setInstant(ps, i++, r.resolvedAt());
        ps.setString(i++, r.assignee());
        ps.setInt(i++, r.timeline().size());
        ps.setLong(i++, r.version());
        return i;
    }

    /** Binds timeline rows {@code from} .. end as rows of {@link #EVENT_VALUES}, from {@code index}. */
    private static void bindEventValues(PreparedStatement ps, int index, IncidentRecord r, int from)
            throws SQLException {
        int i = index;
        for (int seq = from; seq < r.timeline().size(); seq++) {
            i = bindEvent(ps, i, seq, r.timeline().get(seq));
        }
    }

    /** Binds one timeline row's columns after {@code incident_id} ({@link #EVENT_COLUMNS}); returns the next index. */
    private static int bindEvent(PreparedStatement ps, int index, int seq, IncidentRecord.Event e) throws SQLException {
        int i = index;
        ps.setInt(i++, seq);
        ps.setLong(i++, nanos(e.at()));
        ps.setString(i++, e.actor());
        ps.setString(i++, e.kind().name());
        ps.setString(i++, e.recipient());
        ps.setInt(i++, e.level());
        ps.setInt(i++, e.pass());
        ps.setString(i++, e.response());
        ps.setString(i++, e.detail());
        return i;
    }

    /** Binds timeline rows {@code from} .. end as the nine arrays of {@link #UNNEST_EVENTS}, from {@code index}. */
    private static void bindEventArrays(Connection c, PreparedStatement ps, int index, IncidentRecord r, int from)
            throws SQLException {
        int n = r.timeline().size() - from;
        Integer[] seq = new Integer[n];
        Long[] at = new Long[n];
        String[] actor = new String[n];
        String[] type = new String[n];
        String[] recipient = new String[n];
        Integer[] level = new Integer[n];
        Integer[] pass = new Integer[n];
        String[] response = new String[n];
        String[] detail = new String[n];
        for (int k = 0; k < n; k++) {
            IncidentRecord.Event e = r.timeline().get(from + k);
            seq[k] = from + k;
            at[k] = nanos(e.at());
            actor[k] = e.actor();
            type[k] = e.kind().name();
            recipient[k] = e.recipient();
            level[k] = e.level();
            pass[k] = e.pass();
            response[k] = e.response();
            detail[k] = e.detail();
        }
        Array[] arrays = {c.createArrayOf("int4", seq), c.createArrayOf("int8", at), c.createArrayOf("text", actor),
            c.createArrayOf("text", type), c.createArrayOf("text", recipient), c.createArrayOf("int4", level),
            c.createArrayOf("int4", pass), c.createArrayOf("text", response), c.createArrayOf("text", detail)};
        for (Array a : arrays) {
            ps.setArray(index++, a);
        }
    }

    /** Binds the {@link #WRITTEN} columns from 1; returns the next parameter index. */
    private static int bindWritten(PreparedStatement ps, IncidentRecord r) throws SQLException {
        int i = 1;
        ps.setString(i++, r.dedupKey());
        ps.setString(i++, r.isOpen() ? r.dedupKey() : null);
        ps.setString(i++, r.service());
        ps.setString(i++, r.summary());
        ps.setString(i++, r.severity());
        ps.setBoolean(i++, r.highUrgency());
        ps.setString(i++, r.category());
        ps.setString(i++, TextForm.labels(r.labels()));
        ps.setString(i++, TextForm.labels(r.annotations()));
        ps.setString(i++, TextForm.policy(r.policy()));
        ps.setString(i++, r.status().name());
        ps.setInt(i++, r.level());
        ps.setInt(i++, r.pass());
        ps.setInt(i++, r.roundStartPass());
        setInstant(ps, i++, r.nextDueAt());
        setInstant(ps, i++, r.triggeredAt());
        setInstant(ps, i++, r.acknowledgedAt());
        setInstant(ps, i++, r.resolvedAt());
        ps.setString(i++, r.assignee());
        ps.setLong(i++, r.alertCount());
        setInstant(ps, i++, r.lastSeenAt());
        ps.setInt(i++, r.timeline().size());
        return i;
    }

    private static void appendEvents(Connection c, IncidentRecord r, int from) throws SQLException {
        if (from >= r.timeline().size()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            for (int seq = from; seq < r.timeline().size(); seq++) {
                ps.setString(1, r.id());
                bindEvent(ps, 2, seq, r.timeline().get(seq));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** What a unique violation on save meant: the id is taken (a conflict) or the open key is (a duplicate). */
    private Incident4jException refusal(IncidentRecord record) {
        if (record.version() == 0) {
            Optional<IncidentRecord> existing = load(record.id());
            if (existing.isPresent()) {
                return new StoreConflictException(record.id(), 0, existing.get().version());
            }
        }
        String holder = transaction("finding the holder of key " + record.dedupKey(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + INCIDENT + " WHERE open_key = ?")) {
                ps.setString(1, record.dedupKey());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "(an incident resolved since)";
                }
            }
        });
        return new DuplicateOpenIncidentException(record.dedupKey(), holder, record.id());
    }

    // ---------------------------------------------------------------- retention

    /**
     * Deletes resolved incidents (with their timelines) resolved before {@code cutoff}, oldest first, in
     * transactions of at most {@code batchSize} incidents, so a large purge never holds long locks. Open
     * incidents are never deleted. Several instances may purge at once (claimed rows are skipped).
     *
     * @return how many incidents were deleted
     * @throws ValidationException if {@code batchSize} is not positive
     */
    public int purgeResolvedBefore(Instant cutoff, int batchSize) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (batchSize < 1) {
            throw ValidationException.of("batchSize", batchSize, "must be 1 or more");
        }
        long cutoffNs = nanos(cutoff);
        int total = 0;
        while (true) {
            int deleted = transaction("purging resolved incidents", c -> {
                List<String> ids = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(SELECT_PURGEABLE)) {
                    ps.setLong(1, cutoffNs);
                    ps.setInt(2, batchSize);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    return 0;
                }
                // the rows are locked and resolved: their timelines go with them (no foreign key does it), and a
                // due row, which a resolved incident never has, is deleted all the same
                for (String table : new String[] {INCIDENT, TIMELINE, DUE}) {
                    String key = table.equals(INCIDENT) ? "id" : "incident_id";
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + key + " = ?")) {
                        for (String id : ids) {
                            ps.setString(1, id);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                return ids.size();
            });
            total += deleted;
            LOG.debug("purged {} resolved incidents (total {})", deleted, total);
            if (deleted < batchSize) {
                return total;
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T transaction(String what, Work<T> work) {
        try {
            return transactionRaw(work);
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    private <T> T transactionRaw(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            return commitOrRollback(c, work);
        }
    }

    /** Runs {@code work} on {@code c}, not in auto-commit: commits if it returns, rolls back if it throws. */
    private static <T> T commitOrRollback(Connection c, Work<T> work) throws SQLException {
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }

    /**
     * Runs {@code work} as it comes: a single statement commits on its own (no {@code BEGIN}/{@code COMMIT} round
     * trips) on a connection in auto-commit mode, the pools' default; on one that is not, it is committed here.
     */
    private <T> T statement(String what, Work<T> work) {
        try {
            return statementRaw(work);
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    private <T> T statementRaw(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (postgres == null) {
                postgres = isPostgres(c);
            }
            if (c.getAutoCommit()) {
                return work.run(c);
            }
            return commitOrRollback(c, work);
        }
    }

    private static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    /** Whether the database is PostgreSQL: asked of the first connection, once. */
    private boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = statement("finding the database product", c -> postgres);
        }
        return known;
    }

    /**
     * The store's exception for a driver's: unavailable (retry later), refused (the same save fails again: a
     * data exception, SQLState class 22, such as a NUL in text or a value too long; an integrity violation, class 23,
     * other than a duplicate key; a program limit, class 54, such as an index row too large), or a plain store
     * failure.
     */
    static Incident4jException translate(String what, SQLException e) {
        if (isUnavailable(e)) {
            return new StoreUnavailableException("incident store unavailable while " + what + ": " + e.getMessage(), e);
        }
        if (isRefusal(e)) {
            return new StoreRefusedException("incident store refused " + what + " (SQLState " + e.getSQLState()
                    + "): " + io.github.incident4j.common.Text.shown(String.valueOf(e.getMessage())), e);
        }
        String state = e.getSQLState();
        String hint = state != null && state.startsWith("42")
                ? " (is the schema there? call createSchemaIfMissing())" : "";
        return new JdbcStoreException("incident store failed while " + what + ": " + e.getMessage() + hint, e);
    }

    /**
     * Connection trouble, by JDBC exception class or SQLState: class 08 (connection exception), 53 (insufficient
     * resources), 57P01-57P03 (PostgreSQL shutting down or starting), 40 (serialization failure, deadlock),
     * and H2's 90067 (connection broken), 90098 (database closed), 90121 (closed at VM shutdown).
     */
    static boolean isUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String s = sql.getSQLState();
                if (s.startsWith("08") || s.startsWith("53") || s.startsWith("57P") || s.startsWith("40")
                        || s.equals("90067") || s.equals("90098") || s.equals("90121")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A failure that retrying the same statement cannot remove: SQLState classes 22, 23 (but 23505) and 54. */
    static boolean isRefusal(SQLException e) {
        String s = e.getSQLState();
        return s != null && (s.startsWith("22") || (s.startsWith("23") && !s.equals("23505")) || s.startsWith("54"));
    }

    /** Nanoseconds since the epoch: exact for instants from 1677-09-21 to 2262-04-11. */
    static long nanos(Instant at) {
        try {
            return Math.addExact(Math.multiplyExact(at.getEpochSecond(), NANOS), at.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant " + at + " is outside what the JDBC store holds "
                    + "(1677-09-21 .. 2262-04-11)", e);
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
    }

    private static void setInstant(PreparedStatement ps, int index, @Nullable Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, nanos(at));
        }
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        long ns = rs.getLong(column);
        return rs.wasNull() ? null : instant(ns);
    }

    /** Builds a {@link JdbcIncidentStore}; see {@link JdbcIncidentStore#on(DataSource)}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String instanceId = UUID.randomUUID().toString();
        private Duration claimLease = Duration.ofSeconds(30);
        private int cacheSize = 10_000;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The id this instance claims due incidents with (at most 100 characters); default a random UUID. */
        public Builder instanceId(String value) {
            this.instanceId = Objects.requireNonNull(value, "instanceId");
            return this;
        }

        /**
         * How long a claim on a due incident keeps other instances away when this instance neither saves the
         * incident nor claims it again (it died mid-step, say); default 30s.
         */
        public Builder claimLease(Duration value) {
            this.claimLease = Objects.requireNonNull(value, "claimLease");
            return this;
        }

        /**
         * How many open incidents this store instance remembers as last read or written (default 10,000), so that a
         * read of an incident it knows re-reads only the timeline rows appended since, and parses its alert and
         * policy once. Every read still asks the database for the incident's current row: the remembered record is
         * used only when the row says it is still current. 0 turns it off.
         */
        public Builder cacheSize(int value) {
            this.cacheSize = value;
            return this;
        }

        /**
         * Builds the store (no connection is made: call {@link JdbcIncidentStore#createSchemaIfMissing()} or
         * {@link JdbcIncidentStore#checkSchema()} before use).
         *
         * @throws ValidationException listing every bad setting
         */
        public JdbcIncidentStore build() {
            Problems p = new Problems();
            p.check(!instanceId.isBlank() && instanceId.length() <= 100, "instanceId", instanceId,
                    "must be 1 to 100 characters");
            p.check(!claimLease.isNegative() && !claimLease.isZero(), "claimLease", claimLease,
                    "must be greater than zero");
            p.check(cacheSize >= 0, "cacheSize", cacheSize, "must be 0 or more");
            p.throwIfAny("JDBC incident store");
            return new JdbcIncidentStore(this);
        }
    }
}
