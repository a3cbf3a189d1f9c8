package io.github.incident4j.incident;

import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentRecord.Event;
import io.github.incident4j.spi.Page;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's side of {@link IncidentListener}: turns the rows a step saved into events, logs the loud failures
 * (a level that resolves to nobody, a page given up, escalation exhausted with no page delivered) at ERROR under
 * the {@code IncidentManager} logger whatever the listeners, and calls the host's listeners in turn, each guarded: a
 * listener that throws is logged at WARN and never stops the engine or the others. Without listeners it builds
 * nothing.
 */
final class EngineEvents {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentManager.class);

    private final List<IncidentListener> listeners;
    private final boolean silent;

    /** Tells each of {@code listeners} in turn, each guarded on its own. */
    EngineEvents(List<IncidentListener> listeners) {
        this.listeners = listeners.stream().filter(l -> l != IncidentListener.NONE).toList();
        this.silent = this.listeners.isEmpty();
    }

    /** Tells of the rows the step saved (page rows are told by the dispatch, which knows the page). */
    void afterStep(Steps.Work w) {
        if (!w.changed()) {
            return;
        }
        IncidentRecord r = w.record();
        List<Event> rows = r.timeline();
        Incident incident = null;
        for (int i = w.firstNewRow(); i < rows.size(); i++) {
            Event e = rows.get(i);
            switch (e.kind()) {
                case LEVEL_SKIPPED -> LOG.error("incident {} ({}, service {}): level {} (pass {}) resolves to nobody"
                        + " and was skipped: {}", r.id(), r.dedupKey(), r.service(), e.level(), e.pass(), e.detail());
                case ESCALATION_EXHAUSTED -> {
                    if (EscalationDecisions.NOBODY_PAGED.equals(e.detail())) {
                        LOG.error("incident {} ({}, service {}): escalation stopped, nobody could be paged: check"
                                + " the roster and the pager", r.id(), r.dedupKey(), r.service());
                    } else {
                        LOG.warn("incident {} ({}, service {}): escalation stopped, every pass went unacknowledged",
                                r.id(), r.dedupKey(), r.service());
                    }
                }
                default -> {
                }
            }
            if (silent || e.kind().isPageRow()) {
                continue;
            }
            if (incident == null) {
                incident = Incident.of(r);
            }
            tell(incident, e);
        }
    }

    private void tell(Incident incident, Event e) {
        String detail = e.detail() == null ? "" : e.detail();
        switch (e.kind()) {
            case TRIGGERED -> guarded("triggered", l -> l.triggered(incident));
            case ESCALATED, ACK_TIMEOUT -> guarded("escalated", l -> l.escalated(incident, e.level(), e.pass(), detail));
            case LEVEL_SKIPPED -> guarded("levelSkipped", l -> l.levelSkipped(incident, e.level(), e.pass(), detail));
            case ESCALATION_EXHAUSTED -> guarded("exhausted",
                    l -> l.exhausted(incident, EscalationDecisions.NOBODY_PAGED.equals(e.detail())));
            case ACKNOWLEDGED -> guarded("acknowledged", l -> l.acknowledged(incident, e.actor(), e.at()));
            case RESOLVED -> guarded("resolved", l -> l.resolved(incident, e.actor(), e.at()));
            default -> {
            }
        }
    }

    /** A page's delivery was saved. */
    void paged(IncidentRecord saved, Page page, Instant at, boolean first) {
        if (!silent) {
            guarded("paged", l -> l.paged(Incident.of(saved), page, at, first));
        }
    }

    /** Whether a listener wants page events (so the dispatch need not work out whether a delivery was the first). */
    boolean listening() {
        return !silent;
    }

    /** A page's failure was saved; given up when no attempt is left (an ERROR line). */
    void pageFailed(IncidentRecord saved, Page page, String reason, boolean givenUp) {
        if (givenUp) {
            LOG.error("incident {} ({}, service {}): gave up paging {} at level {} (pass {}) after {} attempts: {}",
                    saved.id(), saved.dedupKey(), saved.service(), page.recipient(), page.level(), page.pass(),
                    page.attempt(), reason);
        }
        if (!silent) {
            Incident incident = Incident.of(saved);
            if (givenUp) {
                guarded("pageGivenUp", l -> l.pageGivenUp(incident, page, reason));
            } else {
                guarded("pageFailed", l -> l.pageFailed(incident, page, reason));
            }
        }
    }

    /** The store failed during background work (already logged by the caller). */
    void storeFailed(String operation, RuntimeException error) {
        if (!silent) {
            guarded("storeUnavailable", l -> l.storeUnavailable(operation, error));
        }
    }

    /**
     * The store refused a step for good (a text it cannot keep); the engine saved the step's state with the cause
     * instead and went on (an ERROR line whatever the listeners).
     */
    void storeRefused(IncidentRecord saved, String operation, RuntimeException error) {
        LOG.error("incident {} ({}, service {}): the store refused the {} for good; recorded without it and went on",
                saved.id(), saved.dedupKey(), saved.service(), operation, error);
        if (!silent) {
            Incident incident = Incident.of(saved);
            guarded("storeRefused", l -> l.storeRefused(incident, operation, error));
        }
    }

    void wokeUp(Instant scheduledFor, Instant at) {
        if (!silent) {
            guarded("wokeUp", l -> l.wokeUp(scheduledFor, at));
        }
    }

    private void guarded(String event, Consumer<IncidentListener> call) {
        for (IncidentListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("incident listener {} failed on {}; the engine goes on", listener, event, e);
            }
        }
    }
}
