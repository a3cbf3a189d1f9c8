/**
 * incident4j: incident management as code. The root package holds only the exception hierarchy
 * ({@link io.github.incident4j.Incident4jException} and its subclasses); the capabilities live in the
 * subpackages {@code oncall}, {@code escalation}, {@code incident}, {@code runbook}, {@code postmortem},
 * {@code chaos}, with their formats in {@code format} and plug-in points in {@code spi}.
 */
@NullMarked
package io.github.incident4j;

import org.jspecify.annotations.NullMarked;
