/**
 * Runbooks: their model and DSL, the typed command model (commands are data, never shell text) and
 * the runner that diagnoses, mitigates and verifies recovery through the SPIs.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link io.github.incident4j.runbook.Runbook} and its DSL, {@code Runbook.forService("payment-service")…build()},
 *       read from Markdown by {@code format.RunbookMarkdown} (which keeps the document as the runbook's origin, so an
 *       edited runbook writes back into it); its steps and mitigations hold
 *       {@link io.github.incident4j.runbook.CodeBlock}s: inline commands, command blocks read into
 *       {@link io.github.incident4j.runbook.CommandLine}s (prompts, expected output, continuations), PromQL queries,
 *       data;</li>
 *   <li>{@link io.github.incident4j.runbook.Command}: each command line as a typed operation
 *       ({@code ListPods}, {@code Get} of any kind, {@code Describe}, {@code PodLogs}, {@code Top}, {@code RolloutUndo},
 *       {@code Drain}, {@code PostgresReady}, … or {@code Manual}; {@code oc} read as {@code kubectl},
 *       {@link io.github.incident4j.runbook.Kinds} for kubectl's resource names), built by
 *       {@link io.github.incident4j.runbook.Command#bind} from a template and
 *       {@link io.github.incident4j.runbook.Bindings}, every value checked against its grammar first;</li>
 *   <li>{@link io.github.incident4j.runbook.RunbookRunner}: {@code diagnose}, {@code mitigate} (only with an
 *       approver's yes), {@code dryRun}, {@code verifyRecovery}, reporting each step to a
 *       {@link io.github.incident4j.common.TimelineSink};</li>
 *   <li>{@link io.github.incident4j.runbook.RunbookLint}: findings on a runbook's practices.</li>
 * </ul>
 */
@NullMarked
package io.github.incident4j.runbook;

import org.jspecify.annotations.NullMarked;
