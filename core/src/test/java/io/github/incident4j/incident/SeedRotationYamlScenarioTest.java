package io.github.incident4j.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.format.EscalationMatrixText;
import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The seed documents drive the engine as written: the rotation and its policy from
 * {@code oncall-rotation.yaml}, the responses from {@code escalation-matrix.txt}.
 */
@DisplayName("The seed rotation YAML and escalation matrix drive an incident end to end")
class SeedRotationYamlScenarioTest {

    private static String seed(String name) throws IOException {
        try (InputStream in = SeedRotationYamlScenarioTest.class.getResourceAsStream("/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("the on-call of the week is paged, then after their 15-minute delay the lead is told the Security response")
    void seedDocumentsEndToEnd() throws IOException {
        OnCallConfig config = OnCallYaml.parse(seed("oncall-rotation.yaml"));
        EscalationMatrix matrix = EscalationMatrixText.parse(seed("escalation-matrix.txt"));
        // Rotation start 2024-01-01 09:00 UTC, weekly: 2026-03-03 10:00 is 792 days + 1 h later, in turn 113,
        // and 113 mod 3 = 2 is Carol.
        Instant t0 = Instant.parse("2026-03-03T10:00:00Z");
        assertThat(config.schedule().onCallAt(t0)).contains("Carol");

        VirtualTime time = VirtualTime.startingAt(t0);
        RecordingPager pager = new RecordingPager();
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager)
                .roster(Roster.builder().schedule(config.schedule())
                        .role("engineering_lead", "Dana").role("vp_engineering", "Victor").build())
                .matrix(matrix)
                .build();

        Incident incident = manager.trigger(Alert.withKey("auth/intrusion").service("auth-service")
                .summary("Suspicious logins").severity("SEV-1").category("Security").build(), config.escalationPolicy());
        assertThat(pager.pages()).extracting(Page::recipient, Page::level, Page::response)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Carol", 1, "Isolate"));

        time.advance(Duration.ofMinutes(15));
        assertThat(pager.pages()).extracting(Page::recipient, Page::level, Page::response).last()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple("Dana", 2, "SecOps"));
        assertThat(pager.pages().get(1).at()).isEqualTo(t0.plus(Duration.ofMinutes(15)));

        manager.acknowledge(incident.id(), "Dana");
        time.advance(Duration.ofHours(2));
        assertThat(pager.pages()).hasSize(2);
        assertThat(manager.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    }
}
