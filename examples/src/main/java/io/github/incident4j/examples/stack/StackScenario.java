package io.github.incident4j.examples.stack;

import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.examples.host.AlertReceiver;
import io.github.incident4j.format.EscalationMatrixText;
import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.ingest.AlertIngest;
import io.github.incident4j.ingest.AlertRoutes;
import io.github.incident4j.ingest.AlertRoutesYaml;
import io.github.incident4j.ingest.AlertmanagerWebhook;
import io.github.incident4j.metrics.PrometheusMetricsSource;
import io.github.incident4j.notify.PagerDutyEvents;
import io.github.incident4j.notify.RetryPolicy;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.runbook.RecoveryReport;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.spi.SystemTimers;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The second runnable scenario, on the real stack: a real Alertmanager fires into the engine through the webhook
 * receiver, the engine pages a loopback PagerDuty-compatible receiver (Events API v2) and escalates, recovery is
 * verified on a real Prometheus holding an hour of known data, and the incident resolves when the alert resolves
 * (PagerDuty gets the resolve event). It needs the Debian packages {@code prometheus} and
 * {@code prometheus-alertmanager} (see {@link ServerBinaries#INSTALL}); the first scenario stays the zero-install one.
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl examples exec:java -Dexec.mainClass=io.github.incident4j.examples.stack.StackScenario
 * </pre>
 *
 * <p>Exit code 0 when every step behaved as expected, 1 when one did not (listed last), 2 when a server binary is
 * missing (the message names the install command). Servers run on free loopback ports with their data under
 * {@code --work=} (default {@code target/stack-scenario}) and are stopped at the end.
 */
public final class StackScenario {

    private static final String TOKEN = "scenario-t0k3n";
    /** A PagerDuty integration key has 32 characters; the inbox accepts any. */
    private static final String ROUTING_KEY = "SCENAR10R0UT1NGKEY0000000000000A";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();

    private StackScenario(PrintStream out) {
        this.out = out;
    }

    /** Runs the scenario with {@code --work=<dir>}. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int code = run(args, out);
        out.flush();
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the scenario, printing the narrative to {@code out}.
     *
     * @return 0 every step as expected, 1 a step failed, 2 a server binary is missing or bad arguments
     */
    public static int run(String[] args, PrintStream out) {
        Path work = Path.of("target/stack-scenario");
        for (String a : args) {
            if (a.startsWith("--work=")) {
                work = Path.of(a.substring("--work=".length()));
            } else {
                out.println("unknown argument " + a + "; usage: StackScenario [--work=<dir>]");
                return 2;
            }
        }
        try {
            ServerBinaries.find("prometheus");
            ServerBinaries.find("promtool");
            ServerBinaries.find("prometheus-alertmanager");
        } catch (ServerBinaries.MissingServerException e) {
            out.println(e.getMessage());
            return 2;
        }
        StackScenario s = new StackScenario(out);
        try {
            s.play(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s.failures.add("interrupted");
        } catch (RuntimeException e) {
            s.failures.add("the scenario stopped: " + e);
        }
        if (s.failures.isEmpty()) {
            s.emit("RESULT", "every step behaved as expected");
            return 0;
        }
        s.emit("RESULT", s.failures.size() + " step(s) did not behave as expected:");
        s.failures.forEach(f -> out.println("  - " + f));
        return 1;
    }

    private void play(Path work) throws InterruptedException {
        String file = resource("stack/rotation-with-routes.yaml");
        OnCallConfig oncall = OnCallYaml.parse(file);
        AlertRoutes routes = AlertRoutesYaml.parse(file);
        EscalationMatrix matrix = EscalationMatrixText.parse(resource("seed/escalation-matrix.txt"));
        Runbook runbook = RecoveryOnPrometheus.runbook(PaymentMetrics.RECOVERED);

        try (SystemTimers timers = SystemTimers.startDaemon();
             PagerDutyInbox pagerDuty = PagerDutyInbox.start();
             LocalPrometheus prometheus = LocalPrometheus.withData(work.resolve("prometheus"), PaymentMetrics.openMetrics())) {
            emit("START", "Prometheus " + prometheus.url() + " with an hour of payment-service data backfilled by promtool");
            PagerDutyEvents pd = PagerDutyEvents.withRoutingKey(ROUTING_KEY).endpoint(pagerDuty.endpoint()).timers(timers)
                    .retry(RetryPolicy.DEFAULT.withTimeout(Duration.ofSeconds(5))).build();
            Roster roster = Roster.builder().schedule(oncall.schedule())
                    .role("engineering_lead", "Dana").role("vp_engineering", "Erin").build();
            IncidentManager manager = IncidentManager.builder().timers(timers).pager(pd.pager()).roster(roster)
                    .matrix(matrix).build();
            AlertIngest ingest = AlertIngest.builder().manager(manager).routes(routes).policy(oncall.escalationPolicy())
                    .bearerToken(TOKEN).onResolved(i -> pd.resolve(i.dedupKey())).build();
            try (AlertReceiver receiver = AlertReceiver.start(ingest, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                 LocalAlertmanager alertmanager = LocalAlertmanager.start(work.resolve("alertmanager"),
                         LocalAlertmanager.webhookConfig(receiver.url(), TOKEN))) {
                emit("START", "Alertmanager " + alertmanager.url() + " -> webhook receiver " + receiver.url()
                        + " (bearer token) -> engine -> PagerDuty-compatible inbox " + pagerDuty.endpoint());
                live(manager, alertmanager, pagerDuty, prometheus, runbook, timers);
            } finally {
                manager.close();
            }
        }
    }

    private void live(IncidentManager manager, LocalAlertmanager alertmanager, PagerDutyInbox pagerDuty,
                      LocalPrometheus prometheus, Runbook runbook, SystemTimers timers) throws InterruptedException {
        Map<String, String> labels = Map.of("alertname", "ServiceHighErrorRate", "service", PaymentMetrics.RECOVERED,
                "severity", "critical", "team", "payments", "instance", "payment-7d9f:8080");
        Map<String, String> annotations = Map.of("summary", "Error rate above 5% on payment-service",
                "description", "5xx responses are above 5% of requests for 5 minutes.",
                "runbook_url", "https://runbooks.example.com/payment-service",
                "dashboard", "https://grafana.example.com/d/payments");
        String key = AlertmanagerWebhook.fingerprint(labels);
        Instant started = timers.clock().instant();
        alertmanager.post(labels, annotations, started, started.plus(Duration.ofHours(1)));
        emit("ALERT", "ServiceHighErrorRate posted to Alertmanager's /api/v2/alerts, as Prometheus does");

        Optional<Incident> incident = await(() -> manager.incidents().stream().filter(i -> i.dedupKey().equals(key)).findFirst());
        if (incident.isEmpty()) {
            failures.add("no incident opened from Alertmanager's notification within " + WAIT.toSeconds() + "s");
            return;
        }
        Incident opened = incident.get();
        emit("INCIDENT", opened.id() + " opened: " + opened.severity() + " " + opened.alert().summary() + " (dedup key = "
                + "Alertmanager's fingerprint " + key + ", category " + opened.category().orElse("-") + ")");
        check(opened.severity().label().equals("SEV-1") && opened.category().equals(Optional.of("App crash")),
                "the payments route gives SEV-1 and the App crash category");

        boolean escalated = true;
        for (int n = 1; n <= 2; n++) {
            if (pagerDuty.awaitEvents(n, WAIT)) {
                PagerDutyInbox.Event e = pagerDuty.events().get(n - 1);
                emit("PAGE", "PagerDuty " + e.action() + " " + e.severity() + " for " + e.recipient() + " (level " + n + "): "
                        + e.summary());
            } else {
                escalated = false;
            }
        }
        check(escalated, "level 1 was paged and, unacknowledged for 3s, escalation paged level 2");
        check(pagerDuty.events().size() >= 2 && pagerDuty.events().get(1).recipient().equals("Dana"),
                "level 2 pages the engineering lead (Dana)");

        RecoveryOnPrometheus.Outcome recovery = RecoveryOnPrometheus.verify(
                RecoveryOnPrometheus.source(prometheus.url(), runbook), runbook, PaymentMetrics.RECOVERY.plusSeconds(60));
        RecoveryReport report = recovery.report();
        for (RecoveryReport.CriterionResult c : report.criteria()) {
            emit(c.status() == RecoveryReport.Status.NOT_CHECKED ? "UNCHECKED" : c.status().name(), c.criterion().text() + " (" + c.samples()
                    + " samples)");
        }
        recovery.samples().forEach((metric, samples) -> emit("SAMPLES", metric + " from Prometheus: " + samples.stream()
                .map(s -> s.at().toString().substring(11, 16) + "=" + String.format(Locale.ROOT, "%.4f", s.value()))
                .collect(Collectors.joining(" "))));
        emit("RECOVERY", report.verified() ? "recovery verified on Prometheus's data from " + report.from() + " to "
                + report.until() : "recovery NOT verified: " + report.failure().map(f -> f.detail()).orElse("?"));
        check(report.verified(), "recovery is verified on the recovered series");

        Instant resolvedAt = timers.clock().instant();
        alertmanager.post(labels, annotations, started, resolvedAt);
        emit("ALERT", "the alert resolves (endsAt now); Alertmanager sends the resolved notification");
        Optional<Incident> resolved = await(() -> manager.incidents().stream()
                .filter(i -> i.dedupKey().equals(key) && i.status() == IncidentStatus.RESOLVED).findFirst());
        check(resolved.isPresent(), "the resolved alert resolves the incident (the route auto-resolves)");
        boolean resolveSent = pagerDuty.awaitEvents(pagerDuty.events().size() >= 3 ? pagerDuty.events().size() : 3, WAIT)
                && pagerDuty.events().stream().anyMatch(e -> e.action().equals("resolve") && e.dedupKey().equals(key));
        resolved.ifPresent(i -> emit("RESOLVED", i.id() + " resolved by alertmanager; PagerDuty "
                + (resolveSent ? "got the resolve event" : "did NOT get the resolve event")));
        check(resolveSent, "PagerDuty gets the resolve event for the incident's dedup key");
        check(pagerDuty.refused().isEmpty(), "every request to PagerDuty was valid (refused: " + pagerDuty.refused() + ")");
    }

    private <T> Optional<T> await(Supplier<Optional<T>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> v = condition.get();
            if (v.isPresent()) {
                return v;
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    private void check(boolean ok, String expectation) {
        if (!ok) {
            failures.add(expectation);
        }
    }

    private void emit(String tag, String text) {
        out.printf(Locale.ROOT, "%s  %-9s %s%n", CLOCK.format(java.time.Clock.systemUTC().instant()), tag, text);
    }

    private static String resource(String name) {
        try (InputStream in = StackScenario.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
