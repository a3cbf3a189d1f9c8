package io.github.incident4j.postmortem;

import io.github.incident4j.ValidationException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One follow-up of a postmortem: a row of its action-items table or an item of its (task) list.
 *
 * <pre>{@code
 * ActionItem item = ActionItem.of(Priority.P1, "Add connection pool monitoring metric")
 *         .ownedBy("@dev").dueOn(LocalDate.of(2025, 2, 1)).withTicket("OPS-1234");
 * item.withStatus(ActionItem.Status.DONE);
 * }</pre>
 *
 * @param priority P0..P4, or {@code null} when the document gives none
 * @param action what is to be done (one line; stripped)
 * @param owner who does it, or {@code null} when nobody is named
 * @param due when, or {@code null} when no date is set or the due text is no date
 * @param status open, in progress, done or won't do
 * @param ticket the issue or ticket that tracks it ({@code OPS-1234}, {@code #42}, a link), or {@code null}
 * @param dueText the due date as written ({@code 2025-02-01}, {@code March 10, 2026}, {@code Q2}); when blank it
 *     is written from {@code due}
 * @param details the other columns of an action-items table, by column heading, in order (e.g. the SRE book's
 *     {@code Type}); empty for lists
 */
public record ActionItem(@Nullable Priority priority, String action, @Nullable String owner, @Nullable LocalDate due,
        Status status, @Nullable String ticket, String dueText, Map<String, String> details) {

    /** Where an action item stands. */
    public enum Status {
        /** Still to do. */
        OPEN("open", "todo", "to do", "not started", "planned", "new", "pending", "blocked", "backlog", "tbd"),
        /** Being worked on. */
        IN_PROGRESS("in progress", "in-progress", "wip", "started", "doing", "ongoing", "in review", "in flight"),
        /** Done. */
        DONE("done", "complete", "completed", "fixed", "closed", "resolved", "finished", "shipped", "merged", "✅", "✔",
                "✓"),
        /** Decided against. */
        WONT_DO("won't do", "won't fix", "wontfix", "cancelled", "canceled", "rejected", "dropped", "obsolete",
                "declined");

        private final String label;
        private final List<String> words;

        Status(String label, String... words) {
            this.label = label;
            this.words = List.of(words);
        }

        /** {@code open}, {@code in progress}, {@code done} or {@code won't do}. */
        public String label() {
            return label;
        }

        /** Whether the item no longer needs work (done or won't do). */
        public boolean isClosed() {
            return this == DONE || this == WONT_DO;
        }

        /**
         * Reads a status as teams write it, ignoring case: {@code open} (todo, not started, blocked, …), {@code in
         * progress} (WIP, started, …), {@code done} (complete, fixed, closed, ✅, …), {@code won't do} (wont do,
         * won't-do, wontfix, cancelled, …).
         *
         * @throws ValidationException for anything else
         */
        public static Status parse(String text) {
            String s = text.strip().toLowerCase(Locale.ROOT).replace('’', '\'').replace('-', ' ').replace('_', ' ')
                    .replace("wont", "won't").replaceAll("\\s+", " ");
            for (Status st : values()) {
                if (st.label.equals(s) || st.words.contains(s) || st.words.contains(s.replace(' ', '-'))) {
                    return st;
                }
            }
            throw ValidationException.of("status", text, "expected open, in progress, done or won't do");
        }
    }

    /** Normalises: texts stripped, a blank owner or ticket is none, a blank due text is written from the due date. */
    public ActionItem {
        Objects.requireNonNull(status, "status");
        action = action.strip();
        owner = owner == null || owner.isBlank() ? null : owner.strip();
        ticket = ticket == null || ticket.isBlank() ? null : ticket.strip();
        dueText = dueText.strip();
        if (dueText.isEmpty() && due != null) {
            dueText = due.toString();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        // a blank cell says nothing: it is not kept, so a row written with or without it reads the same
        details.forEach((k, v) -> {
            if (!v.isBlank()) {
                copy.put(k.strip(), v.strip());
            }
        });
        details = Collections.unmodifiableMap(copy);
    }

    /** An item without ticket or details. */
    public ActionItem(@Nullable Priority priority, String action, @Nullable String owner, @Nullable LocalDate due,
            Status status) {
        this(priority, action, owner, due, status, null, "", Map.of());
    }

    /** An open item without owner or due date. */
    public static ActionItem of(Priority priority, String action) {
        return new ActionItem(priority, action, null, null, Status.OPEN);
    }

    /** An open item without priority, owner or due date (as a plain list writes it). */
    public static ActionItem of(String action) {
        return new ActionItem(null, action, null, null, Status.OPEN);
    }

    /** A copy with this owner. */
    public ActionItem ownedBy(@Nullable String newOwner) {
        return new ActionItem(priority, action, newOwner, due, status, ticket, dueText, details);
    }

    /** A copy with this due date (its text written anew). */
    public ActionItem dueOn(@Nullable LocalDate newDue) {
        return new ActionItem(priority, action, owner, newDue, status, ticket, "", details);
    }

    /** A copy with this status. */
    public ActionItem withStatus(Status newStatus) {
        return new ActionItem(priority, action, owner, due, newStatus, ticket, dueText, details);
    }

    /** A copy with this ticket. */
    public ActionItem withTicket(@Nullable String newTicket) {
        return new ActionItem(priority, action, owner, due, status, newTicket, dueText, details);
    }

    /** A copy with this priority. */
    public ActionItem withPriority(@Nullable Priority newPriority) {
        return new ActionItem(newPriority, action, owner, due, status, ticket, dueText, details);
    }

    /** A copy with this action text. */
    public ActionItem withAction(String newAction) {
        return new ActionItem(priority, newAction, owner, due, status, ticket, dueText, details);
    }

    /** Whether a due text was written that is not a date (so {@link #due()} is absent). */
    public boolean hasUnreadableDue() {
        return due == null && !dueText.isEmpty();
    }
}
