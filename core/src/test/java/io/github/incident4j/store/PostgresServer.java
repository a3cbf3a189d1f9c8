package io.github.incident4j.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL server per test class ({@code @RegisterExtension static final PostgresServer PG = ...}),
 * handing out a fresh database per test.
 */
final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = TestDatabases.startPostgres();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.close();
    }

    /** A new, empty schema on the server. */
    DataSource freshDatabase() {
        return TestDatabases.freshPostgres(server);
    }
}
