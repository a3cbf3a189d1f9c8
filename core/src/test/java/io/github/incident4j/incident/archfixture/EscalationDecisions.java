package io.github.incident4j.incident.archfixture;

import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Pager;
import org.slf4j.LoggerFactory;

/** A deliberately impure decision class: it reads the store, pages and logs (the purity rule must fail on it). */
public final class EscalationDecisions {

    private EscalationDecisions() {
    }

    /** Decides by reading the store and paging: what the rule forbids. */
    public static void decide(IncidentStore store, Pager pager) {
        LoggerFactory.getLogger(EscalationDecisions.class).info("{}", store.nextDueAt());
        pager.send(null);
    }
}
