package io.github.incident4j.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Fresh, empty databases for the JDBC store tests: PostgreSQL (one server per test class) and H2. */
final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabases() {
    }

    /** Starts an embedded PostgreSQL server (initdb in a temporary directory). */
    static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /**
     * A new, empty schema on the server's {@code postgres} database, and a data source whose connections use it
     * (a schema is much cheaper to create than a database; the store works in the connection's current schema).
     */
    static DataSource freshPostgres(EmbeddedPostgres pg) {
        String name = "incident4j_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + name, e);
        }
        return pg.getDatabase("postgres", "postgres", Map.of("currentSchema", name));
    }

    /** A new, empty in-memory H2 database in PostgreSQL mode. */
    static DataSource freshH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:incident4j_" + COUNTER.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** A store on the data source with its schema created. */
    static JdbcIncidentStore storeOn(DataSource ds, String instanceId) {
        JdbcIncidentStore store = JdbcIncidentStore.on(ds).instanceId(instanceId).build();
        store.createSchemaIfMissing();
        return store;
    }
}
