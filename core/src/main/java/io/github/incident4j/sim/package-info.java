/**
 * Simulation for tests, demos and dry runs: {@link io.github.incident4j.sim.VirtualTime} (a clock and timers
 * that advance only when told), a recording pager, a simulated cluster and scripted metrics.
 */
@NullMarked
package io.github.incident4j.sim;

import org.jspecify.annotations.NullMarked;
