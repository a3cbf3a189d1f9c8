package io.github.incident4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.IncidentRecord;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.kit.EngineFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Free text from outside (alert keys, summaries, labels, annotations, notes, pager errors) is made storable by the
 * engine before any store sees it, so the same run stores the same records in memory, on H2 and on PostgreSQL,
 * whatever the text holds.
 */
@DisplayName("Hostile text from outside is stored the same in every store")
class StorableTextAcrossStoresTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    /** Runs the same scenario on a store; returns what it stored and what it paged. */
    private static Run run(IncidentStore store) {
        VirtualTime time = VirtualTime.startingAt(EngineFixtures.T0);
        AtomicInteger ids = new AtomicInteger();
        List<Page> pages = new ArrayList<>();
        IncidentManager manager = IncidentManager.builder().timers(time).store(store)
                .ids(() -> IncidentId.of("INC-" + ids.incrementAndGet()))
                .maxPageAttempts(2)
                .pager(page -> {
                    pages.add(page);
                    return page.recipient().equals("Dana")
                            ? CompletableFuture.failedFuture(new IllegalStateException("bad \0 answer \uDC00"))
                            : CompletableFuture.completedFuture(null);
                }).build();
        Incident a = manager.trigger(Alert.withKey("fp-\uD800").service("pay\0ments").summary("DB\0 down \uD83D")
                .label("region", "eu\0west").label("k\u0001", "v")
                .annotation(Alert.RUNBOOK_URL, "https://runbooks/x?\uDFFF").annotation(Alert.DESCRIPTION, "a\\u0000b")
                .build(), EngineFixtures.PEOPLE);
        Incident b = manager.trigger(Alert.withKey("fp-\uDBFF").service("payments").summary("other").build(),
                EngineFixtures.PEOPLE);
        manager.addNote(a.id(), "Bo\0b", "looked at it \u0007");
        time.advance(Duration.ofMinutes(20));   // Dana is paged at level 2 and fails twice
        manager.acknowledgeByKey("fp-\uD800", "Alice");
        manager.close();
        return new Run(store.all(), pages, a, b);
    }

    private record Run(List<IncidentRecord> records, List<Page> pages, Incident a, Incident b) {
    }

    @Test
    @DisplayName("NUL, control characters and lone surrogates are escaped, never dropped: two keys that differ in a "
            + "lone surrogate stay two incidents, and memory, H2 and PostgreSQL store equal records")
    void sameEverywhere() {
        Run memory = run(new InMemoryIncidentStore());
        Run h2 = run(TestDatabases.storeOn(TestDatabases.freshH2(), "h2"));
        Run postgres = run(TestDatabases.storeOn(POSTGRES.freshDatabase(), "pg"));

        assertThat(memory.records()).hasSize(2);
        assertThat(memory.a().id()).isNotEqualTo(memory.b().id());
        assertThat(h2.records()).isEqualTo(memory.records());
        assertThat(postgres.records()).isEqualTo(memory.records());

        IncidentRecord a = memory.records().get(0);
        assertThat(a.dedupKey()).isEqualTo("fp-\\uD800");
        assertThat(memory.records().get(1).dedupKey()).isEqualTo("fp-\\uDBFF");
        assertThat(a.service()).isEqualTo("pay\\u0000ments");
        assertThat(a.summary()).isEqualTo("DB\\u0000 down \\uD83D");
        assertThat(a.labels()).containsEntry("region", "eu\\u0000west").containsEntry("k\\u0001", "v");
        assertThat(a.annotations()).containsEntry(Alert.RUNBOOK_URL, "https://runbooks/x?\\uDFFF")
                .containsEntry(Alert.DESCRIPTION, "a\\\\u0000b");   // a literal backslash-u is doubled, so it stays apart
        assertThat(a.timeline()).anySatisfy(e -> assertThat(e.detail()).isEqualTo("looked at it \\u0007"));
        assertThat(a.timeline()).anySatisfy(e -> assertThat(e.actor()).isEqualTo("Bo\\u0000b"));
        assertThat(a.timeline()).filteredOn(e -> e.kind() == IncidentRecord.EventKind.PAGE_FAILED).hasSize(2)
                .allSatisfy(e -> assertThat(e.detail()).contains("bad \\u0000 answer \\uDC00"));
        assertThat(a.status()).isEqualTo(IncidentRecord.Status.ACKNOWLEDGED);
        // pages carry the stored text, annotations included
        assertThat(memory.pages()).first().satisfies(p -> {
            assertThat(p.dedupKey()).isEqualTo("fp-\\uD800");
            assertThat(p.annotations()).containsEntry(Alert.RUNBOOK_URL, "https://runbooks/x?\\uDFFF");
        });
        assertThat(postgres.pages()).extracting(Page::idempotencyKey)
                .isEqualTo(memory.pages().stream().map(Page::idempotencyKey).toList());
    }
}
