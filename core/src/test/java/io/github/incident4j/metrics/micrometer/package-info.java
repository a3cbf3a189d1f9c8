/** Tests of the Micrometer binder. */
@NullMarked
package io.github.incident4j.metrics.micrometer;

import org.jspecify.annotations.NullMarked;
