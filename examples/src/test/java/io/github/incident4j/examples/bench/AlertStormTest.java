package io.github.incident4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The alert-storm benchmark")
class AlertStormTest {

    @Test
    @DisplayName("opens one incident per key, counts every alert on it and escalates while alerts repeat")
    void oneIncidentPerKey() {
        AlertStorm storm = new AlertStorm(AlertStorm.distinctAlerts(100), AlertStorm.sequence(1_000_000, 100));

        storm.send(0, 1_000_000);

        storm.check(1_000_000);
        assertThat(storm.manager.incidents()).hasSize(100)
                .allSatisfy(i -> assertThat(i.status()).isEqualTo(IncidentStatus.TRIGGERED))
                .allSatisfy(i -> assertThat(i.level()).isEqualTo(3));
        assertThat(storm.manager.incidents().stream().mapToLong(Incident::alertCount).sum()).isEqualTo(1_000_000);
        assertThat(storm.pager.pages()).hasSize(300);
    }

    @Test
    @DisplayName("the check refuses a storm that lost an alert")
    void checkFails() {
        AlertStorm storm = new AlertStorm(AlertStorm.distinctAlerts(10), AlertStorm.sequence(1_000, 10));
        storm.send(0, 999);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> storm.check(1_000))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("the sequence is seeded and sends every key first")
    void sequence() {
        assertThat(AlertStorm.sequence(50, 10)).isEqualTo(AlertStorm.sequence(50, 10)).startsWith(0, 1, 2, 3, 4, 5,
                6, 7, 8, 9);
    }
}
