package io.github.incident4j.format;

import io.github.incident4j.format.internal.runbook.RunbookReader;
import io.github.incident4j.format.internal.runbook.RunbookTemplate;
import io.github.incident4j.format.internal.runbook.RunbookWriter;
import io.github.incident4j.runbook.Runbook;

/**
 * Reads and writes runbooks in Markdown, losslessly, on commonmark (source spans, GFM tables).
 *
 * <p><b>Layouts read:</b> the runbook template ({@code # Runbook: Service — Issue}, Overview and Detection fields such
 * as {@code - **Service**: name}, numbered diagnosis steps with sub-steps, {@code ### Name (if condition)} mitigations);
 * the prometheus-operator and OpenShift alert runbooks ({@code # AlertName}, {@code ## Meaning}, {@code ## Impact},
 * {@code ## Diagnosis}, {@code ## Mitigation}, with {@code $ oc …} prompts and example output); KubeVirt's; and pages
 * with front matter and no {@code #} title, as GitLab keeps them (title from the front matter, else the first heading,
 * else the name given to {@link #parse(String, String)}). Section headings are matched by meaning, case-insensitively:
 * Overview/Summary/Meaning, Detection/Alert, Diagnosis/Investigation/Troubleshooting,
 * Mitigation/Remediation/Resolution/Fix, Recovery/Verification/Validation. Other sections are kept where they are.
 *
 * <p><b>Steps and code:</b> numbered or bulleted list items are steps, nested lists their sub-steps; a code block (fenced
 * with backticks or tildes, or indented; inside a list item or not) belongs to the step it stands in, or right after;
 * a paragraph followed by a code block is a step too. In the Mitigation section, each sub-heading is a named
 * mitigation; code directly under the section is an unnamed one (and each item of a bulleted list of alternatives with
 * code is one of its own). Commands are read from code as {@link io.github.incident4j.runbook.CodeBlock} says (prompts,
 * expected output, continuations, data and PromQL blocks).
 *
 * <p><b>Lossless:</b> {@code render(parse(text))} is {@code text}, byte for byte, whatever the layout (line endings,
 * blank lines, HTML comments, unknown sections, a missing final line break). A runbook changed through the model
 * (with {@code toBuilder()}) is written back into its own document: only the changed elements are rewritten, in the
 * style of their neighbours, and the output always reads back to the changed runbook. A runbook built with the DSL is
 * written in the template layout.
 *
 * <p><b>Refusals:</b> a text over {@value #MAX_CHARS} characters (at once, before reading), a NUL or other control character, a document with none of the sections above
 * (the message names the headings found, and says when the text looks like YAML or a postmortem), a document without a
 * title when no name is given; each as a {@link FormatException} with its line and column.
 *
 * <pre>{@code
 * Runbook runbook = RunbookMarkdown.parse(Files.readString(Path.of("runbooks/payment-service.md")));
 * Runbook fixed = runbook.toBuilder().owner("payments-sre").build();
 * String markdown = RunbookMarkdown.render(fixed);   // the same file, with only the owner's line changed
 * }</pre>
 */
public final class RunbookMarkdown {

    /** Longest document read, in characters; a longer one is refused by its length, before any parsing. */
    public static final int MAX_CHARS = io.github.incident4j.format.internal.markdown.MarkdownDocument.MAX_CHARS;

    private RunbookMarkdown() {
    }

    /**
     * Reads a runbook that has a title (a {@code #} heading before its sections, or a front matter {@code title}).
     *
     * @throws FormatException with line and column for what cannot be read
     */
    public static Runbook parse(String markdown) {
        return RunbookReader.read(markdown, null);
    }

    /**
     * Reads a runbook, named {@code name} when the document gives no title of its own.
     *
     * @throws FormatException with line and column for what cannot be read
     */
    public static Runbook parse(String markdown, String name) {
        return RunbookReader.read(markdown, name);
    }

    /**
     * Writes a runbook: into the document it was read from (only what changed is rewritten), or, for a runbook built
     * with the DSL, in the template layout.
     */
    public static String render(Runbook runbook) {
        return runbook.origin().map(o -> RunbookWriter.render(runbook, o)).orElseGet(() -> RunbookTemplate.render(runbook));
    }
}
