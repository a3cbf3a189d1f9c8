package io.github.incident4j.format.internal.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.format.internal.markdown.LineIndex;
import io.github.incident4j.format.internal.runbook.RunbookSource.StepSlot;
import io.github.incident4j.runbook.CodeBlock;
import io.github.incident4j.runbook.CommandLine;
import io.github.incident4j.runbook.DiagnosisStep;
import io.github.incident4j.runbook.Runbook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 17's properties over the fixture runbooks: every fixture renders back byte for byte, an edit of one step through
 * the model rewrites only that step's lines and reads back to the edited runbook, and the writer's output is bounded by
 * its input plus the edit.
 */
class RunbookFixtureProperties {

    record Fixture(String name, String text) {
        String baseName() {
            String file = name.substring(name.lastIndexOf('/') + 1);
            return file.substring(0, file.length() - 3);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Fixture> FIXTURES = load();

    private static List<Fixture> load() {
        try {
            Path root = Path.of(RunbookFixtureProperties.class.getResource("/runbooks").toURI());
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(p -> p.toString().endsWith(".md")).sorted().map(p -> {
                    try {
                        return new Fixture(root.relativize(p).toString().replace('\\', '/'),
                                new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<Fixture> fixtures() {
        return Arbitraries.of(FIXTURES);
    }

    @Property(tries = 200)
    @Label("every fixture renders back byte for byte: render(parse(x)) == x")
    void roundTrip(@ForAll("fixtures") Fixture f) {
        Runbook r = RunbookMarkdown.parse(f.text(), f.baseName());
        assertThat(RunbookMarkdown.render(r)).isEqualTo(f.text());
    }

    /** How a step is edited through the model. */
    enum Edit {
        /** Its description gets words added. */
        DESCRIPTION,
        /** One of its commands gets a flag added. */
        COMMAND,
        /** It gets a new code block. */
        NEW_BLOCK
    }

    @Property(tries = 400)
    @Label("an edit of one step through the model rewrites only that step's lines, and the result reads back to the edited runbook")
    void editTouchesOnlyItsStep(@ForAll("fixtures") Fixture f, @ForAll @IntRange(min = 0, max = 1000) int which, @ForAll Edit edit) {
        Runbook r = RunbookMarkdown.parse(f.text(), f.baseName());
        RunbookSource src = (RunbookSource) r.origin().orElseThrow();
        List<int[]> paths = new ArrayList<>();
        collect(src.steps, new ArrayList<>(), paths);
        Assume.that(!paths.isEmpty());
        int[] path = paths.get(which % paths.size());
        StepSlot slot = slotAt(src.steps, path);
        DiagnosisStep step = slot.value();
        DiagnosisStep changed = switch (edit) {
            case DESCRIPTION -> step.description().isEmpty() ? null : step.withDescription(step.description() + " and note the result");
            case COMMAND -> withFlag(step);
            case NEW_BLOCK -> slot.item() == null && slot.lead() == null && slot.code().isEmpty() ? null
                    : step.withCode(append(step.code(), CodeBlock.fenced("yaml", "checked: true")));
        };
        Assume.that(changed != null);
        Runbook edited = r.toBuilder().diagnosis(replace(r.diagnosis(), path, 0, changed)).build();

        String out = RunbookMarkdown.render(edited);

        assertThat(RunbookMarkdown.parse(out, f.baseName())).as("read back").isEqualTo(edited);
        int[] changedLines = changedLines(f.text(), out);
        LineIndex lines = src.doc.lines();
        int first = lines.line(slot.start());
        int last = lines.line(Math.max(slot.start(), slot.end() - 1));
        assertThat(changedLines[0]).as("first changed line of %s, step %s (lines %d-%d)", f, java.util.Arrays.toString(path), first, last)
                .isGreaterThanOrEqualTo(first);
        assertThat(changedLines[1]).as("last changed line").isLessThanOrEqualTo(last + 1);
        assertThat((long) out.length()).as("output bounded by the input and the edit")
                .isLessThanOrEqualTo(2L * f.text().length() + 4L * changed.toString().length());
        Statistics.collect(edit, f.name().substring(0, f.name().indexOf('/')));
    }

    private static DiagnosisStep withFlag(DiagnosisStep s) {
        List<CodeBlock> code = new ArrayList<>(s.code());
        for (int i = 0; i < code.size(); i++) {
            CodeBlock c = code.get(i);
            List<CommandLine> commands = c.commands();
            if (!commands.isEmpty() && !commands.get(0).template().contains("\n")) {
                String old = commands.get(0).template();
                String now = old + " --request-timeout=30s";
                code.set(i, c.withCommand(0, now));
                // a command written inside the step's text is changed there too: the text shows it
                String description = c.style() == CodeBlock.Style.INLINE ? s.description().replace("`" + old + "`", "`" + now + "`")
                        : s.description();
                return s.withCode(code).withDescription(description);
            }
        }
        return null;
    }

    private static <T> List<T> append(List<T> list, T t) {
        List<T> out = new ArrayList<>(list);
        out.add(t);
        return out;
    }

    private static void collect(List<StepSlot> slots, List<Integer> prefix, List<int[]> out) {
        for (int i = 0; i < slots.size(); i++) {
            List<Integer> p = new ArrayList<>(prefix);
            p.add(i);
            out.add(p.stream().mapToInt(Integer::intValue).toArray());
            collect(slots.get(i).substeps(), p, out);
        }
    }

    private static StepSlot slotAt(List<StepSlot> slots, int[] path) {
        StepSlot s = slots.get(path[0]);
        for (int i = 1; i < path.length; i++) {
            s = s.substeps().get(path[i]);
        }
        return s;
    }

    private static List<DiagnosisStep> replace(List<DiagnosisStep> steps, int[] path, int depth, DiagnosisStep changed) {
        List<DiagnosisStep> out = new ArrayList<>(steps);
        DiagnosisStep at = out.get(path[depth]);
        out.set(path[depth], depth == path.length - 1 ? changed : at.withSubsteps(replace(at.substeps(), path, depth + 1, changed)));
        return out;
    }

    /** The first and last 1-based lines of {@code before} that differ from {@code after} (first > last for an insertion). */
    static int[] changedLines(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int p = 0;
        while (p < a.size() && p < b.size() && a.get(p).equals(b.get(p))) {
            p++;
        }
        int q = 0;
        while (q < a.size() - p && q < b.size() - p && a.get(a.size() - 1 - q).equals(b.get(b.size() - 1 - q))) {
            q++;
        }
        return new int[] {p + 1, a.size() - q};
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }
}
