package io.github.incident4j.store;

import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JDBC incident store on H2 in PostgreSQL mode")
class JdbcIncidentStoreH2Test extends JdbcIncidentStoreBehaviour {

    @Override
    protected DataSource freshDatabase() {
        return TestDatabases.freshH2();
    }
}
