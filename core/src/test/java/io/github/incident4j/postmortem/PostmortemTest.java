package io.github.incident4j.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PostmortemTest {

    @Test
    @DisplayName("the DSL builds a postmortem whose duration follows from start and end")
    void dsl() {
        Postmortem p = Postmortem.titled("Checkout errors after v2.3.1")
                .date(LocalDate.of(2025, 1, 15))
                .window(LocalTime.of(14, 0), LocalTime.of(14, 22))
                .severity(2)
                .impact("12% of users affected, 3,400 requests failed")
                .authors("Alice", "Bob")
                .event("14:00", "Deployment v2.3.1 rolled out")
                .event("14:22", "Service recovered")
                .wentWell("Alert fired within 5 minutes", "Runbook was up to date")
                .actionItem(Priority.P1, "Add pool metric", "@dev", LocalDate.of(2025, 2, 1))
                .build();
        assertThat(p.duration()).contains(Duration.ofMinutes(22));
        assertThat(p.startInstant()).contains(Instant.parse("2025-01-15T14:00:00Z"));
        assertThat(p.severity().label()).isEqualTo("SEV-2");
        assertThat(p.impact().usersAffectedPercent()).contains(new BigDecimal("12"));
        assertThat(p.impact().failedRequests()).hasValue(3400);
        assertThat(p.wentWell()).isEqualTo("- Alert fired within 5 minutes\n- Runbook was up to date");
        assertThat(Postmortem.bullets(p.wentWell())).containsExactly("Alert fired within 5 minutes", "Runbook was up to date");
        assertThat(p.toBuilder().build()).isEqualTo(p);
        assertThat(p.toBuilder().severity(1).build().severity()).isEqualTo(Severity.of(1));
    }

    @Test
    @DisplayName("a window that ends before it starts crosses midnight")
    void crossesMidnight() {
        Postmortem p = Postmortem.titled("t").date(LocalDate.of(2025, 3, 14))
                .window(LocalTime.of(23, 50), LocalTime.of(0, 20))
                .event("23:50", "alert").event("00:05", "ack").event("00:20", "resolved").build();
        assertThat(p.duration()).contains(Duration.ofMinutes(30));
        assertThat(p.endInstant()).contains(Instant.parse("2025-03-15T00:20:00Z"));
        assertThat(p.resolvedTimeline()).extracting(Postmortem.ResolvedEvent::at).containsExactly(
                Instant.parse("2025-03-14T23:50:00Z"), Instant.parse("2025-03-15T00:05:00Z"),
                Instant.parse("2025-03-15T00:20:00Z"));
    }

    @Test
    @DisplayName("a drafter can set every field from an incident and mark sections for people")
    void drafterShape() {
        Postmortem draft = Postmortem.titled("ServiceHighErrorRate on payment-service")
                .window(Instant.parse("2025-03-14T23:41:00Z"), Instant.parse("2025-03-15T00:27:00Z"))
                .severity(Severity.parse("SEV-2"))
                .authors(java.util.List.of("Alice", "Bilal"))
                .status(PostmortemStatus.DRAFT)
                .event(LocalTime.of(23, 41), "Alert ServiceHighErrorRate fired")
                .toBeWritten(Section.SUMMARY, Section.ROOT_CAUSE, Section.WENT_WELL, Section.WENT_WRONG,
                        Section.LESSONS_LEARNED)
                .build();
        assertThat(draft.date()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(draft.duration()).contains(Duration.ofMinutes(46));
        assertThat(draft.isToBeWritten(Section.SUMMARY)).isTrue();
        assertThat(draft.isToBeWritten(Section.LESSONS_LEARNED)).isTrue();
        assertThat(draft.isFinal()).isFalse();
    }

    @Test
    @DisplayName("the builder reports every problem at once, with field path and value")
    void validation() {
        assertThatThrownBy(() -> Postmortem.titled(" ")
                .authors("Alice, Bob")
                .event("10:00", "two\nlines")
                .actionItem(Priority.P1, "", null, null)
                .summary("text\n## Injected section")
                .extraSection("Summary", "x", null)
                .field("Date", "2025-01-01")
                .build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(ValidationException.Problem::field)
                        .containsExactlyInAnyOrder("title", "authors[0]", "timeline[0].event", "actionItems[0].action",
                                "summary", "extraSections[0].heading", "extraFields[0].name"));
    }

    @Test
    @DisplayName("a template placeholder cannot be a value: it would read back as absent")
    void placeholdersAreNotValues() {
        assertThatThrownBy(() -> Postmortem.titled("[Title]").authors("[Names]")
                .impact("X% of users affected, Y requests failed").build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(ValidationException.Problem::field).containsExactly("title", "impact", "authors"));
    }

    @Test
    @DisplayName("severity, priority and status read their written forms and refuse others")
    void values() {
        assertThat(Severity.parse("sev2")).isEqualTo(Severity.of(2));
        assertThat(Severity.of(1).isAtLeast(Severity.of(2))).isTrue();
        assertThatThrownBy(() -> Severity.parse("SEV-6")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Severity.of(0)).isInstanceOf(ValidationException.class);
        assertThat(Priority.parse("p0")).isEqualTo(Priority.P0);
        assertThatThrownBy(() -> Priority.parse("P7")).hasMessageContaining("P7");
        assertThat(ActionItem.Status.parse("Won't do")).isEqualTo(ActionItem.Status.WONT_DO);
        assertThat(ActionItem.Status.parse("wont-do")).isEqualTo(ActionItem.Status.WONT_DO);
        assertThat(PostmortemStatus.parse("Final")).isEqualTo(PostmortemStatus.FINAL);
    }

    @Test
    @DisplayName("the impact line gives its figures when it has them, and none otherwise")
    void impact() {
        assertThat(Impact.of("about 1.5k requests failed").failedRequests()).hasValue(1500);
        assertThat(Impact.of("3.5% of users saw errors").usersAffectedPercent()).contains(new BigDecimal("3.5"));
        assertThat(Impact.of("Internal dashboards were slow").usersAffectedPercent()).isEmpty();
        assertThat(Impact.of("Internal dashboards were slow").failedRequests()).isEmpty();
        assertThat(Impact.of(new BigDecimal("18.0"), 42_310).text()).isEqualTo("18% of users affected, 42,310 requests failed");
    }

    @Test
    @DisplayName("identity across revisions is the explicit id, else title and date")
    void identity() {
        Postmortem a = Postmortem.titled("DB outage").date(LocalDate.of(2025, 1, 2)).build();
        assertThat(a.identity()).isEqualTo(Postmortem.titled("db OUTAGE").date(LocalDate.of(2025, 1, 2)).build().identity());
        assertThat(a.toBuilder().id("PM-1").build().identity()).isEqualTo("id:PM-1");
    }

    @Test
    @DisplayName("the source a postmortem was read from is carried by copies but is not part of its value")
    void source() {
        PostmortemSource doc = () -> "# Postmortem: DB outage\n";
        Postmortem read = Postmortem.titled("DB outage").source(doc).build();
        Postmortem built = Postmortem.titled("DB outage").build();
        assertThat(read).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(read.toBuilder().severity(2).build().source()).isSameAs(doc);
        assertThat(read.toBuilder().source(null).build().source()).isNull();
        assertThat(read.toString()).contains("source=24 characters").doesNotContain("# Postmortem");
    }

    @Test
    @DisplayName("lessons learned as the SRE book writes them: well, wrong, lucky and the notes")
    void lessons() {
        Postmortem p = Postmortem.titled("t").wentWell("Alert fired").wentWrong("No runbook", "Slow rollback")
                .wentLucky("Quiet day").lessonsLearned("Practice failovers.").build();
        assertThat(p.lessons()).isEqualTo(new Postmortem.Lessons(List.of("Alert fired"), List.of("No runbook",
                "Slow rollback"), List.of("Quiet day"), "Practice failovers."));
    }

    @Test
    @DisplayName("entries carry their time as written, with the date and zone they give; a blank text is written "
            + "from the values")
    void entries() {
        assertThat(TimelineEntry.at("14:05", "e").timeText()).isEqualTo("14:05");
        assertThat(TimelineEntry.on(LocalDate.of(2026, 1, 2), LocalTime.of(9, 5, 30), "e").timeText())
                .isEqualTo("2026-01-02 09:05:30");
        assertThat(new TimelineEntry("", null, LocalTime.of(9, 0), ZoneOffset.ofHours(-8), "e", Map.of()).timeText())
                .isEqualTo("09:00 -08:00");
        assertThat(new TimelineEntry((LocalTime) null, "e").timeText()).isEmpty();
        assertThat(new TimelineEntry("2:05 PM", null, LocalTime.of(14, 5), null, "e", Map.of("Impact", " ", "Who", "QA"))
                .details()).isEqualTo(Map.of("Who", "QA"));
        Postmortem zoned = Postmortem.titled("t").zone(ZoneId.of("Europe/Berlin")).date(LocalDate.of(2026, 3, 29))
                .event("01:30", "before the change").event("03:30", "after the change")
                .event(TimelineEntry.on(LocalDate.of(2026, 3, 30), LocalTime.of(9, 0), "next day"))
                .event(new TimelineEntry("", null, LocalTime.of(9, 30), ZoneOffset.UTC, "in UTC", Map.of())).build();
        assertThat(zoned.resolvedTimeline()).extracting(Postmortem.ResolvedEvent::at).containsExactly(
                Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:30:00Z"),
                Instant.parse("2026-03-30T07:00:00Z"), Instant.parse("2026-03-30T09:30:00Z"));
        assertThat(zoned.resolvedTimeline().get(2).dayOffset()).isEqualTo(1);
    }

    @Test
    @DisplayName("the words teams use for statuses and priorities")
    void words() {
        assertThat(ActionItem.Status.parse("WIP")).isEqualTo(ActionItem.Status.IN_PROGRESS);
        assertThat(ActionItem.Status.parse("Completed")).isEqualTo(ActionItem.Status.DONE);
        assertThat(ActionItem.Status.parse("Won't fix")).isEqualTo(ActionItem.Status.WONT_DO);
        assertThat(ActionItem.Status.parse("to do")).isEqualTo(ActionItem.Status.OPEN);
        assertThat(Priority.parse("High")).isEqualTo(Priority.P1);
        assertThat(Priority.parse("critical")).isEqualTo(Priority.P0);
        assertThat(PostmortemStatus.parse("Complete, action items in progress")).isEqualTo(PostmortemStatus.FINAL);
        assertThat(PostmortemStatus.parse("In review")).isEqualTo(PostmortemStatus.DRAFT);
        assertThatThrownBy(() -> ActionItem.Status.parse("later")).hasMessageContaining("later");
        assertThat(Section.forHeading("3. ⏱️ Timeline (UTC)")).contains(Section.TIMELINE);
        assertThat(Section.forHeading("How'd We Do?")).contains(Section.LESSONS_LEARNED);
        assertThat(Section.forHeading("Action Items & Followups")).contains(Section.ACTION_ITEMS);
        assertThat(HeaderField.knownAs("**Postmortem Owner:**")).contains("authors");
    }

    @Test
    @DisplayName("a heading text that ends in closing marks, and an extra section that names a known one before it, "
            + "are refused: they would not read back")
    void headings() {
        assertThatThrownBy(() -> Postmortem.titled("Outage #").build()).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.problems()).extracting(ValidationException.Problem::field).containsExactly("title"));
        assertThat(Postmortem.titled("C# service outage").build().title()).isEqualTo("C# service outage");
        assertThatThrownBy(() -> Postmortem.titled("t").extraSection("Contributing Factors", "x", Section.SUMMARY).build())
                .hasMessageContaining("place it after Root Cause");
        assertThat(Postmortem.titled("t").extraSection("Contributing Factors", "x", Section.ROOT_CAUSE).build()
                .extraSections()).hasSize(1);
    }
}
