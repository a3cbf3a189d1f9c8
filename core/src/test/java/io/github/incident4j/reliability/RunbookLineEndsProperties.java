package io.github.incident4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.runbook.Runbook;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * B7's rule for runbooks, generated: NEL (U+0085), LS (U+2028) and PS (U+2029) inserted anywhere in the seed
 * runbook either read to a runbook that writes and reads back to itself, or give a located {@link FormatException};
 * nothing else may come out.
 */
class RunbookLineEndsProperties {

    private static final String SEED = ReaderFuzzProperties.seed("runbook-template.md");

    /** An insertion: a separator at a position of the seed (0 to its length). */
    record Insertion(int at, char separator) {
    }

    @Provide
    Arbitrary<List<Insertion>> insertions() {
        Arbitrary<Insertion> one = Combinators.combine(Arbitraries.integers().between(0, SEED.length()),
                Arbitraries.of('\u0085', '\u2028', '\u2029')).as(Insertion::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    static String apply(List<Insertion> insertions) {
        StringBuilder text = new StringBuilder(SEED);
        // from the last position to the first, so each position still means a place in the seed
        insertions.stream().sorted((a, b) -> Integer.compare(b.at(), a.at()))
                .forEach(i -> text.insert(i.at(), i.separator()));
        return text.toString();
    }

    @Property
    @Label("the seed runbook with NEL, LS or PS inserted anywhere reads to a runbook that round-trips, or to a located FormatException")
    void separatorsAnywhere(@ForAll("insertions") List<Insertion> insertions) {
        String text = apply(insertions);
        Runbook read;
        try {
            read = RunbookMarkdown.parse(text);
        } catch (FormatException e) {
            assertThat(e.problems()).as("problems of %s", e).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.line()).as("line of %s", p).isGreaterThanOrEqualTo(1));
            Statistics.collect("FormatException");
            return;
        }
        String rendered = RunbookMarkdown.render(read);
        assertThat(RunbookMarkdown.parse(rendered)).as("parse(render(parse(x))) for %s", insertions).isEqualTo(read);
        assertThat(RunbookMarkdown.render(RunbookMarkdown.parse(rendered))).isEqualTo(rendered);
        Statistics.collect(rendered.equals(text) ? "read, same text" : "read, text normalised");
    }
}
