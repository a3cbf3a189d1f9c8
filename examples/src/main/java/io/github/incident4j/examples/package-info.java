/**
 * Runnable programs on the incident4j API. {@link io.github.incident4j.examples.OnCallExample} loads the
 * seed rotation and prints who is on call this week and next, and the lint findings.
 */
@NullMarked
package io.github.incident4j.examples;

import org.jspecify.annotations.NullMarked;
