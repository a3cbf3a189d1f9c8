package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Severity;
import io.github.incident4j.postmortem.ActionItem;
import io.github.incident4j.postmortem.ExtraSection;
import io.github.incident4j.postmortem.HeaderField;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.PostmortemStatus;
import io.github.incident4j.postmortem.Priority;
import io.github.incident4j.postmortem.Section;
import io.github.incident4j.postmortem.TimelineEntry;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PostmortemMarkdownProperties {

    @Property(tries = 400)
    @Label("parse(render(p)) equals p for generated postmortems, cells with pipes and backticks included")
    void roundTrip(@ForAll("postmortems") Postmortem p) {
        Postmortem back = PostmortemMarkdown.parse(PostmortemMarkdown.render(p));
        assertThat(back).usingRecursiveComparison().isEqualTo(p);
        assertThat(back).isEqualTo(p);
    }

    @Property(tries = 200)
    @Label("rendering is stable: render(parse(render(p))) equals render(p)")
    void renderStable(@ForAll("postmortems") Postmortem p) {
        String md = PostmortemMarkdown.render(p);
        assertThat(PostmortemMarkdown.render(PostmortemMarkdown.parse(md))).isEqualTo(md);
    }

    /** One line of text: pipes, backticks, backslashes, Markdown punctuation and unicode. */
    static Arbitrary<String> line() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcXYZ 0159:.,;()-_|`\\*#[]<>äé中😀").ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("`kubectl logs | grep err`", "a|b", "\\|", "x\\", "``|``", "P1", "14:00"))
                .map(String::strip).filter(s -> !s.isEmpty());
    }

    static Arbitrary<String> body() {
        Arbitrary<String> bodyLine = Arbitraries.oneOf(line(), line().map(l -> "- " + l), Arbitraries.just(""),
                        line().map(l -> "### " + l), line().map(l -> "| " + l + " |"))
                .filter(l -> !l.matches("##(\\s.*)?"));
        return bodyLine.list().ofMaxSize(5).map(ls -> String.join("\n", ls));
    }

    static Arbitrary<LocalTime> time() {
        return Arbitraries.integers().between(0, 24 * 3600 - 1).map(LocalTime::ofSecondOfDay)
                .map(t -> t.getSecond() % 3 == 0 ? t : t.withSecond(0));
    }

    @Provide
    Arbitrary<Postmortem> postmortems() {
        Arbitrary<Consumer<Postmortem.Builder>> header = Combinators.combine(
                line().filter(t -> !t.equals("[Title]")).injectNull(0.2),
                Arbitraries.integers().between(0, 3000).map(d -> LocalDate.of(2024, 1, 1).plusDays(d)).injectNull(0.2),
                time().injectNull(0.2),
                time().injectNull(0.2),
                Arbitraries.integers().between(1, 5).map(Severity::of).injectNull(0.2),
                line().filter(t -> !t.equals("X% of users affected, Y requests failed")).injectNull(0.2),
                line().map(s -> s.replace(",", "")).map(String::strip).filter(s -> !s.isEmpty()).list().ofMaxSize(3),
                Arbitraries.of(PostmortemStatus.class).injectNull(0.3)
        ).as((title, date, start, end, severity, impact, authors, status) -> b -> b.title(title).date(date)
                .window(start, end).severity(severity).impact(impact == null ? null : io.github.incident4j.postmortem.Impact.of(impact))
                .authors(authors).status(status));
        Arbitrary<HeaderField> field = Combinators.combine(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                        .filter(n -> Postmortem.KNOWN_FIELDS.stream().noneMatch(k -> k.equalsIgnoreCase(n))),
                line()).as(HeaderField::new);
        Arbitrary<ActionItem> item = Combinators.combine(
                Arbitraries.of(Priority.class), line(), line().injectNull(0.3),
                Arbitraries.integers().between(0, 3000).map(d -> LocalDate.of(2024, 1, 1).plusDays(d)).injectNull(0.3),
                Arbitraries.of(ActionItem.Status.class).edgeCases(c -> c.add(ActionItem.Status.OPEN)))
                .as(ActionItem::new);
        Arbitrary<ExtraSection> extra = Combinators.combine(
                line().filter(h -> Section.forHeading(h).isEmpty()), body(),
                Arbitraries.of(Section.class).injectNull(0.3)).as(ExtraSection::new);
        Arbitrary<Consumer<Postmortem.Builder>> rest = Combinators.combine(
                line().injectNull(0.6),
                field.list().ofMaxSize(2),
                body(),
                Combinators.combine(time().injectNull(0.1), line()).as(TimelineEntry::new).list().ofMaxSize(6),
                body(),
                body(),
                item.list().ofMaxSize(5),
                extra.list().ofMaxSize(3)
        ).as((id, fields, summary, timeline, rootCause, wentWrong, items, extras) -> b -> {
            b.id(id).summary(summary).timeline(timeline).rootCause(rootCause)
                    .narrative(Section.WENT_WRONG, wentWrong).actionItems(items);
            fields.forEach(f -> b.field(f.name(), f.value()));
            extras.forEach(e -> b.extraSection(e.heading(), e.body(), e.after()));
        });
        Arbitrary<Consumer<Postmortem.Builder>> more = Combinators.combine(body(), body(),
                Arbitraries.of(Section.SUMMARY, Section.LESSONS_LEARNED).list().ofMaxSize(1))
                .as((well, lessons, toWrite) -> b -> b.narrative(Section.WENT_WELL, well).lessonsLearned(lessons)
                        .toBeWritten(toWrite.toArray(Section[]::new)));
        return Combinators.combine(header, rest, more).as((h, r, m) -> {
            Postmortem.Builder b = Postmortem.untitled();
            h.accept(b);
            r.accept(b);
            m.accept(b);
            return b.build();
        });
    }

    @Property(tries = 50)
    @Label("generated postmortems use the table features under test")
    void generatorCoversPipes(@ForAll("postmortems") Postmortem p) {
        List<String> cells = p.timeline().stream().map(TimelineEntry::event).toList();
        assertThat(cells).allMatch(c -> !c.isBlank());
    }
}
