/**
 * Compatibility kits for the SPIs, shipped in core's test-jar: abstract JUnit classes an implementation
 * extends with a few fixture hooks, so the embedded defaults, the Kubernetes adapter and a host's own
 * implementations are held to one contract. Entry points:
 * {@link io.github.incident4j.spi.kit.ClusterOperationsCompatibilityKit} and
 * {@link io.github.incident4j.spi.kit.IncidentStoreCompatibilityKit}.
 */
@NullMarked
package io.github.incident4j.spi.kit;

import org.jspecify.annotations.NullMarked;
