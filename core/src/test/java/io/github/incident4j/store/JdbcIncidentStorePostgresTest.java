package io.github.incident4j.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JDBC incident store on PostgreSQL")
class JdbcIncidentStorePostgresTest extends JdbcIncidentStoreBehaviour {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = TestDatabases.startPostgres();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    protected DataSource freshDatabase() {
        return TestDatabases.freshPostgres(postgres);
    }
}
