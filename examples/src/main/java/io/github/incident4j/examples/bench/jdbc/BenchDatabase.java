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

    /** Whether servers started from now on load {@code pg_stat_statements} (for {@link ServerProfile}). */
    static volatile boolean statementStats;

    private final EmbeddedPostgres server;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private BenchDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server (initdb in a temporary directory). */
    static BenchDatabase start() {
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder();
            // -Dbench.pg="name=value,name=value": server settings for an experiment (none in the committed runs)
            for (String setting : System.getProperty("bench.pg", "").split(",")) {
                if (setting.contains("=")) {
                    b.setServerConfig(setting.substring(0, setting.indexOf('=')).strip(),
                            setting.substring(setting.indexOf('=') + 1).strip());
                }
            }
            if (statementStats) {
                b.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track", "all")
                        .setServerConfig("pg_stat_statements.track_planning", "on");
            }
            BenchDatabase db = new BenchDatabase(b.start());
            if (statementStats) {
                db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            return db;
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

    /** Forgets the statement statistics gathered so far. */
    void resetStatementStats() {
        execute("SELECT pg_stat_statements_reset()");
    }

    /**
     * The statements the server executed since the last reset, most time first: calls, total time in milliseconds
     * inside the server (planning and execution: index upkeep and triggers included; parsing and commits not), the
     * text, and the planning part of the time.
     */
    List<Object[]> statementStats() {
        List<Object[]> out = new ArrayList<>();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT calls, total_exec_time + total_plan_time, query,"
                        + " total_plan_time FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'"
                        + " ORDER BY 2 DESC")) {
            while (rs.next()) {
                out.add(new Object[] {rs.getLong(1), rs.getDouble(2), rs.getString(3), rs.getDouble(4)});
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_statements", e);
        }
        return out;
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
