package io.github.incident4j.examples.bench;

import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.runbook.Runbook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark 6, runbook Markdown: {@value #RUNBOOKS} runbooks of the seed's size (the seed template with the
 * service and its names numbered 0..999, so no two texts are equal) read into the runbook model with
 * {@code RunbookMarkdown.parse} (the lossless reader: commonmark with source spans on blocks and inlines, the document
 * layer, the runbook mapping and its source map, the model's validation), against commonmark's own parse of the same
 * texts into its node tree (with the GFM tables extension and no source spans, as a team parsing runbooks would
 * configure it). One operation is all 1,000 texts. The setup checks that every text reads, that each runbook names its
 * own service, and that it renders back to its text byte for byte. Target: within 1.5x of the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RunbookParseBenchmark {

    static final int RUNBOOKS = 1_000;

    private String[] texts = new String[0];
    private final Parser commonmark = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    static String seed() {
        try (InputStream in = RunbookParseBenchmark.class.getResourceAsStream("/seed/runbook-template.md")) {
            if (in == null) {
                throw new IllegalStateException("the seed runbook is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String[] texts(int n) {
        String seed = seed();
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            texts[i] = seed.replace("service-name", "service-" + i).replace("Service Name", "Service " + i);
        }
        return texts;
    }

    @Setup(Level.Trial)
    public void texts() {
        texts = texts(RUNBOOKS);
        for (int i = 0; i < texts.length; i++) {
            Runbook r = RunbookMarkdown.parse(texts[i]);
            if (!r.service().equals("service-" + i)) {
                throw new IllegalStateException("runbook " + i + " reads service " + r.service());
            }
            if (!RunbookMarkdown.render(r).equals(texts[i])) {
                throw new IllegalStateException("runbook " + i + " does not render back to its text");
            }
        }
    }

    @Benchmark
    public void incident4j(Blackhole bh) {
        for (String text : texts) {
            bh.consume(RunbookMarkdown.parse(text));
        }
    }

    @Benchmark
    public void commonmarkBaseline(Blackhole bh) {
        for (String text : texts) {
            Node document = commonmark.parse(text);
            bh.consume(document);
        }
    }
}
