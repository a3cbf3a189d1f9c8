/**
 * Implementations of the {@code IncidentStore} SPI: in memory (the embedded default) and JDBC.
 */
@NullMarked
package io.github.incident4j.store;

import org.jspecify.annotations.NullMarked;
