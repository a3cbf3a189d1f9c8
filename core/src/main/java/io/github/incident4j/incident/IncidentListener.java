package io.github.incident4j.incident;

import io.github.incident4j.spi.Page;
import java.time.Instant;

/**
 * What the escalation engine tells its host, one method per event, each a no-op by default: override those you
 * count, log or alert on ({@code metrics.micrometer.IncidentManagerMetrics} is one). The manager calls listeners
 * guarded, as it calls the pager: a listener that throws is logged and never stops the engine. Calls come on the
 * thread that made the event (a caller's, a timer's or the pager's); keep them quick.
 *
 * <p>Each event is told once per manager that made it: with several managers on one store, each step's events come
 * from the manager that saved it. The {@link Incident} passed is the incident as stored by that step (id, dedup key,
 * service, annotations: what a PagerDuty-style pager needs to send its own acknowledge or resolve event).
 *
 * <pre>{@code
 * IncidentListener alerting = new IncidentListener() {
 *     @Override
 *     public void pageGivenUp(Incident incident, Page page, String reason) {
 *         opsChannel.post("paging is broken for " + incident.id() + ": " + reason);
 *     }
 * };
 * IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).listener(alerting).build();
 * }</pre>
 */
public interface IncidentListener {

    /** A listener that does nothing. */
    IncidentListener NONE = new IncidentListener() {
    };

    /** An alert opened an incident (level 1 is paged or skipped in the same step). */
    default void triggered(Incident incident) {
    }

    /**
     * A page was delivered ({@link Page#attempt()} says which attempt).
     *
     * @param at when the delivery was recorded
     * @param first whether it is the first page of the incident delivered (alert-to-first-page latency is
     *        {@code at} minus {@link Incident#triggeredAt()})
     */
    default void paged(Incident incident, Page page, Instant at, boolean first) {
    }

    /** A page attempt failed or timed out; it is retried after a backoff. */
    default void pageFailed(Incident incident, Page page, String reason) {
    }

    /** A page's last attempt failed: it is given up (the manager also logs it at ERROR). */
    default void pageGivenUp(Incident incident, Page page, String reason) {
    }

    /**
     * A level resolved to nobody and was skipped (the manager also logs it at ERROR).
     *
     * @param why the targets that did not resolve and why, e.g. {@code schedule 'X' is not in the roster}
     */
    default void levelSkipped(Incident incident, int level, int pass, String why) {
    }

    /** The incident moved to another level or pass (a timeout passed, an ack timed out, or someone escalated). */
    default void escalated(Incident incident, int level, int pass, String why) {
    }

    /**
     * Paging stopped with the incident unacknowledged.
     *
     * @param nobodyPaged true when no page of the incident was ever delivered (the manager then logs at ERROR)
     */
    default void exhausted(Incident incident, boolean nobodyPaged) {
    }

    /** Someone acknowledged (a repeated acknowledgement of an acknowledged incident tells nothing). */
    default void acknowledged(Incident incident, String who, Instant at) {
    }

    /** Someone resolved the incident. */
    default void resolved(Incident incident, String who, Instant at) {
    }

    /**
     * The store failed during background work (a wake-up, a page outcome, the outbox); the manager retries.
     *
     * @param operation what the manager was doing
     */
    default void storeUnavailable(String operation, RuntimeException error) {
    }

    /**
     * The store refused a step or a page outcome for a reason retrying cannot remove (a text it cannot keep, a
     * database constraint: {@code spi.StoreRefusedException}). The manager did not retry it: it saved what it could
     * with the cause on the timeline and went on (a refused step's pages are not sent; the escalation moves on), and
     * logged it at ERROR.
     *
     * @param incident the incident as saved with the cause
     * @param operation what the manager was doing
     */
    default void storeRefused(Incident incident, String operation, RuntimeException error) {
    }

    /**
     * The manager woke for due work.
     *
     * @param scheduledFor the instant the wake-up was armed for
     * @param at when it ran (the difference is the wake-up lag)
     */
    default void wokeUp(Instant scheduledFor, Instant at) {
    }
}
