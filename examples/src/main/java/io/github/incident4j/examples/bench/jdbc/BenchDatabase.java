package io.github.incident4j.examples.bench.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One embedded PostgreSQL for one trial (zonky's defaults: PostgreSQL 17, fsync on, {@code synchronous_commit}
 * off), with one schema per benchmark and HikariCP pools on it, as the hosts of a service would have: each service
 * instance its own pool. Closing it closes the pools and stops the server.
 */
final class BenchDatabase implements AutoCloseable {

    private final EmbeddedPostgres server;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private BenchDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server (initdb in a temporary directory). */
    static BenchDatabase start() {
        try {
            return new BenchDatabase(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    /** Runs statements on the {@code postgres} database, outside any schema of ours (e.g. to create one). */
    void execute(String... sql) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + String.join("; ", sql), e);
        }
    }

    /**
     * A HikariCP pool of {@code size} connections (opened at once) whose connections work in {@code schema}
     * (created if missing). Auto-commit on, Hikari's default.
     */
    HikariDataSource pool(String schema, String name, int size) {
        execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        HikariConfig config = new HikariConfig();
        config.setDataSource(server.getDatabase("postgres", "postgres", Map.of("currentSchema", schema)));
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        HikariDataSource pool = new HikariDataSource(config);
        synchronized (pools) {
            pools.add(pool);
        }
        return pool;
    }

    @Override
    public void close() {
        synchronized (pools) {
            pools.forEach(HikariDataSource::close);
            pools.clear();
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        }
    }
}
