/**
 * The plug-in interfaces through which a host supplies paging, storage, timers, cluster access, dependency
 * probes, metrics, fault injection and approvals. Each has an embedded default in {@code store} or {@code sim}.
 */
@NullMarked
package io.github.incident4j.spi;

import org.jspecify.annotations.NullMarked;
