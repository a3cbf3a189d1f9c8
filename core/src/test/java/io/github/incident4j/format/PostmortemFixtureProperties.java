package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Severity;
import io.github.incident4j.format.internal.postmortem.Columns;
import io.github.incident4j.format.internal.postmortem.SourceMaps;
import io.github.incident4j.postmortem.ActionItem;
import io.github.incident4j.postmortem.ExtraSection;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.Priority;
import io.github.incident4j.postmortem.Section;
import io.github.incident4j.postmortem.TimelineEntry;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/** The postmortem corpus: every file renders back byte for byte, and an edit through the model changes only its block. */
class PostmortemFixtureProperties {

    @Property(generation = GenerationMode.EXHAUSTIVE)
    @Label("every fixture parses and renders back byte for byte")
    void rendersBackByteForByte(@ForAll("fixtures") String name) {
        String text = PostmortemFixtures.get(name);
        Postmortem p = PostmortemMarkdown.parse(text);
        assertThat(PostmortemMarkdown.render(p)).isEqualTo(text);
        assertThat(PostmortemMarkdown.render(p.toBuilder().build())).as("a copy keeps its source").isEqualTo(text);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    @Label("every fixture, written in the template's layout instead, reads back as the same postmortem apart from "
            + "entry dates given by date headings")
    void templateLayoutReadsBack(@ForAll("fixtures") String name) {
        Postmortem p = withoutHeadingDates(PostmortemMarkdown.parse(PostmortemFixtures.get(name)));
        Postmortem built = p.toBuilder().source(null).build();
        assertThat(PostmortemMarkdown.parse(PostmortemMarkdown.render(built))).isEqualTo(built);
    }

    /** Entries whose date comes from a date heading or line, not their own text, keep only what their text says. */
    private static Postmortem withoutHeadingDates(Postmortem p) {
        List<TimelineEntry> out = new ArrayList<>();
        for (TimelineEntry e : p.timeline()) {
            boolean own = e.date() != null && e.timeText().contains(e.date().toString());
            out.add(own || e.date() == null ? e : new TimelineEntry(e.timeText(), null, e.time(), e.zone(), e.event(),
                    e.details()));
        }
        return p.toBuilder().timeline(out).build();
    }

    /**
     * One edit of a postmortem through its model.
     *
     * @param fixture the file
     * @param what a description for the report
     * @param path the part it changes, whose block bounds what may change in the text (null: no bound)
     * @param added how many characters of new text the edit brings
     * @param apply the edit
     */
    record Edit(String fixture, String what, @Nullable String path, int added, Function<Postmortem, Postmortem> apply) {
        @Override
        public String toString() {
            return fixture + ": " + what;
        }
    }

    @Property(tries = 1000)
    @Label("an edit through the model rewrites only its block, and the result reads back as the edited postmortem")
    void editChangesOnlyItsBlock(@ForAll("edits") Edit edit) {
        String text = PostmortemFixtures.get(edit.fixture());
        Postmortem p = PostmortemMarkdown.parse(text);
        Postmortem edited = edit.apply().apply(p);
        String out = PostmortemMarkdown.render(edited);

        Postmortem back = PostmortemMarkdown.parse(out);
        assertThat(back).withFailMessage(() -> "reads back differently: " + differences(back, edited) + "\n" + out)
                .isEqualTo(edited);
        assertThat(out.length()).as("bounded by the input and the new text")
                .isLessThanOrEqualTo(text.length() + 3 * edit.added() + 200);
        if (edit.path() != null) {
            // everything outside the edited part's block is kept, in order: out = before + anything + after
            Optional<int[]> block = SourceMaps.blockOf(p, edit.path());
            assertThat(block).as("the block of %s", edit.path()).isPresent();
            if (!keeps(text, out, block.get())) {
                // a value the table has no column for: the table gains the column, every other line only grows at its end
                String section = edit.path().substring(0, edit.path().indexOf('['));
                int[] table = SourceMaps.blockOf(p, section).orElseThrow();
                assertThat(keeps(text, out, table)).as("the text outside the section %s is kept", section).isTrue();
                List<String> was = text.substring(table[0], table[1]).lines().toList();
                List<String> now = out.substring(table[0], out.length() - (text.length() - table[1])).lines().toList();
                assertThat(now).as("a column was added, no line added or removed").hasSameSizeAs(was);
                String row = text.substring(block.get()[0], block.get()[1]).lines().findFirst().orElse("");
                for (int i = 0; i < was.size(); i++) {
                    if (!was.get(i).equals(row)) {
                        assertThat(now.get(i)).as("line %d of the section only grows at its end", i).startsWith(was.get(i));
                    }
                }
            }
        }
    }

    /** The parts in which two postmortems differ, for a short failure message. */
    static String differences(Postmortem a, Postmortem b) {
        List<String> out = new ArrayList<>();
        var components = Postmortem.class.getRecordComponents();
        for (var c : components) {
            try {
                Object x = c.getAccessor().invoke(a);
                Object y = c.getAccessor().invoke(b);
                if (!c.getName().equals("source") && !java.util.Objects.equals(x, y)) {
                    if (x instanceof List<?> lx && y instanceof List<?> ly) {
                        for (int i = 0; i < Math.max(lx.size(), ly.size()); i++) {
                            Object ex = i < lx.size() ? lx.get(i) : null;
                            Object ey = i < ly.size() ? ly.get(i) : null;
                            if (!java.util.Objects.equals(ex, ey)) {
                                out.add(c.getName() + "[" + i + "]: " + ex + " vs " + ey);
                            }
                        }
                    } else {
                        out.add(c.getName() + ": " + x + " vs " + y);
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return String.join("\n", out);
    }

    /** Whether {@code out} is {@code text} with only {@code block} replaced. */
    private static boolean keeps(String text, String out, int[] block) {
        String before = text.substring(0, block[0]);
        String after = text.substring(block[1]);
        return out.startsWith(before) && out.endsWith(after) && out.length() >= before.length() + after.length();
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(new ArrayList<>(PostmortemFixtures.all().keySet()));
    }

    /**
     * One line of new text that reads as itself wherever it is written (no leading marker, token or time), and is not
     * one of the words a template leaves for "nothing here" ({@code Na}, {@code Tbd}, {@code None}): those read back
     * as absent by design.
     */
    static Arbitrary<String> words() {
        return Combinators.combine(Arbitraries.chars().range('A', 'Z'),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz ,.;()%'0123456789").ofMaxLength(40))
                .as((c, rest) -> (c + rest).strip().replaceAll("\\s+", " "))
                .filter(w -> !Columns.isPlaceholder(w));
    }

    @Property(tries = 300)
    @Label("several edits at once read back as the edited postmortem, and every other line is kept")
    void severalEdits(@ForAll("editLists") List<Edit> edits) {
        String text = PostmortemFixtures.get(edits.get(0).fixture());
        Postmortem edited = PostmortemMarkdown.parse(text);
        for (Edit e : edits) {
            try {
                edited = e.apply().apply(edited);
            } catch (IndexOutOfBoundsException gone) {
                // an entry an earlier edit removed: this edit has nothing to change
            }
        }
        String out = PostmortemMarkdown.render(edited);
        Postmortem back = PostmortemMarkdown.parse(out);
        Postmortem expected = edited;
        assertThat(back).withFailMessage(() -> "reads back differently: " + differences(back, expected) + "\n" + out)
                .isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<Edit>> editLists() {
        return fixtures().flatMap(name -> editsFor(name).list().ofMinSize(2).ofMaxSize(4));
    }

    @Provide
    Arbitrary<Edit> edits() {
        return fixtures().flatMap(PostmortemFixtureProperties::editsFor);
    }

    /** The edits that apply to one fixture (each through the model, with an index valid for the fixture as read). */
    static Arbitrary<Edit> editsFor(String name) {
        {
            Postmortem p = PostmortemMarkdown.parse(PostmortemFixtures.get(name));
            List<Arbitrary<Edit>> options = new ArrayList<>();
            int entries = p.timeline().size();
            int items = p.actionItems().size();
            if (entries > 0) {
                Arbitrary<Integer> i = Arbitraries.integers().between(0, entries - 1);
                options.add(Combinators.combine(i, words()).as((k, w) -> new Edit(name, "event of timeline[" + k + "] = " + w,
                        "timeline[" + k + "]", w.length(), q -> q.toBuilder().timeline(set(q.timeline(), k,
                        q.timeline().get(k).withEvent(w))).build())));
                options.add(Combinators.combine(i, Arbitraries.integers().between(0, 1439)).as((k, m) -> new Edit(name,
                        "time of timeline[" + k + "] = " + m, "timeline[" + k + "]", 30, q -> {
                            TimelineEntry e = q.timeline().get(k);
                            return q.toBuilder().timeline(set(q.timeline(), k, new TimelineEntry("", e.date(),
                                    LocalTime.ofSecondOfDay(m * 60L), e.zone(), e.event(), e.details()))).build();
                        })));
                options.add(i.map(k -> new Edit(name, "remove timeline[" + k + "]", "timeline[" + k + "]", 0,
                        q -> q.toBuilder().timeline(removed(q.timeline(), k)).build())));
                // a new last entry is under the same date heading as the entry before it, if there is one
                TimelineEntry last = p.timeline().get(entries - 1);
                java.time.LocalDate under = last.date() != null && !last.timeText().contains(last.date().toString())
                        ? last.date() : null;
                options.add(words().map(w -> new Edit(name, "append to the timeline: " + w, "timeline", w.length() + 80,
                        q -> q.toBuilder().event(new TimelineEntry("23:59", under, LocalTime.of(23, 59), null, w,
                                java.util.Map.of())).build())));
            }
            if (items > 0) {
                Arbitrary<Integer> i = Arbitraries.integers().between(0, items - 1);
                options.add(Combinators.combine(i, words()).as((k, w) -> new Edit(name, "action of actionItems[" + k + "] = " + w,
                        "actionItems[" + k + "]", w.length(), q -> q.toBuilder().actionItems(set(q.actionItems(), k,
                        q.actionItems().get(k).withAction(w))).build())));
                options.add(Combinators.combine(i, Arbitraries.of(ActionItem.Status.class)).as((k, st) -> new Edit(name,
                        "status of actionItems[" + k + "] = " + st, "actionItems[" + k + "]", 20,
                        q -> q.toBuilder().actionItems(set(q.actionItems(), k, q.actionItems().get(k).withStatus(st))).build())));
                options.add(Combinators.combine(i, Arbitraries.strings().alpha().ofMinLength(2).ofMaxLength(10)).as((k, o) ->
                        new Edit(name, "owner of actionItems[" + k + "] = @" + o, "actionItems[" + k + "]", o.length() + 20,
                        q -> q.toBuilder().actionItems(set(q.actionItems(), k, q.actionItems().get(k).ownedBy("@" + o))).build())));
                options.add(i.map(k -> new Edit(name, "remove actionItems[" + k + "]", "actionItems[" + k + "]", 0,
                        q -> q.toBuilder().actionItems(removed(q.actionItems(), k)).build())));
                options.add(words().map(w -> new Edit(name, "add an action item: " + w, "actionItems", w.length() + 80,
                        q -> q.toBuilder().actionItem(ActionItem.of(Priority.P2, w).ownedBy("@new")).build())));
            }
            List<Section> narratives = p.sections().keySet().stream().filter(Section::isNarrative).toList();
            if (!narratives.isEmpty()) {
                options.add(Combinators.combine(Arbitraries.of(narratives), words(), words()).as((s, a, b) -> new Edit(name,
                        s + " = " + a + " / " + b, s.field(), a.length() + b.length() + 4,
                        q -> q.toBuilder().narrative(s, a + "\n\n" + b).build())));
            }
            if (!p.extraSections().isEmpty()) {
                options.add(Combinators.combine(Arbitraries.integers().between(0, p.extraSections().size() - 1), words())
                        .as((k, w) -> new Edit(name, "body of extraSections[" + k + "] = " + w, "extraSections[" + k + "]",
                        w.length(), q -> {
                            ExtraSection e = q.extraSections().get(k);
                            return q.toBuilder().extraSections(set(q.extraSections(), k,
                                    new ExtraSection(e.heading(), w, e.after()))).build();
                        })));
            }
            if (p.severity() != null) {
                options.add(Arbitraries.integers().between(1, 5).map(r -> new Edit(name, "severity = SEV-" + r, "severity",
                        10, q -> q.toBuilder().severity(Severity.of(r)).build())));
            }
            if (p.date() != null) {
                options.add(Arbitraries.integers().between(1, 400).map(d -> new Edit(name, "date + " + d + " days", "date",
                        12, q -> q.toBuilder().date(q.date().plusDays(d)).build())));
            }
            if (p.title() != null) {
                options.add(words().map(w -> new Edit(name, "title = " + w, "title", w.length(),
                        q -> q.toBuilder().title(w).build())));
            }
            return Arbitraries.oneOf(options);
        }
    }

    private static <T> List<T> set(List<T> list, int i, T value) {
        List<T> out = new ArrayList<>(list);
        out.set(i, value);
        return out;
    }

    private static <T> List<T> removed(List<T> list, int i) {
        List<T> out = new ArrayList<>(list);
        out.remove(i);
        return out;
    }
}
