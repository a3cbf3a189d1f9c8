package io.github.incident4j.runbook;

import io.github.incident4j.runbook.internal.ShellText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A piece of code in a diagnosis step or a mitigation, as written: a fenced or indented block with its language, or
 * an inline code span such as {@code `kubectl get pods`}. What it holds is read from its language and text:
 * <ul>
 *   <li>{@link Kind#COMMANDS}: shell commands ({@code bash}, {@code sh}, {@code console}…, or untagged text that
 *       starts with a command or a prompt). Each logical line is a {@link CommandLine}; when the block uses prompts
 *       ({@code $ }, {@code # }, {@code sh-5.1# }, {@code user@host:~$ }), only prompted lines are commands and the
 *       lines after each are its expected output;</li>
 *   <li>{@link Kind#QUERY}: PromQL ({@code promql}, or untagged text that is a PromQL expression), a query for the
 *       {@link io.github.incident4j.spi.MetricsSource};</li>
 *   <li>{@link Kind#DATA}: YAML, JSON, a Kubernetes manifest or any other language: shown, never run;</li>
 *   <li>{@link Kind#OUTPUT}: untagged text that is neither: example output.</li>
 * </ul>
 *
 * <pre>{@code
 * CodeBlock.inline("kubectl get pods -n production");
 * CodeBlock.shell("kubectl rollout undo deployment/x", "kubectl rollout status deployment/x");
 * CodeBlock.fenced("yaml", "apiVersion: v1\nkind: ConfigMap");
 * }</pre>
 *
 * @param language the language tag of a fenced block in lower case ({@code bash}, {@code yaml}), or empty
 * @param text the code as written, lines joined with {@code \n} (container indentation removed, no final line break)
 * @param style how it is written
 */
public record CodeBlock(String language, String text, Style style) {

    /** How a piece of code is written. */
    public enum Style {
        /** An inline code span in a step's text: one command. */
        INLINE,
        /** A block fenced with backticks or tildes. */
        FENCED,
        /** A block indented by four spaces. */
        INDENTED
    }

    /** What a piece of code holds. */
    public enum Kind {
        /** Shell commands. */
        COMMANDS,
        /** PromQL queries. */
        QUERY,
        /** Data: YAML, JSON, manifests, other languages. */
        DATA,
        /** Example output. */
        OUTPUT
    }

    /** Validates the parts (the runbook checks the text's characters). */
    public CodeBlock {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(style, "style");
        language = language.toLowerCase(Locale.ROOT);
    }

    /** An inline command ({@code `kubectl get pods`}). */
    public static CodeBlock inline(String command) {
        return new CodeBlock("", command, Style.INLINE);
    }

    /** A fenced {@code bash} block of commands, one a line. */
    public static CodeBlock shell(String... commands) {
        return new CodeBlock("bash", String.join("\n", Arrays.asList(commands)), Style.FENCED);
    }

    /** A fenced block in a language ({@code yaml}, {@code promql}, {@code console}). */
    public static CodeBlock fenced(String language, String text) {
        return new CodeBlock(language, text, Style.FENCED);
    }

    /** What the code holds. */
    public Kind kind() {
        if (style == Style.INLINE) {
            return Kind.COMMANDS;
        }
        return ShellText.kind(language, text);
    }

    /** The commands, in order: one for an inline span, every command of a {@link Kind#COMMANDS} block, else none. */
    public List<CommandLine> commands() {
        if (style == Style.INLINE) {
            return List.of(new CommandLine(text.strip(), "", "", 0, 1));
        }
        if (kind() != Kind.COMMANDS) {
            return List.of();
        }
        return ShellText.commands(language, text);
    }

    /** The command templates, in order (see {@link #commands()}). */
    public List<String> commandTemplates() {
        return commands().stream().map(CommandLine::template).toList();
    }

    /** Every command template of a list of code, in order. */
    public static List<String> commandTemplates(List<CodeBlock> code) {
        List<String> out = new ArrayList<>();
        code.forEach(c -> out.addAll(c.commandTemplates()));
        return out;
    }

    /** Every PromQL query of a list of code, in order. */
    public static List<String> queries(List<CodeBlock> code) {
        List<String> out = new ArrayList<>();
        code.forEach(c -> out.addAll(c.queries()));
        return out;
    }

    /** The PromQL queries of a {@link Kind#QUERY} block (separated by blank lines, comments left out), else none. */
    public List<String> queries() {
        if (style == Style.INLINE || kind() != Kind.QUERY) {
            return List.of();
        }
        return ShellText.queries(text);
    }

    /**
     * This block with command {@code index} replaced by {@code template}: its lines are rewritten (with the prompt it
     * had), every other line (output, comments, other commands) is kept.
     *
     * @throws IndexOutOfBoundsException when there is no such command
     */
    public CodeBlock withCommand(int index, String template) {
        List<CommandLine> commands = commands();
        CommandLine c = commands.get(index);
        if (style == Style.INLINE) {
            return inline(template);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        for (int i = 0; i < c.lineCount(); i++) {
            lines.remove(c.line());
        }
        lines.add(c.line(), c.prompt() + template);
        return new CodeBlock(language, String.join("\n", lines), style);
    }
}
