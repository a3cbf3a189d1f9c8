/**
 * Compatibility kits for the SPIs, shipped in core's test-jar: abstract JUnit classes an implementation
 * extends to prove it behaves as the engine expects ({@link io.github.incident4j.spi.kit.IncidentStoreCompatibilityKit}).
 */
@NullMarked
package io.github.incident4j.spi.kit;

import org.jspecify.annotations.NullMarked;
