package io.github.incident4j.examples.bench;

import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.TimelineEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How reading and writing a postmortem grows with its size (issue 22: linear, so doubling the input should at most
 * about double the time): a postmortem with {@code scale} × 400 timeline rows, 150 action items (half of them in a
 * task list) and prose around them, read with {@link PostmortemMarkdown#parse}, written back unchanged, and
 * written back with its last timeline entry edited (the splice writer).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PostmortemMarkdownBenchmark {

    @Param({"1", "2", "4", "8"})
    public int scale;

    private String text = "";
    private Postmortem read;
    private Postmortem edited;

    @Setup(Level.Trial)
    public void build() {
        text = document(scale);
        read = PostmortemMarkdown.parse(text);
        List<TimelineEntry> timeline = new ArrayList<>(read.timeline());
        int last = timeline.size() - 1;
        timeline.set(last, timeline.get(last).withEvent("Edited at the end"));
        edited = read.toBuilder().timeline(timeline).build();
        if (!PostmortemMarkdown.render(read).equals(text)) {
            throw new IllegalStateException("the document does not render back byte for byte");
        }
    }

    /** A postmortem in the team's layout, {@code scale} times as long. */
    static String document(int scale) {
        StringBuilder b = new StringBuilder("---\ntitle: Load test postmortem\ndate: 2026-03-02\ntimezone: CET\n---\n\n");
        b.append("**Severity**: SEV-2\n**Authors**: Ana, Bo\n\n## Summary\n\n");
        for (int i = 0; i < 20 * scale; i++) {
            b.append("The queue backed up while the consumers restarted, paragraph ").append(i).append(".\n\n");
        }
        b.append("## Timeline\n\nAll times in CET.\n\n| Time | Event | Details |\n|---|---|---|\n");
        for (int i = 0; i < 400 * scale; i++) {
            b.append(String.format("| 2026-03-%02d %02d:%02d | Event number %d with `code` | detail %d |%n", 2 + i / 1440,
                    i / 60 % 24, i % 60, i, i));
        }
        b.append("\n## Action Items\n\n| Priority | Action | Owner | Due | Status |\n|---|---|---|---|---|\n");
        for (int i = 0; i < 75 * scale; i++) {
            b.append("| P2 | Fix number ").append(i).append(" | @team | 2026-04-01 | open |\n");
        }
        b.append("\n## Lessons Learned\n\n");
        for (int i = 0; i < 75 * scale; i++) {
            b.append("- [ ] Lesson to follow up ").append(i).append(" @owner due 2026-05-01\n");
        }
        return b.toString();
    }

    @Benchmark
    public Postmortem parse() {
        return PostmortemMarkdown.parse(text);
    }

    @Benchmark
    public String renderUnchanged() {
        return PostmortemMarkdown.render(read);
    }

    @Benchmark
    public String renderEdited() {
        return PostmortemMarkdown.render(edited);
    }
}
