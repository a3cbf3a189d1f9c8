/**
 * Implementations of the {@code IncidentStore} SPI: {@link io.github.incident4j.store.InMemoryIncidentStore}
 * (the embedded default) and {@link io.github.incident4j.store.JdbcIncidentStore} (PostgreSQL, or H2 in
 * PostgreSQL mode, for several service instances sharing one escalation engine). The only package that touches
 * {@code java.sql}.
 */
@NullMarked
package io.github.incident4j.store;

import org.jspecify.annotations.NullMarked;
