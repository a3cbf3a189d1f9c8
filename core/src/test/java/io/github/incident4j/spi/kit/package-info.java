/**
 * Compatibility kits for the SPIs, shipped in core's test-jar: abstract JUnit classes an implementation
 * extends with a few fixture hooks, so the simulation, the Kubernetes adapter and a host's own
 * implementation are held to one contract. Entry point: {@link io.github.incident4j.spi.kit.ClusterOperationsCompatibilityKit}.
 */
@NullMarked
package io.github.incident4j.spi.kit;

import org.jspecify.annotations.NullMarked;
