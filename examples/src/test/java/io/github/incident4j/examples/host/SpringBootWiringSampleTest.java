package io.github.incident4j.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.spi.Page;
import io.github.incident4j.spi.Pager;
import io.github.incident4j.spi.SystemTimers;
import io.github.incident4j.store.InMemoryIncidentStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SpringBootWiringSampleTest {

    @Test
    @DisplayName("the README's Spring Boot beans page the on-call of the seed rotation on real time")
    void beansPageTheOnCall() throws Exception {
        LinkedBlockingQueue<Page> pages = new LinkedBlockingQueue<>();
        Pager pager = page -> {
            pages.add(page);
            return Pager.delivered();
        };
        String rotation = seed("oncall-rotation.yaml");
        OnCallConfig config = OnCallYaml.parse(rotation);
        try (SystemTimers timers = SpringBootWiring.incidentTimers();
                IncidentManager manager = SpringBootWiring.incidentManager(timers, pager, new InMemoryIncidentStore(),
                        rotation)) {
            Incident incident = manager.trigger(Alert.withKey("payments/error-rate").service("payment-service")
                    .summary("Error rate above 5%").build(), config.escalationPolicy());
            Page first = pages.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.incidentId()).isEqualTo(incident.id().value());
            assertThat(first.recipient()).isEqualTo(config.schedule().onCallAt(timers.clock().instant()).orElseThrow());
        }
    }

    private static String seed(String name) throws IOException {
        try (InputStream in = SpringBootWiringSampleTest.class.getResourceAsStream("/seed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
