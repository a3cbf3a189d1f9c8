package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.postmortem.Postmortem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the reader finds in the corpus, written to {@code target/postmortem-corpus-report.md}: per file, the timeline
 * entries (and how many of them are placed in time), action items, sections read by meaning and sections kept as
 * extra sections.
 */
class PostmortemCorpusReportTest {

    @Test
    @DisplayName("the corpus: at least 30 postmortems, each with postmortem sections, entries and items, written back "
            + "byte for byte; the report says what was found")
    void report() throws IOException {
        Map<String, String> corpus = PostmortemFixtures.all();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        List<String> rows = new ArrayList<>();
        rows.add("| file | timeline entries (placed in time) | action items | sections by meaning | kept as extra |");
        rows.add("|---|---|---|---|---|");
        int entries = 0;
        int placed = 0;
        int items = 0;
        int known = 0;
        int extra = 0;
        for (Map.Entry<String, String> f : corpus.entrySet()) {
            Postmortem p = PostmortemMarkdown.parse(f.getValue());
            assertThat(PostmortemMarkdown.render(p)).as(f.getKey()).isEqualTo(f.getValue());
            int at = (int) p.resolvedTimeline().stream().filter(e -> e.at() != null).count();
            int k = (int) java.util.Arrays.stream(io.github.incident4j.postmortem.Section.values())
                    .filter(s -> io.github.incident4j.format.internal.postmortem.SourceMaps.blockOf(p, s.field()).isPresent())
                    .count();
            assertThat(k).as("%s has postmortem sections", f.getKey()).isPositive();
            entries += p.timeline().size();
            placed += at;
            items += p.actionItems().size();
            known += k;
            extra += p.extraSections().size();
            rows.add("| " + f.getKey() + " | " + p.timeline().size() + " (" + at + ") | " + p.actionItems().size() + " | "
                    + k + " | " + p.extraSections().size() + " |");
        }
        rows.add("| **" + corpus.size() + " files** | **" + entries + " (" + placed + ")** | **" + items + "** | **" + known
                + "** | **" + extra + "** |");
        assertThat(entries).isGreaterThan(150);
        assertThat(items).isGreaterThan(60);
        Path out = Path.of("target", "postmortem-corpus-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    }
}
