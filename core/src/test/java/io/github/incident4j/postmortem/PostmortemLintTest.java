package io.github.incident4j.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Finding;
import io.github.incident4j.format.PostmortemMarkdown;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PostmortemLintTest {

    /** A complete, final, blameless postmortem: the passing case every rule starts from. */
    static Postmortem.Builder good() {
        return Postmortem.titled("Payment API 5xx after connection-pool change")
                .date(LocalDate.of(2025, 3, 14))
                .window(LocalTime.of(23, 41), LocalTime.of(0, 27))
                .severity(2)
                .impact("18% of users affected, 42,310 requests failed")
                .authors("Alice Moreau", "Bilal Khan")
                .status(PostmortemStatus.FINAL)
                .summary("A config change shrank the payment pool; checkout failed for 46 minutes.")
                .event("23:38", "Config change applied")
                .event("23:41", "Alert fires")
                .event("00:09", "Pool exhaustion found")
                .event("00:27", "Error rate normal; incident resolved")
                .rootCause("The pool size was changed without review; the change was caused by a missing review rule.")
                .wentWell("The alert fired within 3 minutes")
                .wentWrong("No review was required for production config")
                .actionItem(Priority.P0, "Require review for payment config", "@alice", LocalDate.of(2025, 3, 21))
                .actionItem(Priority.P1, "Add pool saturation alert", "@bilal", LocalDate.of(2025, 4, 4))
                .lessonsLearned("Configuration is code.");
    }

    static List<String> codes(Postmortem p) {
        return PostmortemLint.lint(p).stream().map(Finding::code).toList();
    }

    static List<Finding> findings(Postmortem p, String code) {
        return PostmortemLint.lint(p).stream().filter(f -> f.code().equals(code)).toList();
    }

    @Test
    @DisplayName("a complete, final, blameless postmortem has no findings")
    void goodIsClean() {
        assertThat(PostmortemLint.lint(good().build())).isEmpty();
    }

    @Test
    @DisplayName("the filled example fixture lints clean; the seed template, marked final, is full of placeholders")
    void fixtures() throws IOException {
        assertThat(PostmortemLint.lint(PostmortemMarkdown.parse(resource("/postmortem/filled-payment-outage.md")))).isEmpty();
        Postmortem seed = PostmortemMarkdown.parse(resource("/seed/postmortem-template.md"));
        assertThat(codes(seed)).doesNotContain("postmortem.placeholder-in-final");
        assertThat(findings(seed.toBuilder().status(PostmortemStatus.FINAL).build(), "postmortem.placeholder-in-final"))
                .extracting(Finding::location)
                .contains("title", "date", "start", "end", "severity", "impact", "authors", "summary", "rootCause",
                        "lessonsLearned");
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = PostmortemLintTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Nested
    @DisplayName("timeline out of order")
    class TimelineOrder {
        @Test
        @DisplayName("a time a few minutes before the previous one is out of order")
        void fails() {
            Postmortem p = good().timeline(List.of(TimelineEntry.at("14:05", "alert"), TimelineEntry.at("14:00", "deploy"),
                    TimelineEntry.at("14:30", "resolved"))).window(LocalTime.of(14, 0), LocalTime.of(14, 30)).build();
            assertThat(findings(p, "postmortem.timeline-out-of-order")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.location()).isEqualTo("timeline[1]");
                        assertThat(f.level()).isEqualTo(Finding.Level.ERROR);
                    });
        }

        @Test
        @DisplayName("crossing midnight (23:50 then 00:20) is in order")
        void passes() {
            Postmortem p = good().timeline(List.of(TimelineEntry.at("23:50", "alert"), TimelineEntry.at("00:20", "resolved")))
                    .window(LocalTime.of(23, 50), LocalTime.of(0, 20)).build();
            assertThat(codes(p)).doesNotContain("postmortem.timeline-out-of-order");
            assertThat(PostmortemLint.lint(p, PostmortemLint.Options.defaults().withMaxTimelineStep(Duration.ofMinutes(10))))
                    .extracting(Finding::code).contains("postmortem.timeline-out-of-order");
        }
    }

    @Nested
    @DisplayName("duration inconsistent with the timeline")
    class DurationRule {
        @Test
        @DisplayName("a resolution at another time than the end, or a timeline that stops early, is reported")
        void fails() {
            assertThat(findings(good().end(LocalTime.of(0, 40)).build(), "postmortem.duration-inconsistent"))
                    .extracting(Finding::message)
                    .anySatisfy(m -> assertThat(m).contains("ends at 00:27, before the end 00:40"))
                    .anySatisfy(m -> assertThat(m).contains("resolved at 00:40"));
            assertThat(codes(good().start(LocalTime.of(23, 0)).build())).contains("postmortem.duration-inconsistent");
        }

        @Test
        @DisplayName("a timeline spanning start to end agrees")
        void passes() {
            assertThat(codes(good().build())).doesNotContain("postmortem.duration-inconsistent");
        }
    }

    @Nested
    @DisplayName("action items")
    class ActionItems {
        @Test
        @DisplayName("an open item without owner or due date is reported; a closed one is not")
        void ownerAndDue() {
            Postmortem p = good().actionItem(ActionItem.of(Priority.P2, "Write a runbook"))
                    .actionItem(ActionItem.of(Priority.P3, "Old idea").withStatus(ActionItem.Status.WONT_DO)).build();
            assertThat(findings(p, "postmortem.action-item-without-owner")).extracting(Finding::location)
                    .containsExactly("actionItems[2]");
            assertThat(findings(p, "postmortem.action-item-without-due-date")).extracting(Finding::location)
                    .containsExactly("actionItems[2]");
        }

        @Test
        @DisplayName("a P1 item due more than 30 days after the incident is reported; the limit is configurable")
        void highPriorityDue() {
            Postmortem late = good().actionItem(Priority.P1, "Rework pools", "@dev", LocalDate.of(2025, 4, 14)).build();
            assertThat(findings(late, "postmortem.high-priority-due-late")).extracting(Finding::location)
                    .containsExactly("actionItems[2]");
            Postmortem inTime = good().actionItem(Priority.P1, "Rework pools", "@dev", LocalDate.of(2025, 4, 13)).build();
            assertThat(codes(inTime)).doesNotContain("postmortem.high-priority-due-late");
            Postmortem p3 = good().actionItem(Priority.P3, "Someday", "@dev", LocalDate.of(2025, 12, 1)).build();
            assertThat(codes(p3)).doesNotContain("postmortem.high-priority-due-late");
            assertThat(PostmortemLint.lint(inTime, PostmortemLint.Options.defaults().withHighPriorityDueDays(14)))
                    .extracting(Finding::code).contains("postmortem.high-priority-due-late");
        }

        @Test
        @DisplayName("a SEV-2 postmortem without action items is an error; a SEV-3 one is not")
        void severeWithoutItems() {
            assertThat(findings(good().actionItems(List.of()).build(), "postmortem.no-action-items"))
                    .singleElement().extracting(Finding::level).isEqualTo(Finding.Level.ERROR);
            assertThat(codes(good().actionItems(List.of()).severity(3).build())).doesNotContain("postmortem.no-action-items");
        }
    }

    @Nested
    @DisplayName("sections and placeholders")
    class Sections {
        @Test
        @DisplayName("an empty required section is reported; an empty optional one is not")
        void emptySections() {
            Postmortem p = good().rootCause("").lessonsLearned(" ").build();
            assertThat(findings(p, "postmortem.empty-section")).extracting(Finding::location)
                    .containsExactly("rootCause", "lessonsLearned");
            assertThat(PostmortemLint.lint(p, PostmortemLint.Options.defaults().withRequiredSections(
                    EnumSet.of(Section.SUMMARY)))).extracting(Finding::code).doesNotContain("postmortem.empty-section");
        }

        @Test
        @DisplayName("placeholders and to-be-written sections are errors in a final postmortem, not in a draft")
        void placeholders() {
            Postmortem finalOne = good().date(null).toBeWritten(Section.LESSONS_LEARNED).summary("TBD").build();
            assertThat(findings(finalOne, "postmortem.placeholder-in-final")).extracting(Finding::location)
                    .containsExactly("date", "summary", "lessonsLearned");
            assertThat(codes(finalOne.toBuilder().status(PostmortemStatus.DRAFT).build()))
                    .doesNotContain("postmortem.placeholder-in-final");
        }
    }

    @Nested
    @DisplayName("blame")
    class Blame {
        @Test
        @DisplayName("blaming phrases and a person named as the cause are reported with a blameless hint")
        void fails() {
            Postmortem p = good()
                    .rootCause("The pool was shrunk. It was the fault of the on-call engineer. Bilal was careless.")
                    .event(LocalTime.of(0, 27), "Outage caused by @bob's config push; incident resolved")
                    .lessonsLearned("The outage was caused by Alice, who should have checked.")
                    .build();
            List<Finding> blame = findings(p, "postmortem.blame");
            assertThat(blame).extracting(Finding::location)
                    .containsExactly("rootCause", "rootCause", "lessonsLearned", "timeline[4]");
            assertThat(blame.get(0).message()).contains("\"fault of\"").contains("blameless").contains("Google SRE book");
            assertThat(blame.get(2).message()).contains("caused by Alice");
        }

        @Test
        @DisplayName("a technical cause after 'caused by' is fine, and the word list is configurable")
        void passes() {
            Postmortem p = good().rootCause("The errors were caused by a connection leak, due to the retry path.").build();
            assertThat(codes(p)).doesNotContain("postmortem.blame");
            Postmortem careless = good().rootCause("A careless default.").build();
            assertThat(codes(careless)).contains("postmortem.blame");
            assertThat(PostmortemLint.lint(careless, PostmortemLint.Options.defaults().withBlamePhrases(List.of("fault of"))))
                    .extracting(Finding::code).doesNotContain("postmortem.blame");
            Postmortem named = good().rootCause("It was caused by Carol.").build();
            assertThat(codes(named)).doesNotContain("postmortem.blame");
            assertThat(PostmortemLint.lint(named, PostmortemLint.Options.defaults().withKnownPeople(List.of("Carol Diaz"))))
                    .extracting(Finding::code).contains("postmortem.blame");
        }
    }

    @Nested
    @DisplayName("postmortems read from the layouts teams write")
    class Layouts {

        @Test
        @DisplayName("a timeline whose entries give their dates is in order across days, and one going back is not")
        void datedTimeline() {
            Postmortem days = good().timeline(List.of(
                    TimelineEntry.on(LocalDate.of(2025, 3, 14), LocalTime.of(23, 38), "Config change applied"),
                    TimelineEntry.on(LocalDate.of(2025, 3, 16), LocalTime.of(8, 0), "Weekend backlog cleared"),
                    TimelineEntry.on(LocalDate.of(2025, 3, 16), LocalTime.of(0, 27), "Back to normal; resolved")))
                    .window((LocalTime) null, null).build();
            assertThat(findings(days, "postmortem.timeline-out-of-order")).singleElement()
                    .satisfies(f -> assertThat(f.location()).isEqualTo("timeline[2]"));
            Postmortem forward = days.toBuilder().timeline(days.timeline().subList(0, 2)).build();
            assertThat(codes(forward)).doesNotContain("postmortem.timeline-out-of-order");
        }

        @Test
        @DisplayName("a time it cannot place and a due text that is no date are warned about, not refused")
        void unreadable() {
            Postmortem p = good().event(new TimelineEntry("around noon", null, null, null, "Traffic peaks", java.util.Map.of()))
                    .actionItem(new ActionItem(null, "Write the capacity plan", "@ops", null, ActionItem.Status.OPEN, null,
                            "Q2", java.util.Map.of()))
                    .build();
            assertThat(findings(p, "postmortem.timeline-time-unreadable")).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("'around noon'"));
            assertThat(findings(p, "postmortem.action-item-due-unreadable")).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("'Q2'"));
            assertThat(codes(p)).doesNotContain("postmortem.action-item-without-due-date");
        }

        @Test
        @DisplayName("an item without a priority is never a late high-priority item; one in progress still needs an owner")
        void itemsWithoutPriority() {
            Postmortem p = good().actionItem(new ActionItem(null, "Review dashboards", null, LocalDate.of(2026, 1, 1),
                    ActionItem.Status.IN_PROGRESS)).build();
            assertThat(codes(p)).doesNotContain("postmortem.high-priority-due-late");
            assertThat(findings(p, "postmortem.action-item-without-owner")).singleElement()
                    .satisfies(f -> assertThat(f.location()).isEqualTo("actionItems[2]"));
        }

        @Test
        @DisplayName("the corpus lints without a leaked exception, and every finding on an entry has the entry's line")
        void corpus() throws IOException, java.net.URISyntaxException {
            java.nio.file.Path dir = java.nio.file.Path.of(PostmortemLintTest.class.getResource("/postmortems").toURI());
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path f : files.sorted().toList()) {
                    Postmortem p = PostmortemMarkdown.parse(java.nio.file.Files.readString(f));
                    for (Finding finding : PostmortemLint.lint(p)) {
                        if (finding.location().matches("(timeline|actionItems)\\[\\d+].*")) {
                            assertThat(PostmortemMarkdown.lineOf(p, finding.location())).as("%s: %s", f.getFileName(),
                                    finding).isPresent();
                        }
                    }
                }
            }
        }
    }
}
