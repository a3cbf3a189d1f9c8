-- incident4j JDBC store: migrates schema version 2 to version 3, in one transaction
-- (JdbcIncidentStore.migrateSchema(), or run it in your own migrations). Stop every instance of the older library
-- first: version 2 code claims due incidents through columns this script moves. The due instants and claims of open
-- incidents move to incident4j_due; the timeline's foreign key goes (the store deletes timelines itself), under the
-- name PostgreSQL gives the unnamed key of schema-v2.sql (migrateSchema() looks the name up). Statements are
-- separated by lines holding only ';'.

CREATE TABLE incident4j_due (
    incident_id      VARCHAR(100) NOT NULL PRIMARY KEY,
    next_due_ns      BIGINT       NOT NULL,
    claimed_by       VARCHAR(100) NULL,
    claimed_until_ns BIGINT       NULL
)
;
CREATE INDEX incident4j_due_at ON incident4j_due (next_due_ns)
;
INSERT INTO incident4j_due (incident_id, next_due_ns, claimed_by, claimed_until_ns)
SELECT id, next_due_ns, claimed_by, claimed_until_ns FROM incident4j_incident
WHERE open_key IS NOT NULL AND next_due_ns IS NOT NULL
;
DROP INDEX incident4j_incident_due
;
ALTER TABLE incident4j_incident DROP COLUMN claimed_by
;
ALTER TABLE incident4j_incident DROP COLUMN claimed_until_ns
;
ALTER TABLE incident4j_timeline DROP CONSTRAINT incident4j_timeline_incident_id_fkey
;
-- PostgreSQL only: room on each page for the new row version of a step, so the update stays HOT
ALTER TABLE incident4j_incident SET (fillfactor = 80)
;
INSERT INTO incident4j_schema_version (version, description) VALUES (3, 'incident4j JDBC store schema v3')
;
