package io.github.incident4j.examples.cli;

import io.github.incident4j.Incident4jException;
import io.github.incident4j.common.Finding;
import io.github.incident4j.format.ChaosEngineYaml;
import io.github.incident4j.format.EscalationMatrixText;
import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.oncall.ScheduleLint;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.PostmortemLint;
import io.github.incident4j.runbook.RunbookLint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code incident4j lint <files...>}: reads each document, runs the lint of its kind and prints one line per
 * finding, {@code file:line: LEVEL code: message [location]} (the line found by {@link SourceLocator}). Exit code 1 when any finding is an error or any
 * file cannot be read.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Lint runbooks, postmortems, on-call rotations, chaos experiments and escalation matrices.",
                "The kind of each file is told from its content; --kind forces one.",
                "Exit code 1 if any finding is an ERROR or a file cannot be read."})
final class LintCommand implements Callable<Integer> {

    @Spec
    @Nullable CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<file>", description = "The documents to check.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--kind", paramLabel = "<kind>",
            description = "Read every file as this kind: ${COMPLETION-CANDIDATES}.", converter = KindConverter.class,
            completionCandidates = KindCandidates.class)
    @Nullable DocumentKind kind;

    @Option(names = {"-q", "--quiet"}, description = "Print errors only (warnings and infos still counted).")
    boolean quiet;

    @Override
    public Integer call() {
        CommandSpec s = Objects.requireNonNull(spec);
        PrintWriter out = s.commandLine().getOut();
        Instant now = Incident4jCli.root(s).now();
        int errors = 0;
        int warnings = 0;
        int infos = 0;
        for (Path file : files) {
            List<String> lines = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            String label;
            try {
                String text = Incident4jCli.read(file);
                Optional<DocumentKind> k = kind != null ? Optional.of(kind) : DocumentKind.detect(file, text);
                if (k.isEmpty()) {
                    findings.add(Finding.error("lint.unknown-kind", "cannot tell what kind of document this is; "
                            + "use --kind runbook|postmortem|rotation|chaos|matrix", "file"));
                    label = "unknown";
                } else {
                    label = k.get().label();
                    for (Finding f : lint(k.get(), text, now, file)) {
                        // The lints see the model, not the text: find the line of what they point at.
                        findings.add(SourceLocator.place(k.get(), text, f));
                    }
                }
            } catch (FormatException e) {
                label = "unreadable";
                for (FormatException.Problem p : e.problems()) {
                    findings.add(new Finding(Finding.Level.ERROR, "format", p.message()
                            + (p.column() > 0 ? " (column " + p.column() + ")" : ""), "", p.line() > 0 ? p.line() : -1));
                }
            } catch (Incident4jException e) {
                label = "unreadable";
                findings.add(Finding.error("format", e.getMessage(), ""));
            }
            for (Finding f : findings) {
                switch (f.level()) {
                    case ERROR -> errors++;
                    case WARNING -> warnings++;
                    case INFO -> infos++;
                }
                if (!quiet || f.level() == Finding.Level.ERROR) {
                    lines.add(format(file, f));
                }
            }
            lines.forEach(out::println);
            long fileErrors = findings.stream().filter(f -> f.level() == Finding.Level.ERROR).count();
            if (!quiet) {
                out.println(file + ": " + label + ", " + (fileErrors == 0 ? "ok" : fileErrors + plural(" error", fileErrors))
                        + (findings.size() > fileErrors ? ", " + (findings.size() - fileErrors)
                        + plural(" other finding", findings.size() - fileErrors) : ""));
            }
        }
        out.println(files.size() + plural(" file", files.size()) + ": " + errors + plural(" error", errors) + ", "
                + warnings + plural(" warning", warnings) + ", " + infos + plural(" info", infos));
        out.flush();
        return errors > 0 ? Incident4jCli.FAILED : 0;
    }

    /** The findings of one document of a known kind; the readers' exceptions propagate. */
    static List<Finding> lint(DocumentKind kind, String text, Instant now) {
        return lint(kind, text, now, null);
    }

    /** As {@link #lint(DocumentKind, String, Instant)}; a runbook without a title is named after its file. */
    static List<Finding> lint(DocumentKind kind, String text, Instant now, @org.jspecify.annotations.Nullable Path file) {
        return switch (kind) {
            case RUNBOOK -> RunbookLint.lint(file == null || file.getFileName() == null ? RunbookMarkdown.parse(text)
                    : RunbookMarkdown.parse(text, file.getFileName().toString().replaceFirst("\\.md$", "")));
            case POSTMORTEM -> {
                // the reader knows where each part of the postmortem is written: findings get that line
                Postmortem pm = PostmortemMarkdown.parse(text);
                yield PostmortemLint.lint(pm).stream().map(f -> f.line() > 0 ? f : PostmortemMarkdown.lineOf(pm, f.location())
                        .stream().mapToObj(f::atLine).findFirst().orElse(f)).toList();
            }
            case ROTATION -> ScheduleLint.check(OnCallYaml.parse(text), now);
            case CHAOS -> ChaosEngineYaml.lint(text);
            case MATRIX -> {
                EscalationMatrixText.parse(text);
                yield List.of();
            }
        };
    }

    /** {@code file:line: LEVEL code: message [location]}, without {@code :line} when there is none. */
    static String format(Path file, Finding f) {
        return file + (f.line() > 0 ? ":" + f.line() : "") + ": " + f.level() + " " + f.code() + ": " + f.message()
                + (f.location().isEmpty() ? "" : " [" + f.location() + "]");
    }

    private static String plural(String word, long n) {
        return n == 1 ? word : word + "s";
    }

    /** Converts {@code --kind} values case-insensitively. */
    static final class KindConverter implements picocli.CommandLine.ITypeConverter<DocumentKind> {
        @Override
        public DocumentKind convert(String value) {
            return DocumentKind.named(value);
        }
    }

    /** The {@code --kind} values, for help and completion. */
    static final class KindCandidates extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        KindCandidates() {
            for (DocumentKind k : DocumentKind.values()) {
                add(k.label());
            }
        }
    }
}
