-- incident4j JDBC store: migrates schema version 1 to version 2, in one transaction
-- (JdbcIncidentStore.migrateSchema(), or run it in your own migrations). Version 2 stores the alert's
-- annotations; incidents stored under version 1 read back with none. Statements are separated by lines holding
-- only ';'.

ALTER TABLE incident4j_incident ADD COLUMN annotations VARCHAR NOT NULL DEFAULT ''
;
CREATE INDEX incident4j_incident_service ON incident4j_incident (service, created_seq)
;
INSERT INTO incident4j_schema_version (version, description) VALUES (2, 'incident4j JDBC store schema v2')
;
