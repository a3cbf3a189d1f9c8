package io.github.incident4j.examples.bench.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Benchmark 7, row 3, the floor: bare read-modify-write transactions per second on the same kind of PostgreSQL, one
 * JMH thread per instance, each with its own HikariCP pool: {@code SELECT v ... FOR UPDATE} of one of 1,000 rows
 * (random, so instances rarely wait for each other), {@code UPDATE ... SET v = v + 1}, {@code COMMIT}. What any
 * durable step must at least do, with nothing else: no timeline, no claim, no index but the primary key.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FloorBench {

    static final int ROWS = 1_000;

    /** The database and a pool per instance. */
    @State(Scope.Benchmark)
    public static class World {
        /** Instances (threads, each with its own pool). */
        @Param({"1", "2", "4"})
        public int instances = 1;

        BenchDatabase database;
        DataSource[] pools;

        @Setup(Level.Trial)
        public void start(BenchmarkParams params) throws SQLException {
            if (params.getThreads() != instances) {
                throw new IllegalStateException("run with as many threads as instances (-t " + instances + ")");
            }
            database = BenchDatabase.start();
            pools = new DataSource[instances];
            for (int i = 0; i < instances; i++) {
                pools[i] = database.pool("floor", "floor-" + i, 1);
            }
            try (Connection c = pools[0].getConnection(); var s = c.createStatement()) {
                s.execute("CREATE TABLE floor_rows (id INTEGER PRIMARY KEY, v BIGINT NOT NULL)");
                s.execute("INSERT INTO floor_rows SELECT g, 0 FROM generate_series(1, " + ROWS + ") g");
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            database.close();
        }
    }

    /** The calling thread's pool and random rows. */
    @State(Scope.Thread)
    public static class Driver {
        DataSource pool;
        final SplittableRandom random = new SplittableRandom(42);

        @Setup(Level.Trial)
        public void pick(World world, ThreadParams thread) {
            pool = world.pools[thread.getThreadIndex()];
        }
    }

    @Benchmark
    public long readModifyWrite(Driver d) throws SQLException {
        int id = 1 + d.random.nextInt(ROWS);
        try (Connection c = d.pool.getConnection()) {
            c.setAutoCommit(false);
            long v;
            try (PreparedStatement ps = c.prepareStatement("SELECT v FROM floor_rows WHERE id = ? FOR UPDATE")) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    v = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE floor_rows SET v = ? WHERE id = ?")) {
                ps.setLong(1, v + 1);
                ps.setInt(2, id);
                ps.executeUpdate();
            }
            c.commit();
            return v;
        }
    }
}
