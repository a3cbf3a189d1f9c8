/**
 * Runbooks: their model and DSL, the typed command model (commands are data, never shell text) and
 * the runner that diagnoses, mitigates and verifies recovery through the SPIs.
 */
@NullMarked
package io.github.incident4j.runbook;

import org.jspecify.annotations.NullMarked;
