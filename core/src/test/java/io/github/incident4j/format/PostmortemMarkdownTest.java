package io.github.incident4j.format;

import static io.github.incident4j.format.EscalationMatrixTextTest.assertFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.common.Severity;
import io.github.incident4j.postmortem.ActionItem;
import io.github.incident4j.postmortem.ExtraSection;
import io.github.incident4j.postmortem.HeaderField;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.PostmortemStatus;
import io.github.incident4j.postmortem.Priority;
import io.github.incident4j.postmortem.Section;
import io.github.incident4j.postmortem.TimelineEntry;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PostmortemMarkdownTest {

    static String resource(String path) {
        try (InputStream in = PostmortemMarkdownTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("missing test resource " + path, e);
        }
    }

    static String seed() {
        return resource("/seed/postmortem-template.md");
    }

    static String filled() {
        return resource("/postmortem/filled-payment-outage.md");
    }

    @Nested
    @DisplayName("the seed template")
    class SeedTemplate {

        @Test
        @DisplayName("reads its placeholders as absent values")
        void placeholdersAreAbsent() {
            Postmortem p = PostmortemMarkdown.parse(seed());
            assertThat(p.title()).isNull();
            assertThat(p.date()).isNull();
            assertThat(p.start()).isNull();
            assertThat(p.end()).isNull();
            assertThat(p.duration()).isEmpty();
            assertThat(p.severity()).isNull();
            assertThat(p.impact()).isNull();
            assertThat(p.authors()).isEmpty();
            assertThat(p.status()).isNull();
            assertThat(p.zone()).isEqualTo(ZoneId.of("UTC").normalized());
        }

        @Test
        @DisplayName("reads its sections, timeline and action items as written")
        void sections() {
            Postmortem p = PostmortemMarkdown.parse(seed());
            assertThat(p.summary()).isEqualTo("One paragraph describing what happened, the impact, and how it was resolved.");
            assertThat(p.timeline()).hasSize(6).first()
                    .isEqualTo(new TimelineEntry(LocalTime.of(14, 0), "Deployment v2.3.1 rolled out"));
            assertThat(p.timeline().get(5)).isEqualTo(TimelineEntry.at("14:22", "Service recovered, error rate normal"));
            assertThat(p.rootCause()).isEqualTo("Detailed technical explanation of what went wrong.");
            assertThat(Postmortem.bullets(p.wentWell())).containsExactly("Alert fired within 5 minutes of issue",
                    "Runbook was up to date", "Rollback procedure worked smoothly");
            assertThat(Postmortem.bullets(p.wentWrong())).hasSize(3)
                    .contains("Staging environment didn't reproduce (different connection pool size)");
            assertThat(p.actionItems()).hasSize(4);
            assertThat(p.actionItems().get(0)).isEqualTo(ActionItem.of(Priority.P1, "Add connection pool monitoring metric")
                    .ownedBy("@dev").dueOn(LocalDate.of(2025, 2, 1)));
            assertThat(p.actionItems().get(3).priority()).isEqualTo(Priority.P3);
            assertThat(p.actionItems()).allMatch(i -> i.status() == ActionItem.Status.OPEN);
            assertThat(p.lessonsLearned()).isEqualTo("Key takeaways for the team.");
            assertThat(p.extraSections()).isEmpty();
        }

        @Test
        @DisplayName("renders back byte for byte, its misaligned action-items table included")
        void rendersBackAsWritten() {
            Postmortem p = PostmortemMarkdown.parse(seed());
            assertThat(PostmortemMarkdown.render(p)).isEqualTo(seed());
        }

        @Test
        @DisplayName("written from the model (without its source) it is the template's layout; only the misaligned "
                + "action-items table is realigned")
        void modelRendersTheLayout() {
            String rendered = PostmortemMarkdown.render(PostmortemMarkdown.parse(seed()).toBuilder().source(null).build());
            List<String> expected = seed().lines().toList();
            List<String> actual = rendered.lines().toList();
            assertThat(actual).hasSameSizeAs(expected);
            int actionTable = expected.indexOf("## Action Items") + 1;
            for (int i = 0; i < expected.size(); i++) {
                if (i >= actionTable && i < actionTable + 6) {
                    assertThat(squeeze(actual.get(i))).as("line %d", i + 1).isEqualTo(squeeze(expected.get(i)));
                    assertThat(actual.get(i)).hasSize(actual.get(actionTable).length());
                } else {
                    assertThat(actual.get(i)).as("line %d", i + 1).isEqualTo(expected.get(i));
                }
            }
        }

        @Test
        @DisplayName("round-trips: parse(render(p)) equals p, with or without its source")
        void roundTrip() {
            Postmortem p = PostmortemMarkdown.parse(seed());
            assertThat(PostmortemMarkdown.parse(PostmortemMarkdown.render(p))).isEqualTo(p);
            Postmortem built = p.toBuilder().source(null).build();
            assertThat(PostmortemMarkdown.parse(PostmortemMarkdown.render(built))).isEqualTo(p);
        }

        private String squeeze(String line) {
            return line.replaceAll("\\s+", " ").replaceAll("-+", "-");
        }
    }

    @Nested
    @DisplayName("a filled-in postmortem")
    class Filled {

        @Test
        @DisplayName("reads every header field, the unknown one included")
        void header() {
            Postmortem p = PostmortemMarkdown.parse(filled());
            assertThat(p.title()).isEqualTo("Payment API 5xx after connection-pool change");
            assertThat(p.date()).isEqualTo(LocalDate.of(2025, 3, 14));
            assertThat(p.start()).isEqualTo(LocalTime.of(23, 41));
            assertThat(p.end()).isEqualTo(LocalTime.of(0, 27));
            assertThat(p.duration()).contains(Duration.ofMinutes(46));
            assertThat(p.endInstant()).contains(Instant.parse("2025-03-15T00:27:00Z"));
            assertThat(p.severity()).isEqualTo(Severity.of(2));
            assertThat(p.impact().usersAffectedPercent()).contains(new BigDecimal("18"));
            assertThat(p.impact().failedRequests()).hasValue(42_310);
            assertThat(p.authors()).containsExactly("Alice Moreau", "Bilal Khan");
            assertThat(p.status()).isEqualTo(PostmortemStatus.FINAL);
            assertThat(p.id()).isEqualTo("PM-2025-007");
            assertThat(p.extraFields()).containsExactly(new HeaderField("Incident", "INC-4821"));
        }

        @Test
        @DisplayName("reads escaped pipes and backticks in table cells, statuses, and the unknown section in place")
        void tablesAndSections() {
            Postmortem p = PostmortemMarkdown.parse(filled());
            assertThat(p.timeline().get(4).event()).isEqualTo("Pool exhaustion seen in `kubectl logs | grep \"pool timeout\"`");
            assertThat(p.actionItems()).extracting(ActionItem::status).containsExactly(ActionItem.Status.DONE,
                    ActionItem.Status.OPEN, ActionItem.Status.OPEN, ActionItem.Status.WONT_DO);
            assertThat(p.actionItems().get(1).action()).isEqualTo("Add pool saturation panel and alert (`active / max > 0.9`)");
            assertThat(p.extraSections()).singleElement().satisfies(s -> {
                assertThat(s.heading()).isEqualTo("Supporting Data");
                assertThat(s.after()).isEqualTo(Section.LESSONS_LEARNED);
                assertThat(s.body()).startsWith("- Grafana snapshot").endsWith("`a1b2c3d`");
            });
        }

        @Test
        @DisplayName("keeps the order of a timeline that crosses midnight")
        void midnight() {
            Postmortem p = PostmortemMarkdown.parse(filled());
            List<Postmortem.ResolvedEvent> events = p.resolvedTimeline();
            assertThat(events.get(3).at()).isEqualTo(Instant.parse("2025-03-14T23:58:00Z"));
            assertThat(events.get(4).at()).isEqualTo(Instant.parse("2025-03-15T00:09:00Z"));
            assertThat(events.get(4).dayOffset()).isEqualTo(1);
            assertThat(events).extracting(Postmortem.ResolvedEvent::at).isSorted();
        }

        @Test
        @DisplayName("renders exactly as written and round-trips")
        void rendersAsWritten() {
            Postmortem p = PostmortemMarkdown.parse(filled());
            assertThat(PostmortemMarkdown.render(p)).isEqualTo(filled());
            assertThat(PostmortemMarkdown.parse(PostmortemMarkdown.render(p))).isEqualTo(p);
        }

        @Test
        @DisplayName("says on which line each part is written, for lint findings and validation problems")
        void lines() {
            Postmortem p = PostmortemMarkdown.parse(filled());
            assertThat(PostmortemMarkdown.lineOf(p, "timeline[3]")).hasValue(23);
            assertThat(PostmortemMarkdown.lineOf(p, "actionItems[1].owner")).hasValue(47);
            assertThat(PostmortemMarkdown.lineOf(p, "rootCause")).hasValue(28);
            assertThat(PostmortemMarkdown.lineOf(p, "severity")).hasValue(5);
            assertThat(PostmortemMarkdown.lineOf(Postmortem.titled("t").build(), "severity")).isEmpty();
        }
    }

    @Nested
    @DisplayName("writing a postmortem built from the model")
    class Rendering {

        @Test
        @DisplayName("writes the duration line from start and end, across midnight too")
        void durationLine() {
            Postmortem p = Postmortem.titled("t").window(LocalTime.of(23, 50), LocalTime.of(1, 5)).build();
            assertThat(PostmortemMarkdown.render(p)).contains("**Duration**: 23:50 start → 01:05 resolved (1 hour 15 minutes)\n");
            Postmortem q = Postmortem.titled("t").window(LocalTime.of(14, 0), LocalTime.of(14, 22)).build();
            assertThat(PostmortemMarkdown.render(q)).contains("**Duration**: 14:00 start → 14:22 resolved (22 minutes)\n");
        }

        @Test
        @DisplayName("escapes pipes in cells, inside backticks too, and writes Status and Ticket columns only when needed")
        void escaping() {
            Postmortem p = Postmortem.titled("t")
                    .event("10:00", "ran `a | b` and c|d")
                    .actionItem(Priority.P2, "split `x|y`", "@a|b", null)
                    .build();
            String md = PostmortemMarkdown.render(p);
            assertThat(md).contains("| 10:00 | ran `a \\| b` and c\\|d |")
                    .contains("| P2       | split `x\\|y` | @a\\|b |     |\n")
                    .doesNotContain("Status").doesNotContain("Ticket");
            assertThat(PostmortemMarkdown.parse(md)).isEqualTo(p);
            Postmortem done = p.toBuilder().actionItems(List.of(p.actionItems().get(0).withStatus(ActionItem.Status.DONE)
                    .withTicket("OPS-7"))).build();
            assertThat(PostmortemMarkdown.render(done)).contains("| Priority | Action       | Owner | Due | Status | Ticket |");
            assertThat(PostmortemMarkdown.parse(PostmortemMarkdown.render(done))).isEqualTo(done);
        }

        @Test
        @DisplayName("writes the to-be-written marker and extra sections where they were")
        void markerAndExtras() {
            Postmortem p = Postmortem.titled("t").toBeWritten(Section.SUMMARY, Section.ROOT_CAUSE)
                    .extraSection("Context", "Before everything.", null)
                    .extraSection("Graphs", "![g](g.png)", Section.TIMELINE)
                    .build();
            String md = PostmortemMarkdown.render(p);
            assertThat(md).containsSubsequence("## Context\nBefore everything.\n", "## Summary\n" + Postmortem.TO_BE_WRITTEN,
                    "## Timeline (UTC)", "## Graphs\n![g](g.png)\n", "## Root Cause");
            Postmortem back = PostmortemMarkdown.parse(md);
            assertThat(back).isEqualTo(p);
            assertThat(back.isToBeWritten(Section.SUMMARY)).isTrue();
            assertThat(back.extraSections()).extracting(ExtraSection::after).containsExactly(null, Section.TIMELINE);
        }

        @Test
        @DisplayName("names the zone in the timeline's heading, and writes the SRE book's sections only when they hold "
                + "something")
        void zoneAndOptionalSections() {
            Postmortem p = Postmortem.titled("t").zone(ZoneId.of("Europe/Berlin")).date(LocalDate.of(2026, 3, 29))
                    .event("01:30", "clocks change").narrative(Section.TRIGGER, "A deploy.").wentLucky("It was Sunday")
                    .build();
            String md = PostmortemMarkdown.render(p);
            assertThat(md).contains("## Timeline (Europe/Berlin)\n", "## Trigger\nA deploy.\n",
                    "## Where We Got Lucky\n- It was Sunday\n").doesNotContain("## Impact", "## Detection", "## Resolution");
            Postmortem back = PostmortemMarkdown.parse(md);
            assertThat(back).isEqualTo(p);
            assertThat(back.resolvedTimeline().get(0).at()).isEqualTo(Instant.parse("2026-03-29T00:30:00Z"));
        }

        @Test
        @DisplayName("aligns a column only up to 60 characters, so one long cell does not pad every other row")
        void boundedAlignment() {
            String longEvent = "x".repeat(5_000);
            Postmortem.Builder b = Postmortem.titled("t").event("10:00", longEvent);
            for (int i = 0; i < 200; i++) {
                b.event("10:01", "e");
            }
            String md = PostmortemMarkdown.render(b.build());
            assertThat(md.length()).isLessThan(longEvent.length() + 200 * 20 + 2_000);
            assertThat(PostmortemMarkdown.parse(md)).isEqualTo(b.build());
        }
    }

    @Nested
    @DisplayName("bad input is refused with line and column, one problem per real problem")
    class BadInput {

        private String withLine(String from, String to) {
            assertThat(filled()).contains(from);
            return filled().replace(from, to);
        }

        @Test
        @DisplayName("a runbook, or YAML, is refused saying what it looks like")
        void otherKinds() {
            assertFormat(() -> PostmortemMarkdown.parse(resource("/seed/runbook-template.md")), 12, 1,
                    "not a postmortem: this looks like a runbook (sections Diagnosis, Mitigation, Recovery Verification); "
                            + "read it with RunbookMarkdown");
            assertFormat(() -> PostmortemMarkdown.parse(resource("/seed/chaos-pod-delete.yaml")), 1, 1,
                    "not a postmortem: this looks like YAML (kind: ChaosEngine)");
        }

        @Test
        @DisplayName("a document without any postmortem section is refused, naming the headings it has")
        void noSections() {
            assertFormat(() -> PostmortemMarkdown.parse("# Release notes\n\n## Added\n- dark mode\n\n## Fixed\n- crash\n"),
                    1, 1, "none of its headings names a postmortem section (Summary, Impact, Timeline, Root Cause, "
                            + "Resolution, Action Items, Lessons Learned, ...); it has 'Release notes', 'Added', 'Fixed'");
            assertFormat(() -> PostmortemMarkdown.parse("Postmortem\n**Date**: 2025-01-01\n"), 1, 1, "it has no headings");
        }

        @Test
        @DisplayName("a table header it cannot read is one problem naming the columns found and expected, however "
                + "many rows follow")
        void unreadableHeader() {
            String text = withLine("| Priority | Action                                                     | Owner   | Due        | Status   |",
                    "| Prio | Thing | Owner | Due | Status |");
            assertThatThrownBy(() -> PostmortemMarkdown.parse(text)).isInstanceOfSatisfying(FormatException.class, e -> {
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(44);
                    assertThat(p.message()).contains("the action items table's columns (Prio, Thing, Owner, Due, Status) "
                            + "cannot be read: expected an action column (Action, Item, Task, Description)");
                });
            });
            String timeline = withLine("| Time  | Event ", "| Phase | Thing ");
            assertFormat(() -> PostmortemMarkdown.parse(timeline), 18, 1, "the timeline table's columns (Phase, Thing) "
                    + "cannot be read: expected a time column (Time, Timestamp, Date/Time, When) and an event column");
        }

        @Test
        @DisplayName("a date or time that does not exist")
        void impossibleDate() {
            assertFormat(() -> PostmortemMarkdown.parse(withLine("**Date**: 2025-03-14", "**Date**: 2025-02-30")), 3, 11,
                    "'2025-02-30' is not a date that exists");
            assertFormat(() -> PostmortemMarkdown.parse(withLine("| @devops | 2025-04-30 |", "| @devops | 2025-04-31 |")),
                    48, 85, "'2025-04-31' is not a date that exists");
            assertFormat(() -> PostmortemMarkdown.parse(withLine("| 23:46 |", "| 25:46 |")), 22, 3,
                    "'25:46' is not a time that exists");
        }

        @Test
        @DisplayName("an unknown priority, status, severity or zone")
        void unknownValues() {
            assertFormat(() -> PostmortemMarkdown.parse(withLine("| P2       | Separate", "| P7       | Separate")), 48, 3,
                    "unknown priority 'P7'");
            assertFormat(() -> PostmortemMarkdown.parse(withLine("| open     |\n| P2", "| later    |\n| P2")), 47, 98,
                    "unknown status 'later'");
            assertFormat(() -> PostmortemMarkdown.parse(withLine("**Severity**: SEV-2", "**Severity**: SEV-9")), 5, 15,
                    "unknown severity 'SEV-9'");
            assertFormat(() -> PostmortemMarkdown.parse(withLine("**Incident**: INC-4821", "**Timezone**: Mars/Olympus")),
                    10, 15, "unknown time zone 'Mars/Olympus'");
        }

        @Test
        @DisplayName("a duration that disagrees with start and end")
        void inconsistentDuration() {
            String text = withLine("(46 minutes)", "(1 hour)");
            assertFormat(() -> PostmortemMarkdown.parse(text), 4, text.lines().toList().get(3).indexOf("1 hour") + 1,
                    "does not agree with 23:41 → 00:27, which is 46 minutes");
            assertFormat(() -> PostmortemMarkdown.parse(withLine("(46 minutes)", "(about an hour)")), 4, 45,
                    "cannot read the duration");
            assertThat(PostmortemMarkdown.parse(withLine("(46 minutes)", "(46m)")).duration()).contains(Duration.ofMinutes(46));
        }

        @Test
        @DisplayName("reports every problem of a document at once")
        void allProblems() {
            String text = withLine("**Date**: 2025-03-14", "**Date**: 2025-02-30").replace("| P2       |", "| P7       |");
            assertThatThrownBy(() -> PostmortemMarkdown.parse(text))
                    .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.problems()).hasSize(2));
        }

        @Test
        @DisplayName("a text over the cap is refused before it is read")
        void cap() {
            String huge = "# Postmortem: x\n\n## Summary\n" + "a".repeat(1_000_001);
            assertFormat(() -> PostmortemMarkdown.parse(huge), 1, 1, "is over the limit of 1000000");
        }

        @Test
        @DisplayName("what it reads leniently it keeps: prose around tables, rows with fewer cells, free text in the "
                + "header, a duration it cannot place")
        void lenient() {
            Postmortem around = PostmortemMarkdown.parse(withLine("| 00:27 | Error rate back under 0.1%; incident resolved                 |\n",
                    "| 00:27 | Error rate back under 0.1%; incident resolved |\n\nSee the graphs.\n"));
            assertThat(around.narrative(Section.TIMELINE)).isEqualTo("See the graphs.");
            Postmortem shortRow = PostmortemMarkdown.parse(withLine("| @devops | 2025-04-30 | open     |", "| @devops |"));
            assertThat(shortRow.actionItems().get(2).due()).isNull();
            Postmortem prose = PostmortemMarkdown.parse(withLine("**Incident**: INC-4821", "Linked to INC-4821 and INC-4822."));
            assertThat(prose.preamble()).isEqualTo("Linked to INC-4821 and INC-4822.");
            Postmortem stated = PostmortemMarkdown.parse(withLine("**Duration**: 23:41 start → 00:27 resolved (46 minutes)",
                    "**Duration**: about 46 minutes"));
            assertThat(stated.start()).isNull();
            assertThat(stated.extraFields()).contains(new HeaderField("Duration", "about 46 minutes"));
            assertThat(PostmortemMarkdown.render(stated)).isEqualTo(withLine(
                    "**Duration**: 23:41 start → 00:27 resolved (46 minutes)", "**Duration**: about 46 minutes"));
        }

        @Test
        @DisplayName("authors are split at commas and semicolons only, so a team named with 'and' stays one author")
        void authors() {
            assertThat(PostmortemMarkdown.parse(withLine("**Authors**: Alice Moreau, Bilal Khan", "**Authors**: Alice; Bob"))
                    .authors()).containsExactly("Alice", "Bob");
            assertThat(PostmortemMarkdown.parse(withLine("**Authors**: Alice Moreau, Bilal Khan",
                    "**Authors**: Security and Search teams")).authors()).containsExactly("Security and Search teams");
        }
    }

    @Test
    @DisplayName("details of other columns are kept by their heading")
    void details() {
        Postmortem p = PostmortemMarkdown.parse(PostmortemFixtures.get("05-atlassian-template.md"));
        assertThat(p.timeline().get(1).details()).isEqualTo(Map.of("Details", "Assertions rejected with `InvalidSignature`",
                "Impact", "SSO logins fail"));
    }
}
