package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Severity;
import io.github.incident4j.postmortem.ActionItem;
import io.github.incident4j.postmortem.ExtraSection;
import io.github.incident4j.postmortem.HeaderField;
import io.github.incident4j.postmortem.Impact;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.PostmortemStatus;
import io.github.incident4j.postmortem.Priority;
import io.github.incident4j.postmortem.Section;
import io.github.incident4j.postmortem.TimelineEntry;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Postmortems built through the model, written in the template's layout and read back. */
class PostmortemMarkdownProperties {

    @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
    @Label("parse(render(p)) equals p for generated postmortems, cells with pipes and backticks included")
    void roundTrip(@ForAll("postmortems") Postmortem p) {
        Postmortem back = PostmortemMarkdown.parse(PostmortemMarkdown.render(p));
        assertThat(back).withFailMessage(() -> PostmortemFixtureProperties.differences(back, p)).isEqualTo(p);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    @Label("rendering is stable: render(parse(render(p))) equals render(p), and a read postmortem renders as read")
    void renderStable(@ForAll("postmortems") Postmortem p) {
        String md = PostmortemMarkdown.render(p);
        Postmortem read = PostmortemMarkdown.parse(md);
        assertThat(PostmortemMarkdown.render(read)).isEqualTo(md);
        assertThat(PostmortemMarkdown.render(read.toBuilder().source(null).build())).isEqualTo(md);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    @Label("the template layout's size is bounded by a small multiple of the model's text")
    void boundedOutput(@ForAll("postmortems") Postmortem p) {
        String md = PostmortemMarkdown.render(p);
        long text = textSize(p);
        long parts = 1L + p.timeline().size() + p.actionItems().size() + p.extraFields().size() + p.extraSections().size()
                + Section.values().length;
        assertThat((long) md.length()).isLessThanOrEqualTo(3 * text + 140 * parts + 400);
    }

    /** The characters of text a postmortem holds. */
    static long textSize(Postmortem p) {
        long n = p.preamble().length() + p.authors().stream().mapToInt(String::length).sum();
        n += p.title() == null ? 0 : p.title().length();
        n += p.impact() == null ? 0 : p.impact().text().length();
        n += p.sections().values().stream().mapToInt(String::length).sum();
        for (HeaderField f : p.extraFields()) {
            n += f.name().length() + f.value().length();
        }
        for (TimelineEntry e : p.timeline()) {
            n += e.timeText().length() + e.event().length();
            n += e.details().entrySet().stream().mapToInt(d -> d.getKey().length() + d.getValue().length()).sum();
        }
        for (ActionItem a : p.actionItems()) {
            n += a.action().length() + a.dueText().length() + (a.owner() == null ? 0 : a.owner().length())
                    + (a.ticket() == null ? 0 : a.ticket().length());
        }
        for (ExtraSection e : p.extraSections()) {
            n += e.heading().length() + e.body().length();
        }
        return n;
    }

    /** One line of text: pipes, backticks, backslashes, Markdown punctuation, accents, CJK and emoji. */
    static Arbitrary<String> line() {
        Arbitrary<String> plain = Arbitraries.strings().withChars("abcXYZ 0159:.,;()-_|`\\*#[]<>äé中").ofMinLength(1)
                .ofMaxLength(20);
        return Arbitraries.oneOf(plain, plain.map(s -> s + "😀"),
                Arbitraries.of("`kubectl logs | grep err`", "a|b", "\\|", "x\\", "``|``", "P1", "14:00"))
                .map(String::strip).filter(s -> !s.isEmpty())
                // a placeholder ("-", "?", "TBD") in a cell reads as an absent value
                .filter(s -> !io.github.incident4j.format.internal.postmortem.Columns.isPlaceholder(s));
    }

    /** A line of a Markdown body that stays in its section: no heading, fence, HTML, setext underline or list marker. */
    static Arbitrary<String> bodyLine() {
        return Arbitraries.oneOf(line(), line().map(l -> "- " + l), Arbitraries.just(""), line().map(l -> "### " + l),
                        line().map(l -> "| " + l + " |"))
                .filter(l -> !l.matches("#{1,2}(\\s.*)?") && !l.startsWith("```") && !l.startsWith("~~~")
                        && !l.startsWith("<") && !l.matches("[-=*_ ]+") && !l.matches("(?s)#{3}.*#\\s*")
                        && !l.startsWith("- -") && !l.startsWith("- *") && !l.startsWith("- #") && !l.startsWith("- <")
                        && !l.startsWith("- `") && !l.startsWith("- |"));
    }

    static Arbitrary<String> body() {
        return bodyLine().list().ofMaxSize(5).map(ls -> String.join("\n", ls))
                .filter(b -> !b.strip().startsWith("|") || b.isBlank())
                // two paragraphs of pipes would read as a table's rows: keep tables out of the generated bodies
                .filter(b -> b.lines().noneMatch(l -> l.startsWith("|")));
    }

    static Arbitrary<LocalTime> time() {
        return Arbitraries.integers().between(0, 24 * 3600 - 1).map(LocalTime::ofSecondOfDay)
                .map(t -> t.getSecond() % 3 == 0 ? t : t.withSecond(0));
    }

    static Arbitrary<LocalDate> date() {
        return Arbitraries.integers().between(0, 3000).map(d -> LocalDate.of(2024, 1, 1).plusDays(d));
    }

    static Arbitrary<TimelineEntry> entry() {
        Arbitrary<String> event = line().filter(l -> !l.equals("14:00"));
        Arbitrary<TimelineEntry> simple = Combinators.combine(time().injectNull(0.05), event).as(TimelineEntry::new);
        Arbitrary<TimelineEntry> dated = Combinators.combine(date(), time(), event).as(TimelineEntry::on);
        Arbitrary<TimelineEntry> zoned = Combinators.combine(time(), Arbitraries.of(ZoneOffset.UTC, ZoneOffset.ofHours(-8),
                ZoneId.of("Asia/Tokyo")), event).as((t, z, e) -> new TimelineEntry("", null, t, z, e, Map.of()));
        Arbitrary<TimelineEntry> detailed = Combinators.combine(time(), event, line()).as((t, e, d) ->
                new TimelineEntry("", null, t, null, e, Map.of("Impact", d)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, simple), net.jqwik.api.Tuple.of(2, dated),
                net.jqwik.api.Tuple.of(1, zoned), net.jqwik.api.Tuple.of(1, detailed));
    }

    static Arbitrary<ActionItem> item() {
        Arbitrary<ActionItem> base = Combinators.combine(
                Arbitraries.of(Priority.class).injectNull(0.2), line(), line().injectNull(0.3), date().injectNull(0.3),
                Arbitraries.of(ActionItem.Status.class).edgeCases(c -> c.add(ActionItem.Status.OPEN)))
                .as(ActionItem::new);
        return Combinators.combine(base, Arbitraries.of("OPS-12", "#44", "https://t.example/1").injectNull(0.7),
                Arbitraries.of("Q3", "next sprint").injectNull(0.8)).as((i, ticket, freeDue) -> {
                    ActionItem withTicket = i.withTicket(ticket);
                    return freeDue == null ? withTicket : new ActionItem(i.priority(), i.action(), i.owner(), null,
                            i.status(), ticket, freeDue, Map.of());
                });
    }

    @Provide
    Arbitrary<Postmortem> postmortems() {
        Arbitrary<Consumer<Postmortem.Builder>> header = Combinators.combine(
                line().filter(t -> !t.equals("[Title]") && !t.matches("(?s)(.*\\s)?#+")).injectNull(0.2),
                date().injectNull(0.2),
                time().injectNull(0.2),
                time().injectNull(0.2),
                Arbitraries.integers().between(1, 5).map(Severity::of).injectNull(0.2),
                line().filter(t -> !t.equals("X% of users affected, Y requests failed")).injectNull(0.2),
                line().map(s -> s.replace(",", "").replace(";", "")).map(String::strip).filter(s -> !s.isEmpty())
                        .list().ofMaxSize(3).filter(a -> a.isEmpty() || !io.github.incident4j.format.internal.postmortem
                                .Columns.isPlaceholder(String.join(", ", a))),
                Arbitraries.of(PostmortemStatus.class).injectNull(0.3)
        ).as((title, date, start, end, severity, impact, authors, status) -> b -> b.title(title).date(date)
                .window(start, end).severity(severity).impact(impact == null ? null : Impact.of(impact))
                .authors(authors).status(status));
        Arbitrary<HeaderField> field = Combinators.combine(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                        .filter(n -> HeaderField.knownAs(n).isEmpty()),
                line()).as(HeaderField::new);
        Arbitrary<ExtraSection> extra = Combinators.combine(
                line().filter(h -> Section.forHeading(h).isEmpty() && HeaderField.knownAs(h).isEmpty()
                        && !h.matches("(?s)(.*\\s)?#+") && !h.matches(".*\\d{4}-\\d{2}-\\d{2}.*")),
                body(), Arbitraries.of(Section.class).injectNull(0.3)).as(ExtraSection::new);
        Arbitrary<Consumer<Postmortem.Builder>> rest = Combinators.combine(
                line().injectNull(0.6),
                field.list().ofMaxSize(2),
                body(),
                entry().list().ofMaxSize(6),
                body(),
                body(),
                item().list().ofMaxSize(5),
                extra.list().ofMaxSize(3)
        ).as((id, fields, summary, timeline, rootCause, wentWrong, items, extras) -> b -> {
            b.id(id).summary(summary).timeline(timeline).rootCause(rootCause)
                    .narrative(Section.WENT_WRONG, wentWrong).actionItems(items);
            fields.forEach(f -> b.field(f.name(), f.value()));
            extras.forEach(e -> b.extraSection(e.heading(), e.body(), e.after()));
        });
        Arbitrary<Consumer<Postmortem.Builder>> more = Combinators.combine(body(), body(),
                Arbitraries.of(Section.SUMMARY, Section.LESSONS_LEARNED).list().ofMaxSize(1),
                Arbitraries.of(Section.IMPACT, Section.TRIGGER, Section.DETECTION, Section.RESOLUTION,
                        Section.WHERE_WE_GOT_LUCKY).list().ofMaxSize(2), body(),
                Arbitraries.of(ZoneOffset.UTC, ZoneOffset.ofHours(2), ZoneId.of("Europe/Berlin"),
                        ZoneId.of("America/Los_Angeles")))
                .as((well, lessons, toWrite, optional, optionalBody, zone) -> b -> {
                    b.narrative(Section.WENT_WELL, well).lessonsLearned(lessons).toBeWritten(toWrite.toArray(Section[]::new))
                            .zone(zone);
                    optional.forEach(s -> b.narrative(s, optionalBody));
                });
        return Combinators.combine(header, rest, more).as((h, r, m) -> {
            Postmortem.Builder b = Postmortem.untitled();
            h.accept(b);
            r.accept(b);
            m.accept(b);
            return b.build();
        });
    }

    @Property(tries = 50, edgeCases = EdgeCasesMode.NONE)
    @Label("generated postmortems use the features under test")
    void generatorCoversFeatures(@ForAll("postmortems") Postmortem p) {
        List<String> cells = p.timeline().stream().map(TimelineEntry::event).toList();
        assertThat(cells).allMatch(c -> !c.isBlank());
    }
}
