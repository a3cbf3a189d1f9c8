/**
 * Runbook machinery that is not API: the Markdown facts the model's validation needs to know what the template layout
 * can hold ({@code Markup}), and how the commands of a code block are read ({@code ShellText}: prompts, expected output,
 * continuations, heredocs, compound commands, data and PromQL blocks).
 */
@NullMarked
package io.github.incident4j.runbook.internal;

import org.jspecify.annotations.NullMarked;
