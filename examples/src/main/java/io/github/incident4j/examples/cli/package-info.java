/**
 * The {@code incident4j} command-line tool that teams run in CI on the files they keep: {@code lint} for
 * runbooks, postmortems, rotations, chaos experiments and escalation matrices; {@code oncall who|shifts|report};
 * {@code escalation simulate}; {@code runbook prometheus-rules}; {@code postmortem draft|new}. See
 * {@code examples/docs/cli.md} for every command with its real output.
 *
 * <p>Entry point: {@link io.github.incident4j.examples.cli.Incident4jCli#main(String[])}; tests and hosts
 * run it in-process with {@link io.github.incident4j.examples.cli.Incident4jCli#commandLine(java.time.Clock)}.
 * This is a host program: it prints, and its default clock is the system clock; the library it calls never
 * reads ambient time.
 */
@NullMarked
package io.github.incident4j.examples.cli;

import org.jspecify.annotations.NullMarked;
