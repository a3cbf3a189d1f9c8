package io.github.incident4j.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.common.Severity;
import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.incident.Urgency;
import io.github.incident4j.oncall.OnCallConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code routes:} section of the rotation YAML file. */
class AlertRoutesYamlTest {

    static final String ROUTES = """
            routes:
              - name: watchdog
                matchers: ['alertname="Watchdog"']
                heartbeat: alertmanager
              - name: payments
                matchers:
                  - team = payments
                  - severity=~"critical|page|P[12]"
                service: payment-service
                category: App crash
                auto_resolve: true
              - name: default
                escalation_policy: Backend On-Call
                severities:
                  page: SEV-1
                  ticket: P4
                default_severity: SEV-3
                urgency: high
                auto_resolve: false
            """;

    static String seedRotation() throws IOException {
        try (InputStream in = AlertRoutesYamlTest.class.getResourceAsStream("/seed/oncall-rotation.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("the rotation file with a routes: section is read by both readers: OnCallYaml the schedule, AlertRoutesYaml the routes")
    void sameFile() throws IOException {
        String file = seedRotation() + "\n" + ROUTES;
        OnCallConfig oncall = OnCallYaml.parse(file);
        AlertRoutes routes = AlertRoutesYaml.parse(file);

        assertThat(oncall.escalationPolicy().name()).isEqualTo("Backend On-Call");
        assertThat(routes.policyNames()).containsExactly(oncall.escalationPolicy().name());
        assertThat(routes.routes()).extracting(AlertRoute::name).containsExactly("watchdog", "payments");
        AlertRoute payments = routes.routes().get(1);
        assertThat(payments.matchers()).extracting(LabelMatcher::toString)
                .containsExactly("team=\"payments\"", "severity=~\"critical|page|P[12]\"");
        assertThat(payments.autoResolve()).contains(true);
        assertThat(routes.defaultRoute().severities()).containsEntry("page", Severity.SEV_1).containsEntry("ticket", Severity.SEV_4);
        assertThat(routes.defaultRoute().urgency()).contains(Urgency.HIGH);
        assertThat(routes.route(java.util.Map.of("team", "payments", "severity", "page")).severityOf(
                java.util.Map.of("severity", "page"))).isEqualTo(Severity.SEV_1);
    }

    @Test
    @DisplayName("render writes a routes: section that reads back equal")
    void render() {
        AlertRoutes routes = AlertRoutesYaml.parse(ROUTES);
        String yaml = AlertRoutesYaml.render(routes);
        assertThat(yaml).startsWith("routes:");
        assertThat(AlertRoutesYaml.parse(yaml)).isEqualTo(routes);
        assertThat(AlertRoutesYaml.parse(AlertRoutesYaml.render(AlertRoutesTest.table()))).isEqualTo(AlertRoutesTest.table());
    }

    @Test
    @DisplayName("every problem of a routes section is reported with its line and column, and nothing is returned")
    void problems() {
        String bad = """
                schedual: {}
                routes:
                  - name: payments
                    matchers: [team=payments, "severity=~(oops"]
                    auto_resolve: maybe
                    urgency: urgent
                    colour: blue
                    severities: {page: SEV-9}
                  - name: default
                    matchers: [x=1]
                    escalation_policy: Backend On-Call
                """;
        assertThatThrownBy(() -> AlertRoutesYaml.parse(bad)).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.problems()).extracting(FormatException.Problem::toString).satisfiesExactly(
                    p -> assertThat(p).startsWith("line 1, column 1: unknown field 'schedual'"),
                    p -> assertThat(p).startsWith("line 4, column 31: routes[0].matchers[1]").contains("is not a regular expression"),
                    p -> assertThat(p).startsWith("line 5, column 19: routes[0].auto_resolve: expected true or false, but was 'maybe'"),
                    p -> assertThat(p).startsWith("line 6, column 14: routes[0].urgency: expected high or low"),
                    p -> assertThat(p).startsWith("line 7, column 5: unknown field 'colour' in routes[0]"),
                    p -> assertThat(p).startsWith("line 8, column 24: routes[0].severities.page").contains("SEV-1 .. SEV-5"),
                    p -> assertThat(p).startsWith("line 9, column 5: routes[1]: the last route is the default route"));
        });
    }

    @Test
    @DisplayName("a file without routes:, or with an empty list, says what is missing")
    void missing() throws IOException {
        assertThatThrownBy(() -> AlertRoutesYaml.parse(seedRotation())).hasMessageContaining("missing 'routes' section");
        assertThatThrownBy(() -> AlertRoutesYaml.parse("routes: []")).hasMessageContaining("give at least the default route");
        assertThatThrownBy(() -> AlertRoutesYaml.parse("routes:\n  - name: d\n")).hasMessageContaining("must name an escalation policy");
    }

    @Test
    @DisplayName("OnCallYaml still refuses an unknown top-level field beside schedule and routes")
    void onCallStillStrict() throws IOException {
        assertThatThrownBy(() -> OnCallYaml.parse(seedRotation() + "\nroute: []\n")).hasMessageContaining("unknown field 'route'");
    }

    @Test
    @DisplayName("unsafe YAML (an alias bomb, a recursive anchor, a tag, an oversized document) is refused with a place")
    void unsafe() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        for (String bad : List.of(bomb + "routes: []\n", "routes: &r [*r]\n",
                "routes:\n  - name: !!java.lang.Runtime x\n    escalation_policy: p\n", "# " + "y".repeat(1_000_001))) {
            assertThatThrownBy(() -> AlertRoutesYaml.parse(bad)).isInstanceOfSatisfying(FormatException.class,
                    e -> assertThat(e.line()).isGreaterThanOrEqualTo(1));
        }
    }
}
