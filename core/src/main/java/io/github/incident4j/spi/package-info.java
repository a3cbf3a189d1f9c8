/**
 * The plug-in interfaces through which a host supplies paging, storage, timers, cluster access, dependency
 * probes, metrics, fault injection and approvals. Each has an embedded default in {@code store} or {@code sim}.
 * {@link io.github.incident4j.spi.KubectlPodStatus} computes a pod's STATUS and RESTARTS the way kubectl prints
 * them, for every {@link io.github.incident4j.spi.ClusterOperations} implementation.
 */
@NullMarked
package io.github.incident4j.spi;

import org.jspecify.annotations.NullMarked;
