package io.github.incident4j.reliability;

import io.github.incident4j.store.JdbcIncidentStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/** Fresh JDBC stores on private in-memory H2 databases (PostgreSQL mode), schema created. */
final class H2Stores {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private H2Stores() {
    }

    static JdbcIncidentStore fresh(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + "_" + COUNTER.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        JdbcIncidentStore store = JdbcIncidentStore.on(h2).instanceId(name).build();
        store.createSchemaIfMissing();
        return store;
    }
}
