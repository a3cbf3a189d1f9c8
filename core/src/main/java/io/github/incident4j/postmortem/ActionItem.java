package io.github.incident4j.postmortem;

import io.github.incident4j.ValidationException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One follow-up of a postmortem: a row of its action-items table.
 *
 * <pre>{@code
 * ActionItem item = ActionItem.of(Priority.P1, "Add connection pool monitoring metric")
 *         .ownedBy("@dev").dueOn(LocalDate.of(2025, 2, 1));
 * item.withStatus(ActionItem.Status.DONE);
 * }</pre>
 *
 * @param priority P0..P4
 * @param action what is to be done (one line; stripped)
 * @param owner who does it, or {@code null} when nobody is named
 * @param due when, or {@code null} when no date is set
 * @param status open, done or won't do
 */
public record ActionItem(Priority priority, String action, @Nullable String owner, @Nullable LocalDate due,
        Status status) {

    /** Where an action item stands. */
    public enum Status {
        /** Still to do. */
        OPEN("open"),
        /** Done. */
        DONE("done"),
        /** Decided against. */
        WONT_DO("won't do");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** {@code open}, {@code done} or {@code won't do}. */
        public String label() {
            return label;
        }

        /** Whether the item no longer needs work (done or won't do). */
        public boolean isClosed() {
            return this != OPEN;
        }

        /** Reads {@code open}, {@code done}, {@code won't do} (also {@code wont do}, {@code won't-do}), ignoring case. */
        public static Status parse(String text) {
            String s = text.strip().toLowerCase(Locale.ROOT).replace('’', '\'').replace('-', ' ').replace("wont", "won't");
            for (Status st : values()) {
                if (st.label.equals(s)) {
                    return st;
                }
            }
            throw ValidationException.of("status", text, "expected open, done or won't do");
        }
    }

    /** Normalises: text stripped, a blank owner is no owner. */
    public ActionItem {
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
        action = action.strip();
        owner = owner == null || owner.isBlank() ? null : owner.strip();
    }

    /** An open item without owner or due date. */
    public static ActionItem of(Priority priority, String action) {
        return new ActionItem(priority, action, null, null, Status.OPEN);
    }

    /** A copy with this owner. */
    public ActionItem ownedBy(@Nullable String newOwner) {
        return new ActionItem(priority, action, newOwner, due, status);
    }

    /** A copy with this due date. */
    public ActionItem dueOn(@Nullable LocalDate newDue) {
        return new ActionItem(priority, action, owner, newDue, status);
    }

    /** A copy with this status. */
    public ActionItem withStatus(Status newStatus) {
        return new ActionItem(priority, action, owner, due, newStatus);
    }
}
