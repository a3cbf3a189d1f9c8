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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The layouts teams write, each read from a postmortem of the corpus as its authors meant it. */
@DisplayName("PostmortemMarkdown reads the layouts teams write")
class PostmortemLayoutsTest {

    private static Postmortem read(String fixture) {
        return PostmortemMarkdown.parse(PostmortemFixtures.get(fixture));
    }

    private static List<Instant> instants(Postmortem p) {
        return p.resolvedTimeline().stream().map(Postmortem.ResolvedEvent::at).toList();
    }

    @Nested
    @DisplayName("the Google SRE book's")
    class SreBook {

        @Test
        @DisplayName("example: plain and bold fields, its sections by meaning, what went well, wrong and lucky under "
                + "Lessons Learned, a timeline of lines under a date line")
        void example() {
            Postmortem p = read("02-sre-book-search-outage.md");
            assertThat(p.title()).isEqualTo("Lyric Search Postmortem (incident #512)");
            assertThat(p.date()).isEqualTo(LocalDate.of(2026, 2, 5));
            assertThat(p.authors()).containsExactly("amara", "jkowalski", "lin.chen");
            assertThat(p.status()).isEqualTo(PostmortemStatus.FINAL);
            assertThat(p.extraFields()).extracting(HeaderField::name).containsExactly("Summary");
            assertThat(p.sections()).containsKeys(Section.IMPACT, Section.ROOT_CAUSE, Section.TRIGGER, Section.RESOLUTION,
                    Section.DETECTION, Section.WENT_WELL, Section.WENT_WRONG, Section.WHERE_WE_GOT_LUCKY);
            assertThat(p.narrative(Section.TRIGGER)).startsWith("A post in a large music forum");
            assertThat(p.lessons().lucky()).containsExactly(
                    "A fan site had published the lyrics, so the index could be rebuilt from them",
                    "The spike came on a quiet weekday afternoon");
            assertThat(p.lessons().wentWrong()).hasSize(2);
            assertThat(p.timeline()).hasSize(8);
            assertThat(p.timeline().get(1)).isEqualTo(new TimelineEntry("16:05", LocalDate.of(2026, 2, 5),
                    LocalTime.of(16, 5), null, "OUTAGE BEGINS: backends exhaust their worker threads", Map.of()));
            assertThat(instants(p).get(7)).isEqualTo(Instant.parse("2026-02-05T17:03:00Z"));
            assertThat(p.actionItems()).hasSize(4).first().satisfies(i -> {
                assertThat(i.action()).isEqualTo("Return \"not found\" at once for terms missing from the index");
                assertThat(i.owner()).isEqualTo("jkowalski");
                assertThat(i.ticket()).isEqualTo("8812");
                assertThat(i.priority()).isNull();
                assertThat(i.details()).isEqualTo(Map.of("Type", "prevent"));
            });
            assertThat(p.extraSections()).singleElement().extracting(ExtraSection::heading).isEqualTo("Supporting information");
        }

        @Test
        @DisplayName("template: a banner before the title, fields as headings, sections at level 3")
        void template() {
            Postmortem p = read("03-sre-template-banner.md");
            assertThat(p.title()).isEqualTo("Queue backlog in billing exports (incident #87)");
            assertThat(p.date()).isEqualTo(LocalDate.of(2026, 3, 3));
            assertThat(p.authors()).containsExactly("Hannah Ito", "Ravi Menon");
            assertThat(p.status()).isEqualTo(PostmortemStatus.DRAFT);
            assertThat(p.summary()).startsWith("Nightly billing exports ran four hours late");
            assertThat(p.narrative(Section.DETECTION)).isEqualTo("The export lag alert fired at 02:30.");
            assertThat(p.actionItems()).extracting(ActionItem::owner).containsExactly("Ravi Menon", "Hannah Ito");
            assertThat(p.preamble()).isEmpty();
            assertThat(PostmortemMarkdown.render(p)).startsWith("> Template adapted from");
        }
    }

    @Test
    @DisplayName("PagerDuty's template: plain fields, Overview as the summary, How'd We Do, times in Pacific Time, "
            + "task-list items with tickets")
    void pagerDuty() {
        Postmortem p = read("04-pagerduty-template.md");
        assertThat(p.authors()).containsExactly("Dana Whitfield");
        assertThat(p.extraFields()).extracting(HeaderField::name).containsExactly("Meeting Scheduled For", "Call Recording");
        assertThat(p.summary()).startsWith("On the morning of February 17th");
        assertThat(p.rootCause()).contains("reporting job was moved");
        assertThat(p.lessons().wentWell()).hasSize(2);
        assertThat(p.lessons().wentWrong()).containsExactly("Nobody knew the reporting job had been moved",
                "The database dashboard has no panel for lock waits");
        assertThat(p.zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(p.narrative(Section.TIMELINE)).isEqualTo("All times are in Pacific Time (PT).");
        assertThat(p.timeline()).extracting(TimelineEntry::time).containsExactly(LocalTime.of(9, 0), LocalTime.of(9, 4),
                LocalTime.of(9, 9), LocalTime.of(9, 17), LocalTime.of(9, 22), LocalTime.of(9, 28));
        assertThat(p.actionItems()).containsExactly(
                new ActionItem(null, "Add a lock-wait panel and alert to the notification database dashboard", "@marco",
                        LocalDate.of(2026, 3, 3), ActionItem.Status.OPEN, "NOTIF-311", "", Map.of()),
                new ActionItem(null, "Require a review from the notifications team for jobs that read `delivery_log`",
                        "@dana", LocalDate.of(2026, 3, 10), ActionItem.Status.OPEN, "NOTIF-312", "", Map.of()),
                new ActionItem(null, "Move the reporting job back to 03:00", "@marco", null, ActionItem.Status.DONE,
                        "NOTIF-310", "", Map.of()));
        assertThat(p.extraSections()).extracting(ExtraSection::heading).containsExactly("What Happened", "Responders",
                "Messaging");
    }

    @Test
    @DisplayName("Atlassian's template: Leadup and Recovery by meaning, a four-column timeline, corrective actions "
            + "with Task, Assignee, Deadline, Status and Issue columns")
    void atlassian() {
        Postmortem p = read("05-atlassian-template.md");
        assertThat(p.title()).isEqualTo("Incident postmortem: Login failures for SSO customers");
        assertThat(p.narrative(Section.TRIGGER)).startsWith("At 13:08 on 2026-01-27");
        assertThat(p.narrative(Section.RESOLUTION)).startsWith("The certificate cache was flushed");
        assertThat(p.timeline()).hasSize(6);
        assertThat(instants(p).get(0)).isEqualTo(Instant.parse("2026-01-27T13:08:00Z"));
        assertThat(p.timeline().get(4).details()).containsEntry("Impact", "Recovering");
        assertThat(p.actionItems()).extracting(ActionItem::status).containsExactly(ActionItem.Status.IN_PROGRESS,
                ActionItem.Status.DONE, ActionItem.Status.DONE);
        assertThat(p.actionItems()).extracting(ActionItem::ticket).containsExactly("IAM-902", "IAM-903", "IAM-904");
        assertThat(p.actionItems()).extracting(ActionItem::owner).containsOnly("@identity-team", "@platform");
        assertThat(p.extraSections()).extracting(ExtraSection::heading).contains("Fault", "Response", "Five whys",
                "Related records");
    }

    @Nested
    @DisplayName("front matter and banners")
    class FrontMatter {

        @Test
        @DisplayName("YAML front matter gives title, date, authors, status, severity and zone; its other keys stay")
        void yaml() {
            Postmortem p = read("06-front-matter-jekyll.md");
            assertThat(p.title()).isEqualTo("Image uploads rejected after storage quota change");
            assertThat(p.date()).isEqualTo(LocalDate.of(2026, 3, 9));
            assertThat(p.authors()).containsExactly("Sofia Lindqvist", "Kenji Watanabe");
            assertThat(p.status()).isEqualTo(PostmortemStatus.FINAL);
            assertThat(p.severity()).isEqualTo(Severity.of(3));
            assertThat(p.zone()).isEqualTo(ZoneOffset.ofHours(1));
            assertThat(instants(p).get(0)).isEqualTo(Instant.parse("2026-03-09T07:40:00Z"));
            assertThat(PostmortemMarkdown.render(p)).contains("tags: [storage, uploads]");
        }

        @Test
        @DisplayName("TOML front matter too")
        void toml() {
            Postmortem p = read("07-front-matter-hugo-toml.md");
            assertThat(p.title()).isEqualTo("Search index lag after shard rebalance");
            assertThat(p.authors()).containsExactly("Nadia Haddad");
            assertThat(p.severity()).isEqualTo(Severity.of(4));
            assertThat(p.status()).isEqualTo(PostmortemStatus.DRAFT);
        }

        @Test
        @DisplayName("a quoted banner before the title and HTML comments are kept, not read as content")
        void bannersAndComments() {
            Postmortem quote = read("35-banner-quote-and-blank-cells.md");
            assertThat(quote.title()).isEqualTo("Search suggestions showed other users' queries");
            assertThat(quote.authors()).containsExactly("Security and Search teams");
            assertThat(quote.timeline()).hasSize(4);
            assertThat(quote.timeline().get(1).details()).isEqualTo(Map.of("Owner", "QA"));
            assertThat(quote.actionItems()).hasSize(2);
            Postmortem comments = read("10-html-comments.md");
            assertThat(comments.title()).isEqualTo("Payment webhooks dropped by the edge proxy");
            assertThat(comments.summary()).startsWith("<!-- One paragraph").contains("1,912 payment confirmations");
            assertThat(comments.narrative(Section.TIMELINE)).isEqualTo("<!-- Times in UTC, one row per event. -->");
            assertThat(comments.timeline()).hasSize(5);
        }
    }

    @Nested
    @DisplayName("timelines")
    class Timelines {

        @Test
        @DisplayName("ISO-8601 times with an offset are placed by their own offset")
        void isoOffsets() {
            Postmortem p = read("13-iso-offset-timeline.md");
            assertThat(instants(p)).containsExactly(Instant.parse("2026-02-03T04:58:00Z"),
                    Instant.parse("2026-02-03T05:00:00Z"), Instant.parse("2026-02-03T10:21:00Z"),
                    Instant.parse("2026-02-03T10:47:30Z"), Instant.parse("2026-02-03T11:05:00Z"));
            assertThat(p.timeline().get(0).timeText()).isEqualTo("2026-02-03T05:58:00+01:00");
        }

        @Test
        @DisplayName("date headings give the date of the list entries under them")
        void dateHeadings() {
            Postmortem p = read("14-date-headings.md");
            assertThat(p.timeline()).extracting(TimelineEntry::date).containsExactly(LocalDate.of(2026, 3, 12),
                    LocalDate.of(2026, 3, 12), LocalDate.of(2026, 3, 13), LocalDate.of(2026, 3, 13),
                    LocalDate.of(2026, 3, 13), LocalDate.of(2026, 3, 14), LocalDate.of(2026, 3, 14));
            assertThat(instants(p).get(2)).isEqualTo(Instant.parse("2026-03-13T07:10:00Z"));
            Postmortem days = read("33-two-tables-day-headings.md");
            assertThat(instants(days)).containsExactly(Instant.parse("2026-02-15T17:00:00Z"),
                    Instant.parse("2026-02-15T17:40:00Z"), Instant.parse("2026-02-16T08:00:00Z"),
                    Instant.parse("2026-02-16T08:25:00Z"), Instant.parse("2026-02-16T08:31:00Z"));
        }

        @Test
        @DisplayName("dated rows in CET from a note; an approximate time, a date alone and '...' are kept as written")
        void notesAndOddTimes() {
            Postmortem p = read("15-multi-day-cet-table.md");
            assertThat(p.zone()).isEqualTo(ZoneOffset.ofHours(1));
            assertThat(p.narrative(Section.TIMELINE)).isEqualTo("All times in CET.");
            assertThat(p.timeline().get(0).timeText()).isEqualTo("2026-01-29 12:00+");
            assertThat(instants(p).get(0)).isEqualTo(Instant.parse("2026-01-29T11:00:00Z"));
            assertThat(p.timeline().get(3).date()).isEqualTo(LocalDate.of(2026, 1, 31));
            assertThat(p.timeline().get(3).time()).isNull();
            assertThat(p.timeline().get(4).timeText()).isEqualTo("...");
            assertThat(p.timeline().get(4).time()).isNull();
            assertThat(p.actionItems()).extracting(ActionItem::action).containsExactly(
                    "Monitor free addresses per subnet and alert at 20%", "Move the node groups to the /19 subnets",
                    "Lower the per-node address reservation to 10");
            assertThat(p.extraSections()).extracting(ExtraSection::heading).containsExactly("Stats", "Staff present");
        }

        @Test
        @DisplayName("a zone in the heading and a 12-hour clock")
        void pstAndTwelveHours() {
            Postmortem p = read("16-pst-heading-12h.md");
            assertThat(p.zone()).isEqualTo(ZoneOffset.ofHours(-8));
            assertThat(p.timeline().get(0).time()).isEqualTo(LocalTime.of(13, 48));
            assertThat(instants(p).get(4)).isEqualTo(Instant.parse("2026-02-24T22:40:00Z"));
            Postmortem google = read("17-google-api-style.md");
            assertThat(google.zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
            assertThat(google.summary()).startsWith("From 10:18 to 11:02 PT");
            assertThat(google.timeline().get(1)).isEqualTo(new TimelineEntry("10:18 AM", null, LocalTime.of(10, 18), null,
                    "Outage begins", Map.of()));
            assertThat(google.narrative(Section.RESOLUTION)).startsWith("The on-call team rolled");
            assertThat(google.actionItems()).hasSize(3);
        }

        @Test
        @DisplayName("bold times with dates, seconds, ordered lists and wrapped lines")
        void listForms() {
            assertThat(instants(read("20-bold-time-list.md"))).containsExactly(Instant.parse("2026-02-19T02:00:00Z"),
                    Instant.parse("2026-02-26T09:12:00Z"), Instant.parse("2026-02-26T09:30:00Z"),
                    Instant.parse("2026-02-26T10:45:00Z"));
            Postmortem seconds = read("21-seconds-times.md");
            assertThat(seconds.timeline().get(1).time()).isEqualTo(LocalTime.of(13, 30, 4));
            assertThat(seconds.duration()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isEqualTo(252));
            Postmortem ordered = read("32-ordered-list-timeline.md");
            assertThat(ordered.timeline().get(3).event()).isEqualTo("Alert routes pointed at the new channel");
            assertThat(ordered.actionItems()).extracting(ActionItem::owner).containsOnly("@tariq");
            Postmortem wrapped = read("30-wrapped-timeline-lines.md");
            assertThat(wrapped.timeline()).hasSize(5);
            assertThat(wrapped.timeline().get(1).event()).isEqualTo("Tile cache hit ratio in ap-southeast falls to 0%; "
                    + "the origin receives 30x its usual requests and starts throttling");
        }

        @Test
        @DisplayName("a zone given by a field, across a daylight-saving change")
        void zoneField() {
            Postmortem p = read("29-timezone-field-plain-duration.md");
            assertThat(p.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
            assertThat(instants(p)).containsExactly(Instant.parse("2026-03-29T00:00:00Z"),
                    Instant.parse("2026-03-29T04:05:00Z"), Instant.parse("2026-03-29T06:30:00Z"),
                    Instant.parse("2026-03-29T09:15:00Z"));
            assertThat(p.extraFields()).containsExactly(new HeaderField("Duration", "5 hours 10 minutes"));
        }
    }

    @Nested
    @DisplayName("headings and sections")
    class Headings {

        @Test
        @DisplayName("Kehoe's level-3 layout: nested headings stay in their section unless they name one")
        void kehoe() {
            Postmortem p = read("18-kehoe-style.md");
            assertThat(p.narrative(Section.IMPACT)).contains("#### End User Impact", "#### Infrastructure Impact");
            assertThat(p.narrative(Section.TRIGGER)).isEqualTo("The 17:30 release of the order service.");
            assertThat(p.rootCause()).startsWith("A new response cache");
            assertThat(p.narrative(Section.RESOLUTION)).startsWith("The release was rolled back");
            assertThat(p.lessons().lucky()).containsExactly("The release went out after the evening peak");
            assertThat(p.timeline().get(0).details()).isEqualTo(Map.of("Who/What", "Monitoring"));
            assertThat(p.actionItems()).extracting(ActionItem::ticket).containsExactly("ORD-412", "ORD-413");
            assertThat(p.actionItems().get(0).details()).isEqualTo(Map.of("Type", "Prevent"));
            assertThat(p.extraSections()).extracting(ExtraSection::heading).containsExactly("What caused the incident?",
                    "Supporting Documents");
        }

        @Test
        @DisplayName("numbered and emoji headings, setext headings, a Post-mortem: title")
        void decoratedHeadings() {
            Postmortem numbered = read("19-numbered-emoji-headings.md");
            assertThat(numbered.title()).isEqualTo("Feature flag service returned defaults for every flag");
            assertThat(numbered.sections()).containsKeys(Section.SUMMARY, Section.IMPACT, Section.ROOT_CAUSE,
                    Section.LESSONS_LEARNED);
            assertThat(numbered.timeline()).hasSize(5);
            assertThat(numbered.actionItems()).hasSize(2);
            Postmortem setext = read("22-setext-headings.md");
            assertThat(setext.title()).isEqualTo("DNS resolution failures in the build farm");
            assertThat(setext.timeline()).hasSize(4);
            assertThat(setext.actionItems()).singleElement().extracting(ActionItem::priority).isEqualTo(Priority.P3);
        }

        @Test
        @DisplayName("unknown sections are kept in place, before the first known one too, code with '#' lines included")
        void unknownSections() {
            Postmortem p = read("23-unknown-sections.md");
            assertThat(p.extraSections()).extracting(ExtraSection::heading, ExtraSection::after).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("Context", null),
                    org.assertj.core.groups.Tuple.tuple("Glossary", Section.SUMMARY),
                    org.assertj.core.groups.Tuple.tuple("Related incidents", Section.ROOT_CAUSE),
                    org.assertj.core.groups.Tuple.tuple("Appendix", Section.LESSONS_LEARNED));
            assertThat(p.rootCause()).contains("### Why the tests passed");
            assertThat(p.extraSections().get(3).body()).contains("# before", "ttl: 10");
            assertThat(p.extraFields()).extracting(HeaderField::name).containsExactly("Reviewers", "Incident");
        }

        @Test
        @DisplayName("the same section under a second name is kept as an extra section, placed (for the template layout) "
                + "after the section it names")
        void secondName() {
            Postmortem p = PostmortemMarkdown.parse("# Postmortem: x\n\n## Root Cause\nA.\n\n## Timeline\n| Time | Event |\n"
                    + "|---|---|\n| 10:00 | e |\n\n## Contributing Factors\n- B\n");
            assertThat(p.rootCause()).isEqualTo("A.");
            assertThat(p.extraSections()).singleElement().satisfies(e -> {
                assertThat(e.heading()).isEqualTo("Contributing Factors");
                assertThat(e.after()).isEqualTo(Section.ROOT_CAUSE);
            });
            assertThat(PostmortemMarkdown.render(p)).endsWith("## Contributing Factors\n- B\n");
        }
    }

    @Nested
    @DisplayName("headers and action items")
    class HeaderAndItems {

        @Test
        @DisplayName("header fields as a bullet list, severity as P3, status In review")
        void fieldList() {
            Postmortem p = read("24-field-list-header.md");
            assertThat(p.date()).isEqualTo(LocalDate.of(2026, 3, 18));
            assertThat(p.severity()).isEqualTo(Severity.of(3));
            assertThat(p.status()).isEqualTo(PostmortemStatus.DRAFT);
            assertThat(p.authors()).containsExactly("Kwame Mensah", "Sara Nilsson");
            assertThat(p.extraFields()).containsExactly(new HeaderField("Incident", "INC-6240"));
        }

        @Test
        @DisplayName("plain fields of the Real-World SRE template; items with owner and due in parentheses")
        void plainFields() {
            Postmortem p = read("25-real-world-sre-plain-fields.md");
            assertThat(p.authors()).containsExactly("Ilse Bakker", "Hugo Lambert");
            assertThat(p.extraFields()).containsExactly(new HeaderField("Last modified", "2026-01-26"));
            assertThat(p.rootCause()).startsWith("A cleanup job");
            assertThat(p.actionItems().get(0)).isEqualTo(new ActionItem(null, "Alert on inode usage above 85%",
                    "Hugo Lambert", LocalDate.of(2026, 2, 6), ActionItem.Status.OPEN, null, "", Map.of()));
        }

        @Test
        @DisplayName("task lists: owner, due date, ticket, done box, free due text and a status in parentheses")
        void taskLists() {
            Postmortem p = read("11-task-list-actions.md");
            assertThat(p.actionItems()).containsExactly(
                    new ActionItem(Priority.P1, "Run the API level lint on every module, libraries included", "@yusuf",
                            LocalDate.of(2026, 3, 9), ActionItem.Status.OPEN, "MOB-1201", "", Map.of()),
                    new ActionItem(Priority.P1, "Stage Android rollouts at 5% for 24 hours", "@ines",
                            LocalDate.of(2026, 3, 16), ActionItem.Status.OPEN, "MOB-1202", "", Map.of()),
                    new ActionItem(null, "Publish 8.14.1 with the image loader pinned", "@yusuf", null,
                            ActionItem.Status.DONE, "MOB-1199", "", Map.of()),
                    new ActionItem(null, "Add an Android 9 device to the release smoke test", "QA team", null,
                            ActionItem.Status.OPEN, null, "end of March", Map.of()),
                    new ActionItem(null, "Document how to re-publish an older build under a new version code", "@ines",
                            LocalDate.of(2026, 3, 23), ActionItem.Status.IN_PROGRESS, null, "", Map.of()));
            assertThat(p.actionItems().get(3).hasUnreadableDue()).isTrue();
        }

        @Test
        @DisplayName("synonym columns: Task, Assignee, Deadline, P, State, Link; words for priority and status")
        void synonyms() {
            Postmortem p = read("12-synonym-columns.md");
            assertThat(p.timeline()).hasSize(5);
            assertThat(p.actionItems()).extracting(ActionItem::priority).containsExactly(Priority.P0, Priority.P1,
                    Priority.P1, Priority.P2);
            assertThat(p.actionItems()).extracting(ActionItem::status).containsExactly(ActionItem.Status.DONE,
                    ActionItem.Status.IN_PROGRESS, ActionItem.Status.DONE, ActionItem.Status.OPEN);
            assertThat(p.actionItems().get(0).ticket()).isEqualTo("[SEC-77](https://tracker.example.com/SEC-77)");
            assertThat(p.actionItems().get(3).ticket()).isNull();
            Postmortem words = read("31-priority-words-statuses.md");
            assertThat(words.severity()).isEqualTo(Severity.of(1));
            assertThat(words.status()).isEqualTo(PostmortemStatus.FINAL);
            assertThat(words.actionItems()).extracting(ActionItem::priority).containsExactly(Priority.P0, Priority.P1,
                    Priority.P2, Priority.P3);
            assertThat(words.actionItems()).extracting(ActionItem::status).containsExactly(ActionItem.Status.DONE,
                    ActionItem.Status.IN_PROGRESS, ActionItem.Status.OPEN, ActionItem.Status.WONT_DO);
            assertThat(words.actionItems().get(3).dueText()).isEmpty();
        }

        @Test
        @DisplayName("notes before and after the tables are the sections' text")
        void notes() {
            Postmortem p = read("26-notes-around-tables.md");
            assertThat(p.narrative(Section.TIMELINE)).isEqualTo("Times below come from the renderer's logs; the support "
                    + "timestamps are when tickets were opened.\n\nInvoices generated between 06:00 and 12:05 were "
                    + "regenerated and re-sent on the same day.");
            assertThat(p.narrative(Section.ACTION_ITEMS)).startsWith("Each item is tracked").endsWith("for this one.");
            assertThat(p.timeline()).hasSize(5);
            assertThat(p.actionItems()).hasSize(2);
        }

        @Test
        @DisplayName("a status-page report: Incident Report title, Major severity, Published, Next steps as items")
        void statusPage() {
            Postmortem p = read("27-status-page-report.md");
            assertThat(p.title()).isEqualTo("Elevated API error rates in us-east");
            assertThat(p.severity()).isEqualTo(Severity.of(2));
            assertThat(p.timeline().get(0).zone()).isEqualTo(ZoneOffset.UTC);
            assertThat(instants(p).get(5)).isEqualTo(Instant.parse("2026-03-20T15:03:00Z"));
            assertThat(p.actionItems()).hasSize(2);
            assertThat(p.narrative(Section.ACTION_ITEMS)).isEqualTo("We apologise for the disruption this caused.");
        }

        @Test
        @DisplayName("an empty team template: placeholders kept as written, empty bullets are no items")
        void emptyTemplate() {
            Postmortem p = read("28-empty-team-template.md");
            assertThat(p.title()).isEqualTo("Incident Title");
            assertThat(p.timeline()).singleElement().satisfies(e -> {
                assertThat(e.timeText()).isEqualTo("20xx-MM-DD HH:mm");
                assertThat(e.time()).isNull();
            });
            assertThat(p.actionItems()).isEmpty();
            assertThat(p.summary()).isEmpty();
        }

        @Test
        @DisplayName("front matter and a heading title together, extra fields after it")
        void gitlab() {
            Postmortem p = read("34-gitlab-style-issue.md");
            assertThat(p.title()).isEqualTo("Container registry garbage collection deleted referenced layers");
            assertThat(p.authors()).containsExactly("Nikos Papadopoulos", "Ruth Abebe");
            assertThat(p.extraFields()).containsExactly(new HeaderField("Incident", "INC-7001"),
                    new HeaderField("Customer facing", "yes"));
            assertThat(p.timeline()).hasSize(5);
            assertThat(p.actionItems()).extracting(ActionItem::status).containsExactly(ActionItem.Status.DONE,
                    ActionItem.Status.OPEN, ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS);
        }
    }

    @Test
    @DisplayName("CRLF and a missing final newline are kept")
    void lineEndings() {
        String crlf = PostmortemFixtures.get("08-crlf-vpn-failover.md");
        assertThat(crlf).contains("\r\n");
        Postmortem p = PostmortemMarkdown.parse(crlf);
        assertThat(p.timeline()).hasSize(5);
        assertThat(p.summary()).doesNotContain("\r");
        String noFinal = PostmortemFixtures.get("09-no-final-newline-reports.md");
        assertThat(noFinal).doesNotEndWith("\n");
        assertThat(PostmortemMarkdown.render(PostmortemMarkdown.parse(noFinal))).isEqualTo(noFinal);
    }
}
