package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Severity;
import io.github.incident4j.postmortem.ActionItem;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.Priority;
import io.github.incident4j.postmortem.Section;
import io.github.incident4j.postmortem.TimelineEntry;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** An edit through the model rewrites only its part of the document, in the document's own style. */
@DisplayName("Editing a postmortem read from a document")
class PostmortemEditTest {

    private static Postmortem read(String fixture) {
        return PostmortemMarkdown.parse(PostmortemFixtures.get(fixture));
    }

    /** Renders the edit and checks that it reads back as edited. */
    private static String render(Postmortem edited) {
        String out = PostmortemMarkdown.render(edited);
        assertThat(PostmortemMarkdown.parse(out)).isEqualTo(edited);
        return out;
    }

    private static <T> List<T> with(List<T> list, int i, T value) {
        List<T> out = new ArrayList<>(list);
        out.set(i, value);
        return out;
    }

    @Test
    @DisplayName("an entry edited after the one before it is removed stays under its own date heading")
    void entryKeepsItsDateHeading() {
        Postmortem p = read("14-date-headings.md");
        List<TimelineEntry> t = new ArrayList<>(p.timeline());
        t.remove(1);
        t.set(1, t.get(1).withEvent("Analysts report timeouts"));
        String out = render(p.toBuilder().timeline(t).build());
        assertThat(out).isEqualTo(PostmortemFixtures.get("14-date-headings.md")
                .replace("- 23:30 Progress at 9%, against 50% expected\n", "")
                .replace("- 07:10 Analysts report dashboards timing out", "- 07:10 Analysts report timeouts"));
    }

    @Test
    @DisplayName("any two timeline edits under date headings read back as edited: no entry is written under another day")
    void everyPairOfEditsUnderDateHeadings() {
        Postmortem p = read("14-date-headings.md");
        List<java.util.function.UnaryOperator<List<TimelineEntry>>> edits = new ArrayList<>();
        for (int k = 0; k < p.timeline().size(); k++) {
            int i = k;
            edits.add(t -> i < t.size() ? without(t, i) : t);
            edits.add(t -> i < t.size() ? with(t, i, t.get(i).withEvent("edited " + i)) : t);
            for (int minutes : new int[] {0, 7 * 60 + 15, 23 * 60 + 59}) {
                edits.add(t -> i < t.size() ? with(t, i, t.get(i).withTime(java.time.LocalTime.of(minutes / 60,
                        minutes % 60))) : t);
            }
        }
        int pairs = 0;
        for (var first : edits) {
            for (var second : edits) {
                render(p.toBuilder().timeline(second.apply(first.apply(p.timeline()))).build());
                pairs++;
            }
        }
        assertThat(pairs).isEqualTo(35 * 35);
    }

    private static <T> List<T> without(List<T> list, int i) {
        List<T> out = new ArrayList<>(list);
        out.remove(i);
        return out;
    }

    @Test
    @DisplayName("closing a task-list item ticks its box and changes nothing else")
    void taskBox() {
        Postmortem p = read("11-task-list-actions.md");
        String out = render(p.toBuilder().actionItems(with(p.actionItems(), 0,
                p.actionItems().get(0).withStatus(ActionItem.Status.DONE))).build());
        assertThat(out).isEqualTo(PostmortemFixtures.get("11-task-list-actions.md")
                .replace("- [ ] P1: Run the API level lint", "- [x] P1: Run the API level lint"));
    }

    @Test
    @DisplayName("a shorter event is written into its cell, padded so the column stays aligned")
    void cellKeepsAlignment() {
        Postmortem p = PostmortemMarkdown.parse(PostmortemMarkdownTest.filled());
        String out = render(p.toBuilder().timeline(with(p.timeline(), 2, p.timeline().get(2).withEvent("On-call acknowledges")))
                .build());
        assertThat(out).isEqualTo(PostmortemMarkdownTest.filled().replace(
                "| 23:46 | On-call (Bilal) acknowledges, begins investigation            |",
                "| 23:46 | On-call acknowledges                                          |"));
    }

    @Test
    @DisplayName("a new action item is a new row after the last one; a removed timeline entry takes its line with it")
    void rows() {
        Postmortem p = PostmortemMarkdown.parse(PostmortemMarkdownTest.seed());
        String added = render(p.toBuilder().actionItem(ActionItem.of(Priority.P2, "Alert on pool saturation")
                .ownedBy("@sre").dueOn(LocalDate.of(2025, 2, 20))).build());
        assertThat(added).isEqualTo(PostmortemMarkdownTest.seed().replace(
                "| P3       | Add connection leak detector to CI        | @dev     | 2025-03-01 |\n",
                "| P3       | Add connection leak detector to CI        | @dev     | 2025-03-01 |\n"
                        + "| P2       | Alert on pool saturation                  | @sre     | 2025-02-20 |\n"));
        List<TimelineEntry> fewer = new ArrayList<>(p.timeline());
        fewer.remove(3);
        String removed = render(p.toBuilder().timeline(fewer).build());
        assertThat(removed).isEqualTo(PostmortemMarkdownTest.seed()
                .replace("| 14:15 | Root cause identified: DB connection leak  |\n", ""));
    }

    @Test
    @DisplayName("a status a table has no column for adds the column to that table only")
    void addsColumn() {
        Postmortem p = PostmortemMarkdown.parse(PostmortemMarkdownTest.seed());
        String out = render(p.toBuilder().actionItems(with(p.actionItems(), 1,
                p.actionItems().get(1).withStatus(ActionItem.Status.DONE))).build());
        assertThat(out).contains(
                "| Priority | Action                                    | Owner    | Due      | Status |\n"
                        + "|----------|-------------------------------------------|----------|----------| --- |\n"
                        + "| P1       | Add connection pool monitoring metric     | @dev     | 2025-02-01 |  |\n"
                        + "| P1       | Add load test for auth endpoint           | @qa      | 2025-02-01 | done |\n");
        assertThat(out.substring(0, out.indexOf("## Action Items")))
                .isEqualTo(PostmortemMarkdownTest.seed().substring(0, out.indexOf("## Action Items")));
    }

    @Test
    @DisplayName("a field the document lacks is added in its style: after the last field line, or in its front matter")
    void newFields() {
        Postmortem noFields = read("15-multi-day-cet-table.md");
        String out = render(noFields.toBuilder().severity(Severity.of(2)).build());
        assertThat(out).isEqualTo(PostmortemFixtures.get("15-multi-day-cet-table.md").replace(
                "# Kubernetes ingress IP exhaustion\n", "# Kubernetes ingress IP exhaustion\n\n**Severity**: SEV-2\n"));
        Postmortem bold = PostmortemMarkdown.parse(PostmortemMarkdownTest.filled());
        assertThat(render(bold.toBuilder().field("Reviewer", "Dana").build())).isEqualTo(PostmortemMarkdownTest.filled()
                .replace("**Incident**: INC-4821\n", "**Incident**: INC-4821\n**Reviewer**: Dana\n"));
        Postmortem front = read("06-front-matter-jekyll.md");
        String fm = render(front.toBuilder().id("PM-2026-031").date(LocalDate.of(2026, 3, 10)).build());
        assertThat(fm).isEqualTo(PostmortemFixtures.get("06-front-matter-jekyll.md")
                .replace("date: 2026-03-09\n", "date: 2026-03-10\n")
                .replace("tags: [storage, uploads]\n---", "tags: [storage, uploads]\nid: PM-2026-031\n---"));
    }

    @Test
    @DisplayName("a new title keeps the heading's 'Postmortem:'; a new zone is written where the zone was read")
    void titleAndZone() {
        Postmortem p = PostmortemMarkdown.parse(PostmortemMarkdownTest.filled());
        assertThat(render(p.toBuilder().title("Checkout errors").build())).isEqualTo(PostmortemMarkdownTest.filled()
                .replace("# Postmortem: Payment API 5xx after connection-pool change", "# Postmortem: Checkout errors"));
        assertThat(render(p.toBuilder().zone(ZoneOffset.ofHours(-8)).build())).isEqualTo(PostmortemMarkdownTest.filled()
                .replace("## Timeline (UTC)", "## Timeline (-08:00)"));
        // a zone read from a note is changed in the note, so the note reads differently too
        Postmortem note = read("15-multi-day-cet-table.md");
        String out = PostmortemMarkdown.render(note.toBuilder().zone(ZoneOffset.UTC).build());
        assertThat(out).isEqualTo(PostmortemFixtures.get("15-multi-day-cet-table.md").replace("All times in CET.",
                "All times in UTC."));
        assertThat(PostmortemMarkdown.parse(out)).isEqualTo(note.toBuilder().zone(ZoneOffset.UTC)
                .narrative(Section.TIMELINE, "All times in UTC.").build());
    }

    @Test
    @DisplayName("a section the document lacks is added before the next known section it has, and no other is added")
    void newSection() {
        Postmortem p = read("12-synonym-columns.md");
        String out = render(p.toBuilder().wentWell("The expiry alert we added last year worked").build());
        assertThat(out).isEqualTo(PostmortemFixtures.get("12-synonym-columns.md").replace("## Action Items\n",
                "## What Went Well\n\n- The expiry alert we added last year worked\n\n## Action Items\n"));
        assertThat(PostmortemMarkdown.parse(out).sections().keySet()).containsExactly(Section.SUMMARY, Section.ROOT_CAUSE,
                Section.WENT_WELL, Section.LESSONS_LEARNED);
    }

    @Test
    @DisplayName("a CRLF document gets CRLF in what is added")
    void crlf() {
        Postmortem p = read("08-crlf-vpn-failover.md");
        String out = render(p.toBuilder().actionItem(ActionItem.of(Priority.P3, "Document the failover")).build());
        assertThat(out).contains("| P3       | Document the failover                    |       |            |\r\n\r\n"
                + "## Lessons Learned").doesNotContain("|\n");
    }

    @Test
    @DisplayName("a line of the SRE book's timeline is rewritten alone")
    void timelineLine() {
        Postmortem p = read("02-sre-book-search-outage.md");
        String out = render(p.toBuilder().timeline(with(p.timeline(), 2,
                p.timeline().get(2).withEvent("Pager: HTTP 500 ratio above 5% for 2 minutes"))).build());
        assertThat(out).isEqualTo(PostmortemFixtures.get("02-sre-book-search-outage.md").replace(
                "16:07 Pager: HTTP 500 ratio above 5%\n", "16:07 Pager: HTTP 500 ratio above 5% for 2 minutes\n"));
    }

    @Test
    @DisplayName("a narrative is replaced as a whole, its heading and neighbours untouched")
    void narrative() {
        Postmortem p = PostmortemMarkdown.parse(PostmortemMarkdownTest.seed());
        String out = render(p.toBuilder().rootCause("The pool was never closed on the retry path.").build());
        assertThat(out).isEqualTo(PostmortemMarkdownTest.seed().replace(
                "Detailed technical explanation of what went wrong.", "The pool was never closed on the retry path."));
    }
}
