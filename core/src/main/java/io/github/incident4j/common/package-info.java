/**
 * Shared values of the domain: {@link io.github.incident4j.common.Quantity} (a value with a unit),
 * {@link io.github.incident4j.common.Condition} ("error rate > 5% for 5m"), {@link io.github.incident4j.common.Finding}
 * (a lint result) and {@link io.github.incident4j.common.Durations} (the "15m", "1h30m" duration syntax).
 */
@NullMarked
package io.github.incident4j.common;

import org.jspecify.annotations.NullMarked;
