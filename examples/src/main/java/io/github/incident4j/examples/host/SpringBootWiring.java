package io.github.incident4j.examples.host;

import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.Pager;
import io.github.incident4j.spi.SystemTimers;
import java.time.Duration;

/**
 * The bean methods of the README's "In a Spring Boot service" section, without Spring's annotations so this module
 * needs no Spring: in a Boot service each method is a {@code @Bean} of a {@code @Configuration} class, the timers and
 * the manager with {@code destroyMethod = "close"}. {@code SpringBootWiringSampleTest} runs them.
 */
public final class SpringBootWiring {

    private SpringBootWiring() {
    }

    /** {@code @Bean(destroyMethod = "close")}: one daemon thread that wakes every engine; engines read its clock. */
    public static SystemTimers incidentTimers() {
        return SystemTimers.startDaemon();
    }

    /**
     * {@code @Bean(destroyMethod = "close")}: the escalation engine on the team's rotation file, paging through the
     * host's {@link Pager} bean, on the host's store (in a Boot service {@code JdbcIncidentStore.on(dataSource).build()}
     * over the service's PostgreSQL, so every instance shares it).
     */
    public static IncidentManager incidentManager(SystemTimers timers, Pager pager, IncidentStore store,
            String rotationYaml) {
        OnCallConfig oncall = OnCallYaml.parse(rotationYaml);
        return IncidentManager.builder()
                .timers(timers)
                .pager(pager)
                .store(store)
                .pollInterval(Duration.ofSeconds(5))
                .roster(Roster.builder().schedule(oncall.schedule()).build())
                .build();
    }
}
