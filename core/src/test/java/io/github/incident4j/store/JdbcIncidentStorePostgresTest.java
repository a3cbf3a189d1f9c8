package io.github.incident4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.spi.StoreRefusedException;
import io.github.incident4j.spi.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
