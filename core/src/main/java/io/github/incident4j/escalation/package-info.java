/**
 * Escalation policies ({@link io.github.incident4j.escalation.EscalationPolicy}: numbered levels of
 * targets with timeouts, repeated passes) and the escalation matrix of categories by tiers.
 */
@NullMarked
package io.github.incident4j.escalation;

import org.jspecify.annotations.NullMarked;
