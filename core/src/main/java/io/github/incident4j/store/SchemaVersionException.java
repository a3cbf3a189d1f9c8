package io.github.incident4j.store;

/**
 * The database holds an incident4j schema of another version than the one this library uses. The store never
 * alters a schema silently: migrate it (or point the store at another schema) before starting.
 */
public class SchemaVersionException extends JdbcStoreException {

    private static final long serialVersionUID = 1L;

    private final int found;
    private final int expected;

    /** Creates the exception. */
    public SchemaVersionException(int found, int expected) {
        super("the database holds incident4j schema version " + found + " but this library uses version "
                + expected + "; migrate the schema (JdbcIncidentStore.migrateSchema() or migrationScript(); the store"
                + " never alters it on its own)", null);
        this.found = found;
        this.expected = expected;
    }

    /** The version found in {@code incident4j_schema_version}. */
    public int found() {
        return found;
    }

    /** The version this library uses. */
    public int expected() {
        return expected;
    }
}
