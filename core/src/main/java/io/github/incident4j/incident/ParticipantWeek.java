package io.github.incident4j.incident;

import java.time.Duration;
import java.util.Objects;

/**
 * One participant's paging load in one ISO week: the data behind the seed's "review alert volume weekly".
 *
 * @param participant who was paged
 * @param isoWeek the ISO week, e.g. {@code 2026-W10}
 * @param pages pages delivered to them (one per escalation step)
 * @param offHoursPages those of {@code pages} delivered outside business hours
 * @param incidents distinct incidents they were paged for
 * @param onCall their time on call that week (an input)
 * @param limit the most incidents acceptable for that time on call
 * @param overloaded whether {@code incidents} is above {@code limit}
 */
public record ParticipantWeek(String participant, String isoWeek, int pages, int offHoursPages, int incidents,
        Duration onCall, double limit, boolean overloaded) {

    /** Checks the required parts. */
    public ParticipantWeek {
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(isoWeek, "isoWeek");
        Objects.requireNonNull(onCall, "onCall");
    }
}
