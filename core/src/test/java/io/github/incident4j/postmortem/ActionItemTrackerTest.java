package io.github.incident4j.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.postmortem.ActionItem.Status;
import io.github.incident4j.postmortem.ActionItemTracker.TrackedItem;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ActionItemTrackerTest {

    static final LocalDate MARCH = LocalDate.of(2025, 3, 14);
    static final LocalDate APRIL = LocalDate.of(2025, 4, 2);

    static Postmortem march() {
        return Postmortem.titled("Payment API 5xx").date(MARCH)
                .actionItem(Priority.P0, "Require review for payment config", "@alice", LocalDate.of(2025, 3, 21))
                .actionItem(Priority.P1, "Add pool saturation alert", "@bilal", LocalDate.of(2025, 4, 4))
                .actionItem(Priority.P2, "Separate staging overlay", null, LocalDate.of(2025, 4, 30))
                .build();
    }

    static Postmortem april() {
        return Postmortem.titled("Search latency").id("PM-2025-011").date(APRIL)
                .actionItem(Priority.P1, "Cap query fan-out", "@alice", LocalDate.of(2025, 4, 20))
                .actionItem(Priority.P3, "Document index rebuilds", "@carol", null)
                .build();
    }

    static List<String> actions(List<TrackedItem> items) {
        return items.stream().map(t -> t.item().action()).toList();
    }

    @Test
    @DisplayName("open items come most urgent first, with the incident they came from")
    void open() {
        ActionItemTracker tracker = ActionItemTracker.of(List.of(march(), april()));
        assertThat(actions(tracker.open())).containsExactly("Require review for payment config",
                "Add pool saturation alert", "Cap query fan-out", "Separate staging overlay", "Document index rebuilds");
        TrackedItem first = tracker.open().get(0);
        assertThat(first.source().title()).isEqualTo("Payment API 5xx");
        assertThat(first.source().date()).isEqualTo(MARCH);
        assertThat(tracker.open().get(2).source().id()).isEqualTo("PM-2025-011");
        assertThat(tracker.incidents()).hasSize(2);
    }

    @Test
    @DisplayName("overdue items are the open ones due before the given date")
    void overdue() {
        ActionItemTracker tracker = ActionItemTracker.of(List.of(march(), april()));
        assertThat(actions(tracker.overdue(LocalDate.of(2025, 4, 5))))
                .containsExactly("Require review for payment config", "Add pool saturation alert");
        assertThat(actions(tracker.overdue(LocalDate.of(2025, 4, 4)))).containsExactly("Require review for payment config");
        assertThat(tracker.overdue(LocalDate.of(2025, 3, 1))).isEmpty();
    }

    @Test
    @DisplayName("open items grouped by owner, unassigned last, and by priority")
    void grouping() {
        ActionItemTracker tracker = ActionItemTracker.of(List.of(march(), april()));
        assertThat(tracker.openByOwner()).containsOnlyKeys("@alice", "@bilal", "@carol", ActionItemTracker.UNASSIGNED);
        assertThat(tracker.openByOwner().keySet()).last().isEqualTo(ActionItemTracker.UNASSIGNED);
        assertThat(actions(tracker.openByOwner().get("@alice")))
                .containsExactly("Require review for payment config", "Cap query fan-out");
        assertThat(tracker.openByPriority()).containsOnlyKeys(Priority.P0, Priority.P1, Priority.P2, Priority.P3);
        assertThat(actions(tracker.openByPriority().get(Priority.P1)))
                .containsExactly("Add pool saturation alert", "Cap query fan-out");
    }

    @Test
    @DisplayName("an item closed in a later revision (same title and date) counts as done; one not listed again is kept")
    void revisions() {
        Postmortem revised = march().toBuilder().actionItems(List.of(
                ActionItem.of(Priority.P0, "require review for payment config.").ownedBy("@alice")
                        .dueOn(LocalDate.of(2025, 3, 21)).withStatus(Status.DONE),
                ActionItem.of(Priority.P1, "Add pool saturation alert").ownedBy("@bilal")
                        .dueOn(LocalDate.of(2025, 4, 4)).withStatus(Status.WONT_DO)))
                .build();
        ActionItemTracker tracker = ActionItemTracker.of(List.of(march(), april(), revised));
        assertThat(tracker.incidents()).hasSize(2);
        assertThat(tracker.incidents().get(0).revisions()).isEqualTo(2);
        assertThat(actions(tracker.open())).containsExactly("Cap query fan-out", "Separate staging overlay",
                "Document index rebuilds");
        assertThat(tracker.all()).filteredOn(t -> t.item().priority() == Priority.P0).singleElement()
                .satisfies(t -> assertThat(t.item().status()).isEqualTo(Status.DONE));
        assertThat(tracker.overdue(LocalDate.of(2025, 6, 1))).extracting(t -> t.item().action())
                .doesNotContain("Require review for payment config", "Add pool saturation alert");
    }

    @Test
    @DisplayName("revisions are identified by explicit id even when the title changes; incidents with open items are listed")
    void revisionsById() {
        Postmortem renamed = april().toBuilder().title("Search latency after index change")
                .actionItems(april().actionItems().stream().map(i -> i.withStatus(Status.DONE)).toList()).build();
        ActionItemTracker tracker = ActionItemTracker.of(List.of(march(), april(), renamed));
        assertThat(tracker.incidents()).extracting(ActionItemTracker.Source::title)
                .containsExactly("Payment API 5xx", "Search latency after index change");
        assertThat(tracker.incidentsWithOpenItems()).extracting(ActionItemTracker.Source::title)
                .containsExactly("Payment API 5xx");
    }

    @Test
    @DisplayName("items without a priority (a plain list) come after prioritised ones and are left out of openByPriority; "
            + "in progress counts as open")
    void withoutPriority() {
        Postmortem listed = Postmortem.titled("Ingress IP exhaustion").date(LocalDate.of(2026, 1, 30))
                .actionItem(ActionItem.of("Monitor free addresses per subnet"))
                .actionItem(ActionItem.of(Priority.P2, "Move node groups").withStatus(Status.IN_PROGRESS))
                .build();
        ActionItemTracker tracker = ActionItemTracker.of(List.of(listed));
        assertThat(actions(tracker.open())).containsExactly("Move node groups", "Monitor free addresses per subnet");
        assertThat(tracker.openByPriority()).containsOnlyKeys(Priority.P2);
    }
}
