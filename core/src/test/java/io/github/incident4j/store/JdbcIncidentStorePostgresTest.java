package io.github.incident4j.store;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("JDBC incident store on PostgreSQL")
class JdbcIncidentStorePostgresTest extends JdbcIncidentStoreBehaviour {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    @Override
    protected DataSource freshDatabase() {
        return POSTGRES.freshDatabase();
    }
}
