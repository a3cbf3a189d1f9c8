package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.StoreRefusedException;
import io.github.incident4j.spi.kit.EngineFixtures;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, items 1 and 2: a save the store refuses for a reason retrying cannot remove (PostgreSQL refusing a
 * value, a host's check constraint, a value too long) is not retried for ever and holds no page: the step is recorded
 * with the cause and the escalation goes on. In virtual time, with a store that refuses chosen timeline rows.
 */
@DisplayName("A save the store refuses for good")
class StoreRefusalTest {

    private final VirtualTime time = VirtualTime.startingAt(EngineFixtures.T0);
    private final List<String> calls = new ArrayList<>();
    private final List<String> refusedEvents = new ArrayList<>();
    private final IncidentListener listener = new IncidentListener() {
        @Override
        public void storeRefused(Incident incident, String operation, RuntimeException error) {
            refusedEvents.add(operation + ": " + error.getMessage());
        }
    };

    /** An in-memory store that refuses, as a database would, every save appending a row {@code refuses} matches. */
    static final class RefusingStore extends DurableEscalationTest.DelegatingStore {
        private final Predicate<IncidentRecord.Event> refuses;
        int refusals;

        RefusingStore(Predicate<IncidentRecord.Event> refuses) {
            super(new InMemoryIncidentStore());
            this.refuses = refuses;
        }

        @Override
        public synchronized IncidentRecord save(IncidentRecord record) {
            int stored = load(record.id()).map(r -> r.timeline().size()).orElse(0);
            List<IncidentRecord.Event> rows = record.timeline();
            for (int i = stored; i < rows.size(); i++) {
                if (refuses.test(rows.get(i))) {
                    refusals++;
                    throw new StoreRefusedException(record.id(), List.of("timeline[" + i + "] violates check "
                            + "constraint \"host_rule\" (SQLState 23514)"));
                }
            }
            return super.save(record);
        }
    }

    private IncidentManager manager(IncidentStore store, String failing, String error) {
        return IncidentManager.builder().timers(time).store(store).listener(listener)
                .maxPageAttempts(3).retryBackoff(Duration.ofSeconds(30))
                .pager((Page page) -> {
                    calls.add(page.recipient() + " #" + page.attempt() + " at +"
                            + Duration.between(EngineFixtures.T0, time.now()).toMinutes() + "m");
                    return page.recipient().equals(failing) && page.attempt() == 1
                            ? CompletableFuture.failedFuture(new IllegalStateException(error))
                            : CompletableFuture.completedFuture(null);
                }).build();
    }

    private static Alert alert() {
        return Alert.withKey("db").service("payments").summary("DB down").build();
    }

    @Test
    @DisplayName("a level whose step the store refuses (item 2) is recorded as skipped with the cause, once, with an "
            + "ERROR line and a storeRefused event, and the next level is paged at once")
    void refusedStepGoesOn() {
        RefusingStore store = new RefusingStore(e -> "Dana".equals(e.recipient()));
        IncidentManager manager = manager(store, "", "");
        Incident incident;
        List<String> errors;
        try (LogCapture log = new LogCapture()) {
            incident = manager.trigger(alert(), EngineFixtures.PEOPLE);
            time.advance(Duration.ofHours(3));
            errors = log.errors();
        }
        assertThat(calls).containsExactly("Alice #1 at +0m", "Victor #1 at +15m");
        assertThat(store.refusals).as("the refused save is tried once, not for ever").isEqualTo(1);
        assertThat(refusedEvents).singleElement().satisfies(e -> assertThat(e).startsWith("escalation step: ")
                .contains("host_rule"));
        assertThat(errors).anySatisfy(l -> assertThat(l).contains(incident.id().value())
                .contains("refused the escalation step for good"));
        IncidentRecord stored = store.load(incident.id().value()).orElseThrow();
        assertThat(stored.timeline()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(IncidentRecord.EventKind.LEVEL_SKIPPED);
            assertThat(e.level()).isEqualTo(2);
            assertThat(e.detail()).contains("the store refused this step").contains("1 page(s) were not sent")
                    .contains("host_rule");
        });
        assertThat(stored.timeline()).noneSatisfy(e -> assertThat(e.recipient()).isEqualTo("Dana"));
        assertThat(stored.timeline()).filteredOn(e -> e.kind() == IncidentRecord.EventKind.PAGE_DELIVERED)
                .extracting(IncidentRecord.Event::recipient).containsExactly("Alice", "Victor");
        assertThat(stored.status()).isEqualTo(IncidentRecord.Status.TRIGGERED);
        assertThat(manager.acknowledge(incident.id(), "Victor").status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    }

    @Test
    @DisplayName("a page failure whose text the store refuses (item 1) is recorded in the engine's words with the "
            + "cause, and the page is retried: it is never held")
    void refusedPageOutcomeIsRecordedPlainly() {
        RefusingStore store = new RefusingStore(e -> e.detail() != null && e.detail().contains("poison"));
        IncidentManager manager = manager(store, "Alice", "gateway said poison");
        Incident incident;
        List<String> errors;
        try (LogCapture log = new LogCapture()) {
            incident = manager.trigger(alert(), EngineFixtures.PEOPLE);
            time.advance(Duration.ofMinutes(5));
            errors = log.errors();
        }
        assertThat(calls).containsExactly("Alice #1 at +0m", "Alice #2 at +0m");
        assertThat(store.refusals).isEqualTo(1);
        assertThat(errors).anySatisfy(l -> assertThat(l).contains("the store refused the PAGE_FAILED of page"));
        IncidentRecord stored = store.load(incident.id().value()).orElseThrow();
        assertThat(stored.timeline()).filteredOn(e -> e.kind() == IncidentRecord.EventKind.PAGE_FAILED)
                .singleElement().satisfies(e -> assertThat(e.detail()).doesNotContain("poison")
                        .contains("host_rule"));
        assertThat(stored.timeline()).filteredOn(e -> e.kind() == IncidentRecord.EventKind.PAGE_DELIVERED)
                .extracting(IncidentRecord.Event::recipient).containsExactly("Alice");
    }

    @Test
    @DisplayName("a page failure the store refuses even in the engine's words does not hold the page for ever: the "
            + "outbox sends it again, and the refused save is not retried in a loop")
    void pageNeverHeldForEver() {
        RefusingStore store = new RefusingStore(e -> e.kind() == IncidentRecord.EventKind.PAGE_FAILED);
        IncidentManager manager = manager(store, "Alice", "gateway down");
        Incident incident;
        try (LogCapture log = new LogCapture()) {
            incident = manager.trigger(alert(), EngineFixtures.PEOPLE);
            time.advance(Duration.ofMinutes(14));
        }
        assertThat(calls).as("Alice's page was sent again after the failure nobody could record")
                .hasSizeGreaterThanOrEqualTo(2).allSatisfy(c -> assertThat(c).startsWith("Alice #"));
        assertThat(calls.get(calls.size() - 1)).as("and then delivered").startsWith("Alice #2");
        assertThat(store.refusals).as("each refused outcome is tried twice (as given, then plain), not for ever")
                .isEqualTo(2);
        assertThat(store.load(incident.id().value()).orElseThrow().timeline())
                .filteredOn(e -> e.kind() == IncidentRecord.EventKind.PAGE_DELIVERED)
                .extracting(IncidentRecord.Event::recipient).containsExactly("Alice");
    }
}
