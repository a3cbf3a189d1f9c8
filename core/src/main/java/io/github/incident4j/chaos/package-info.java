/**
 * Chaos experiments: Litmus-compatible experiments, the steady-state hypothesis, a guarded runner and
 * its verdicts.
 */
@NullMarked
package io.github.incident4j.chaos;

import org.jspecify.annotations.NullMarked;
