package io.github.incident4j.runbook;

import java.util.Objects;

/**
 * One command as a runbook writes it in a code block: the command itself (prompt removed, {@code \} continuations
 * joined), the prompt it was written with, and the output the runbook shows after it. The output is kept for the
 * operator and never run.
 *
 * <pre>{@code
 * $ oc get pods -n openshift-etcd \
 *     -l app=etcd
 * NAME        READY   STATUS
 * etcd-m0     4/4     Running
 * }</pre>
 * reads as template {@code oc get pods -n openshift-etcd -l app=etcd}, prompt {@code "$ "}, and the two output
 * lines.
 *
 * @param template the command, with {@code $NAME}/{@code ${NAME}} variables as written (a heredoc or compound
 *     command keeps its lines, joined with {@code \n})
 * @param prompt the prompt before it ({@code "$ "}, {@code "# "}, {@code "sh-5.1# "}, {@code "user@host:~$ "}), or
 *     empty
 * @param output the expected output written after it, or empty
 * @param line the 0-based line of the block where the command starts
 * @param lineCount how many lines of the block the command itself takes (its output not counted)
 */
public record CommandLine(String template, String prompt, String output, int line, int lineCount) {

    /** Validates the parts. */
    public CommandLine {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(output, "output");
    }

    /** Whether the prompt is a database shell's ({@code db=# }): the command is SQL, for a person to run. */
    public boolean sqlPrompt() {
        return prompt.endsWith("=# ") || prompt.endsWith("=> ") || prompt.startsWith("mysql>");
    }
}
