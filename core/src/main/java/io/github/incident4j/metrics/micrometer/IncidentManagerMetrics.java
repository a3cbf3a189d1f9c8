package io.github.incident4j.metrics.micrometer;

import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentListener;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.spi.Page;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer meters for an {@link IncidentManager}, fed by its events: register it as the manager's listener.
 * Every meter carries the tag {@code pager} (the name given here), so several managers (one per pager) can share a
 * registry.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>counts</th></tr>
 *   <tr><td>{@value #PAGES_SENT}</td><td>counter</td><td>pages delivered (each delivery once)</td></tr>
 *   <tr><td>{@value #PAGES_FAILED}</td><td>counter</td><td>failed page attempts, the last one of a given-up page
 *       included</td></tr>
 *   <tr><td>{@value #PAGES_GIVEN_UP}</td><td>counter</td><td>pages given up after their last attempt</td></tr>
 *   <tr><td>{@value #FIRST_PAGE_LATENCY}</td><td>timer</td><td>from the alert that opened an incident to its first
 *       delivered page</td></tr>
 *   <tr><td>{@value #WAKE_UP_LAG}</td><td>timer</td><td>from the instant a wake-up was armed for to when it ran</td></tr>
 *   <tr><td>{@value #OPEN_INCIDENTS}</td><td>gauge</td><td>open incidents in the manager's store (once
 *       {@link #watch(IncidentManager)} is called)</td></tr>
 *   <tr><td>{@value #TRIGGERED}, {@value #LEVELS_SKIPPED}, {@value #EXHAUSTED}, {@value #STORE_FAILURES}</td>
 *       <td>counters</td><td>incidents opened, levels that resolved to nobody, escalations that stopped
 *       unacknowledged, store failures in background work</td></tr>
 * </table>
 *
 * <pre>{@code
 * IncidentManagerMetrics metrics = IncidentManagerMetrics.register(registry, "pagerduty");
 * IncidentManager manager = IncidentManager.builder().timers(timers).pager(pager).listener(metrics).build();
 * metrics.watch(manager);    // the open-incidents gauge
 * }</pre>
 */
public final class IncidentManagerMetrics implements IncidentListener {

    /** Pages delivered. */
    public static final String PAGES_SENT = "incident4j.pages.sent";
    /** Page attempts that failed. */
    public static final String PAGES_FAILED = "incident4j.pages.failed";
    /** Pages given up. */
    public static final String PAGES_GIVEN_UP = "incident4j.pages.given.up";
    /** Alert-to-first-page latency. */
    public static final String FIRST_PAGE_LATENCY = "incident4j.alert.to.first.page";
    /** Wake-up lag. */
    public static final String WAKE_UP_LAG = "incident4j.wakeup.lag";
    /** Open incidents. */
    public static final String OPEN_INCIDENTS = "incident4j.incidents.open";
    /** Incidents opened. */
    public static final String TRIGGERED = "incident4j.incidents.triggered";
    /** Levels skipped because they resolved to nobody. */
    public static final String LEVELS_SKIPPED = "incident4j.levels.skipped";
    /** Escalations that stopped with the incident unacknowledged. */
    public static final String EXHAUSTED = "incident4j.escalations.exhausted";
    /** Store failures during background work. */
    public static final String STORE_FAILURES = "incident4j.store.failures";

    private static final Logger LOG = LoggerFactory.getLogger(IncidentManagerMetrics.class);

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter sent;
    private final Counter failed;
    private final Counter givenUp;
    private final Timer firstPage;
    private final Timer wakeUpLag;
    private final Counter triggered;
    private final Counter skipped;
    private final Counter exhausted;
    private final Counter storeFailures;

    private IncidentManagerMetrics(MeterRegistry registry, String pager) {
        this.registry = registry;
        this.tags = Tags.of("pager", pager);
        this.sent = Counter.builder(PAGES_SENT).description("pages delivered").tags(tags).register(registry);
        this.failed = Counter.builder(PAGES_FAILED).description("page attempts that failed").tags(tags)
                .register(registry);
        this.givenUp = Counter.builder(PAGES_GIVEN_UP).description("pages given up after their last attempt")
                .tags(tags).register(registry);
        this.firstPage = Timer.builder(FIRST_PAGE_LATENCY)
                .description("from the alert that opened an incident to its first delivered page").tags(tags)
                .register(registry);
        this.wakeUpLag = Timer.builder(WAKE_UP_LAG).description("how late the engine woke for due work")
                .tags(tags).register(registry);
        this.triggered = Counter.builder(TRIGGERED).description("incidents opened").tags(tags).register(registry);
        this.skipped = Counter.builder(LEVELS_SKIPPED).description("levels that resolved to nobody").tags(tags)
                .register(registry);
        this.exhausted = Counter.builder(EXHAUSTED).description("escalations that stopped unacknowledged")
                .tags(tags).register(registry);
        this.storeFailures = Counter.builder(STORE_FAILURES).description("store failures in background work")
                .tags(tags).register(registry);
    }

    /**
     * Registers the meters on {@code registry}, tagged {@code pager=<pager>}.
     *
     * @param pager a name for the manager's pager, e.g. {@code pagerduty}
     */
    public static IncidentManagerMetrics register(MeterRegistry registry, String pager) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(pager, "pager");
        return new IncidentManagerMetrics(registry, pager);
    }

    /**
     * Registers the {@value #OPEN_INCIDENTS} gauge, which asks the manager's store on each read (NaN when the store
     * does not answer). The gauge holds the manager weakly, as Micrometer gauges do.
     *
     * @return this
     */
    public IncidentManagerMetrics watch(IncidentManager manager) {
        Gauge.builder(OPEN_INCIDENTS, manager, IncidentManagerMetrics::openIncidents)
                .description("open incidents in the store").tags(tags).register(registry);
        return this;
    }

    private static double openIncidents(IncidentManager manager) {
        try {
            return manager.openIncidents();
        } catch (RuntimeException e) {
            LOG.debug("open incidents gauge: the store did not answer", e);
            return Double.NaN;
        }
    }

    @Override
    public void triggered(Incident incident) {
        triggered.increment();
    }

    @Override
    public void paged(Incident incident, Page page, Instant at, boolean first) {
        sent.increment();
        if (first) {
            Duration latency = Duration.between(incident.triggeredAt(), at);
            firstPage.record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }

    @Override
    public void pageFailed(Incident incident, Page page, String reason) {
        failed.increment();
    }

    @Override
    public void pageGivenUp(Incident incident, Page page, String reason) {
        failed.increment();
        givenUp.increment();
    }

    @Override
    public void levelSkipped(Incident incident, int level, int pass, String why) {
        skipped.increment();
    }

    @Override
    public void exhausted(Incident incident, boolean nobodyPaged) {
        exhausted.increment();
    }

    @Override
    public void storeUnavailable(String operation, RuntimeException error) {
        storeFailures.increment();
    }

    @Override
    public void wokeUp(Instant scheduledFor, Instant at) {
        Duration lag = Duration.between(scheduledFor, at);
        wakeUpLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    @Override
    public String toString() {
        return "IncidentManagerMetrics" + tags;
    }
}
