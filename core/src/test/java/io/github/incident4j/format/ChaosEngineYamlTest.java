package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.chaos.AppInfo;
import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.chaos.CleanupPolicy;
import io.github.incident4j.chaos.EngineState;
import io.github.incident4j.chaos.Fault;
import io.github.incident4j.chaos.PodDeleteSettings;
import io.github.incident4j.chaos.Probe;
import io.github.incident4j.chaos.ProbeInputs;
import io.github.incident4j.chaos.ProbeMode;
import io.github.incident4j.chaos.RunProperties;
import io.github.incident4j.chaos.Tolerance;
import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Finding;
import io.github.incident4j.common.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ChaosEngineYaml reads and writes Litmus ChaosEngines")
class ChaosEngineYamlTest {

    static String seedText() throws IOException {
        try (InputStream in = ChaosEngineYamlTest.class.getResourceAsStream("/seed/chaos-pod-delete.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static final Map<String, String> PROMQL = Map.of(
            "p99 latency", "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{app=\"payment-service\"}[5m])))",
            "error rate", "100 * sum(rate(http_requests_total{app=\"payment-service\",code=~\"5..\"}[5m]))"
                    + " / sum(rate(http_requests_total{app=\"payment-service\"}[5m]))");

    private static ChaosExperiment withFault(ChaosExperiment e, int i, Fault f) {
        List<Fault> faults = new ArrayList<>(e.faults());
        faults.set(i, f);
        return e.toBuilder().faults(faults).build();
    }

    private static ChaosExperiment withProbe(ChaosExperiment e, int fault, int index, Probe p) {
        Fault f = e.faults().get(fault);
        List<Probe> probes = new ArrayList<>(f.probes());
        probes.set(index, p);
        return withFault(e, fault, new Fault(f.name(), f.env(), probes, f.extra()));
    }

    @Nested
    @DisplayName("the seed")
    class Seed {

        @Test
        @DisplayName("is read field by field, with its commented hypothesis as tolerances without PromQL")
        void fieldByField() throws IOException {
            ChaosExperiment e = ChaosEngineYaml.parse(seedText());

            assertThat(e.name()).isEqualTo("pod-delete-test");
            assertThat(e.app()).isEqualTo(new AppInfo("production", "app=payment-service", "deployment"));
            assertThat(e.appInfo()).contains(e.app());
            assertThat(e.app().selector()).isEqualTo(Map.of("app", "payment-service"));
            assertThat(e.serviceAccount()).isEqualTo("litmus-admin");
            assertThat(e.engineState()).isEqualTo(EngineState.ACTIVE);
            assertThat(e.cleanupPolicy()).isEqualTo(CleanupPolicy.RETAIN);
            assertThat(e.extra()).isEmpty();
            Fault f = e.faults().get(0);
            assertThat(f.name()).isEqualTo("pod-delete");
            assertThat(f.env()).containsExactly(Map.entry("TOTAL_CHAOS_DURATION", "30"), Map.entry("CHAOS_INTERVAL", "10"),
                    Map.entry("FORCE", "false"));
            assertThat(f.probes()).isEmpty();
            PodDeleteSettings s = f.podDelete();
            assertThat(s.totalChaosDuration()).isEqualTo(Duration.ofSeconds(30));
            assertThat(s.chaosInterval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(s.force()).isFalse();

            assertThat(e.hypothesis().tolerances()).extracting(Tolerance::text).containsExactly(
                    "p99 latency stays below 500ms", "Error rate stays below 1%", "No data loss or corruption");
            Tolerance.Metric latency = e.hypothesis().metrics().get(0);
            assertThat(latency.condition()).isEqualTo(Condition.of("p99 latency", Condition.Comparator.LESS,
                    Quantity.millis(500)));
            assertThat(latency.mode()).isEqualTo(ProbeMode.CONTINUOUS);
            assertThat(latency.hasPromQl()).isFalse();
            assertThat(e.hypothesis().hostChecks()).extracting(Tolerance::text).containsExactly("No data loss or corruption");
        }

        @Test
        @DisplayName("renders back byte for byte, and no promProbe is drafted from a metric's name")
        void unchanged() throws IOException {
            String seed = seedText();
            ChaosExperiment e = ChaosEngineYaml.parse(seed);
            assertThat(ChaosEngineYaml.render(e)).isEqualTo(seed);
            assertThat(ChaosEngineYaml.render(e.withSource(null))).doesNotContain("promProbe", "query:")
                    .contains("# Steady-state hypothesis:\n# - p99 latency stays below 500ms\n");
        }

        @Test
        @DisplayName("with the host's PromQL, the drafter adds promProbes whose queries are PromQL and leaves the rest")
        void drafterWritesPromQl() throws IOException {
            String seed = seedText();
            ChaosExperiment drafted = ChaosEngineYaml.parse(seed).withPromQl(PROMQL);

            String yaml = ChaosEngineYaml.render(drafted);

            assertThat(yaml).startsWith(seed.substring(0, seed.indexOf("\n# Steady-state")))
                    .contains("        probe:\n          - name: p99 latency stays below 500ms\n"
                            + "            type: promProbe\n            promProbe/inputs:\n"
                            + "              endpoint: http://prometheus.monitoring.svc:9090\n"
                            + "              query: histogram_quantile(0.99, sum by (le) (rate(")
                    .contains("value: '0.5'", "value: '1'", "mode: Continuous", "probeTimeout: 5s")
                    .doesNotContain("query: p99 latency", "retry:", "stopOnFailure:", "jobCleanUpPolicy")
                    .endsWith("# Steady-state hypothesis:\n# - p99 latency stays below 500ms\n# - Error rate stays below"
                            + " 1%\n# - No data loss or corruption\n");
            ChaosExperiment back = ChaosEngineYaml.parse(yaml);
            assertThat(back).isEqualTo(drafted);
            assertThat(back.hypothesis().metrics()).allSatisfy(m -> assertThat(m.hasPromQl()).isTrue());
            assertThat(ChaosEngineYaml.lint(yaml)).noneMatch(f -> f.level() == Finding.Level.ERROR);
        }

        @Test
        @DisplayName("the drafter refuses a metric the host gave no query for, and a query that is not PromQL")
        void drafterRefuses() throws IOException {
            ChaosExperiment e = ChaosEngineYaml.parse(seedText());
            assertThatThrownBy(() -> e.withPromQl(Map.of("p99 latency", "up")))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("Error rate stays below 1%")
                    .hasMessageContaining("no PromQL for its metric 'error rate'");
            assertThatThrownBy(() -> e.withPromQl(Map.of("p99 latency", "p99 latency", "error rate", "up")))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("is not PromQL: column 5");
        }

        @Test
        @DisplayName("an edited env value rewrites that value only: no default is added")
        void editedEnv() throws IOException {
            String seed = seedText();
            ChaosExperiment e = ChaosEngineYaml.parse(seed);
            Fault f = e.faults().get(0).toBuilder().env("TOTAL_CHAOS_DURATION", "900").build();

            String yaml = ChaosEngineYaml.render(withFault(e, 0, f));

            assertThat(yaml).isEqualTo(seed.replace("value: '30'", "value: '900'"));
        }
    }

    @Nested
    @DisplayName("manifests the CRD accepts")
    class Accepts {

        @Test
        @DisplayName("infra faults without appinfo, and empty appns/applabel kept as empty")
        void appInfoOptional() {
            ChaosExperiment node = ChaosEngineYaml.parse(LitmusFixtures.text("node-cpu-hog.yaml"));
            assertThat(node.appInfo()).isEmpty();
            assertThat(node.app()).isEqualTo(AppInfo.NONE);
            ChaosExperiment hub = ChaosEngineYaml.parse(LitmusFixtures.text("pod-delete-hub.yaml"));
            assertThat(hub.app()).isEqualTo(new AppInfo("", "", ""));
            assertThat(hub.faults().get(0).env()).containsEntry("PODS_AFFECTED_PERC", "");
            ChaosExperiment targeted = hub.toBuilder().target(new AppInfo("shop", "app=cart", "deployment")).build();
            assertThat(ChaosEngineYaml.render(targeted)).contains("    appns: 'shop'\n    applabel: 'app=cart'\n"
                    + "    appkind: 'deployment'\n  # active runs");
        }

        @Test
        @DisplayName("generateName stands for the name and is written back as generateName")
        void generateName() {
            ChaosExperiment e = ChaosEngineYaml.parse(LitmusFixtures.text("pod-delete-generate-name.yaml"));
            assertThat(e.name()).isEqualTo("checkout-delete-");
            assertThat(e.extra()).containsEntry("metadata.generateName", "checkout-delete-")
                    .containsEntry("metadata.labels", Map.of("team", "payments", "context", "game-day"));
            String canonical = ChaosEngineYaml.render(e.withSource(null));
            assertThat(canonical).contains("metadata:\n  generateName: checkout-delete-\n").doesNotContain("  name: checkout");
            assertThat(ChaosEngineYaml.parse(canonical)).isEqualTo(e);
        }

        @Test
        @DisplayName("env values are kept exactly as written: ranges, 'null', '~', blocks")
        void envAsWritten() {
            ChaosExperiment random = ChaosEngineYaml.parse(LitmusFixtures.text("pod-delete-random-interval.yaml"));
            assertThat(random.faults().get(0).env()).containsEntry("CHAOS_INTERVAL", "5-10").containsEntry("RANDOMNESS", "true");
            ChaosExperiment styles = ChaosEngineYaml.parse(LitmusFixtures.text("quoting-styles.yaml"));
            assertThat(styles.faults().get(0).env()).containsEntry("TARGET_PODS", "null").containsEntry("FORCE", "False")
                    .containsEntry("MULTILINE", "first line\nsecond line\n")
                    .containsEntry("FOLDED", "a long sentence that was folded over two lines")
                    .containsEntry("NOTE", "tab\there, quote \" and backslash \\").containsEntry("it's", "it's quoted");
            assertThat(styles.extra()).containsEntry("metadata.labels", Map.of("plain", "yes-this-is-text",
                    "quoted-null", "null", "double-null", "null", "tilde", "~", "empty-single", "", "empty-double", ""));
            ChaosExperiment secrets = ChaosEngineYaml.parse(LitmusFixtures.text("valuefrom-env.yaml"));
            assertThat(secrets.faults().get(0).env()).doesNotContainKey("EC2_INSTANCE_ID");
            assertThat(secrets.faults().get(0).extra()).containsEntry("env.EC2_INSTANCE_ID", Map.of("valueFrom",
                    Map.of("configMapKeyRef", Map.of("name", "chaos-targets", "key", "instance"))));
        }

        @Test
        @DisplayName("every probe input of the CRD is read into the model")
        void probeInputs() {
            Probe post = ChaosEngineYaml.parse(LitmusFixtures.text("http-probe-post-body.yaml")).faults().get(0).probes().get(0);
            assertThat(post.inputs()).isEqualTo(new ProbeInputs.Http("https://login.auth.svc:8443/api/session", "post", "==",
                    "201", "{\"user\":\"probe\",\"password\":\"not-a-secret\"}", "", "application/json", "2000", "True"));
            assertThat(post.runProperties()).isEqualTo(new RunProperties(Duration.ofSeconds(3), Duration.ofSeconds(1), 2,
                    0, false));
            assertThat(post.extra()).containsEntry("runProperties.probePollingInterval", "1");
            Probe bodyPath = ChaosEngineYaml.parse(LitmusFixtures.text("http-probe-post-bodypath.yaml")).faults().get(0)
                    .probes().get(0);
            assertThat(((ProbeInputs.Http) bodyPath.inputs()).bodyPath()).isEqualTo("/mnt/probe/query-body.txt");
            assertThat(bodyPath.runProperties().probeTimeout()).isEqualTo(Duration.ofMillis(500));
            Probe cmd = ChaosEngineYaml.parse(LitmusFixtures.text("cmd-probe-source.yaml")).faults().get(0).probes().get(0);
            assertThat(((ProbeInputs.Cmd) cmd.inputs()).source()).containsEntry("image", "postgres:16-alpine")
                    .containsEntry("hostNetwork", "false").containsKey("env");
            List<Probe> k8s = ChaosEngineYaml.parse(LitmusFixtures.text("k8s-probe-empty-group.yaml")).faults().get(0).probes();
            assertThat(k8s.get(0).inputs()).isEqualTo(new ProbeInputs.K8s("", "v1", "pods", "shop", "", "app=shop",
                    "present"));
            assertThat(((ProbeInputs.K8s) k8s.get(1).inputs()).resourceNames()).isEqualTo("shop,shop-worker");
            List<Probe> prom = ChaosEngineYaml.parse(LitmusFixtures.text("prom-probe-querypath.yaml")).faults().get(0).probes();
            assertThat(prom.get(0).inputs()).isEqualTo(new ProbeInputs.Prom("http://prometheus.monitoring:9090", "",
                    "/mnt/queries/p95.promql", new ProbeInputs.Comparator("float", "<=", "0.3")));
            assertThat(((ProbeInputs.Prom) prom.get(1).inputs()).query()).startsWith("avg by (pod)").doesNotContain("\n");
        }

        @Test
        @DisplayName("run properties are read as 2.x whole seconds or 3.x durations")
        void runProperties() {
            Probe v2 = ChaosEngineYaml.parse(LitmusFixtures.text("pod-delete-probes-v2.yaml")).faults().get(0).probes().get(2);
            assertThat(v2.runProperties()).isEqualTo(new RunProperties(Duration.ofSeconds(7), Duration.ofSeconds(3), 2, 0,
                    false));
            assertThat(v2.extra()).containsEntry("runProperties.initialDelaySeconds", "5");
            Probe v3 = ChaosEngineYaml.parse(LitmusFixtures.text("pod-delete-probes-v3.yaml")).faults().get(0).probes().get(0);
            assertThat(v3.runProperties()).isEqualTo(new RunProperties(Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 3,
                    true));
            assertThat(v3.extra()).containsEntry("runProperties.probePollingInterval", "2s")
                    .containsEntry("runProperties.initialDelay", "5s");
        }

        @Test
        @DisplayName("a file may hold other documents beside its one ChaosEngine")
        void multiDocument() {
            String text = LitmusFixtures.text("multi-document.yaml");
            ChaosExperiment e = ChaosEngineYaml.parse(text);
            assertThat(e.name()).isEqualTo("notes-pod-delete");
            String edited = ChaosEngineYaml.render(withFault(e, 0, e.faults().get(0).toBuilder()
                    .env("TOTAL_CHAOS_DURATION", "60").build()));
            assertThat(edited).isEqualTo(text.replace("value: '30'", "value: '60'"));
            assertThatThrownBy(() -> ChaosEngineYaml.parse(text + "---\n" + text.substring(text.indexOf("apiVersion:"
                    + " litmuschaos")))).isInstanceOf(FormatException.class).hasMessageContaining("2 ChaosEngine documents");
        }
    }

    @Nested
    @DisplayName("lossless writing")
    class Lossless {

        @Test
        @DisplayName("an integer run property stays an integer, a duration string a string, False keeps its capital")
        void spellingKept() {
            String v2text = LitmusFixtures.text("pod-delete-probes-v2.yaml");
            ChaosExperiment v2 = ChaosEngineYaml.parse(v2text);
            Probe p = v2.faults().get(0).probes().get(2);
            Probe faster = new Probe(p.name(), p.inputs(), p.mode(), p.runProperties().withInterval(Duration.ofSeconds(4))
                    .withStopOnFailure(true), p.extra());
            assertThat(ChaosEngineYaml.render(withProbe(v2, 0, 2, faster)))
                    .isEqualTo(v2text.replace("              interval: 3\n", "              interval: 4\n")
                            .replace("stopOnFailure: false", "stopOnFailure: true"));

            String v3text = LitmusFixtures.text("pod-delete-probes-v3.yaml");
            ChaosExperiment v3 = ChaosEngineYaml.parse(v3text);
            Probe q = v3.faults().get(0).probes().get(1);
            Probe slower = new Probe(q.name(), q.inputs(), q.mode(), q.runProperties().withInterval(Duration.ofSeconds(90)),
                    q.extra());
            assertThat(ChaosEngineYaml.render(withProbe(v3, 0, 1, slower)))
                    .isEqualTo(v3text.replace("              interval: 2s\n", "              interval: 1m30s\n"));

            String capsText = LitmusFixtures.text("capitals-and-numbers.yaml");
            ChaosExperiment caps = ChaosEngineYaml.parse(capsText);
            Probe c = caps.faults().get(0).probes().get(0);
            Probe stop = new Probe(c.name(), c.inputs(), c.mode(), c.runProperties().withStopOnFailure(true), c.extra());
            assertThat(ChaosEngineYaml.render(withProbe(caps, 0, 0, stop)))
                    .isEqualTo(capsText.replace("stopOnFailure: False", "stopOnFailure: True"));
        }

        @Test
        @DisplayName("comments, quoting and blank lines around an edit keep their bytes; a quoted value stays quoted")
        void neighboursKept() {
            String text = LitmusFixtures.text("comments-everywhere.yaml");
            ChaosExperiment e = ChaosEngineYaml.parse(text);
            Fault f = e.faults().get(0).toBuilder().env("CHAOS_INTERVAL", "it's 45").build();
            assertThat(ChaosEngineYaml.render(withFault(e, 0, f)))
                    .isEqualTo(text.replace("              value: '30'\n", "              value: 'it''s 45'\n"));
        }

        @Test
        @DisplayName("a new env entry goes at its neighbours' indentation; a removed probe goes with its lines")
        void structural() {
            String text = LitmusFixtures.text("pod-delete-probes-v3.yaml");
            ChaosExperiment e = ChaosEngineYaml.parse(text);
            Fault f = e.faults().get(0);
            Fault changed = new Fault(f.name(), Map.of(), List.of(), Map.of()).toBuilder()
                    .env("TOTAL_CHAOS_DURATION", "60").env("CHAOS_INTERVAL", "10").env("FORCE", "false")
                    .env("RAMP_TIME", "5").probe(f.probes().get(1)).build();
            String yaml = ChaosEngineYaml.render(withFault(e, 0, changed));
            assertThat(yaml).contains("            - name: FORCE\n              value: \"false\"\n"
                            + "            - name: RAMP_TIME\n              value: '5'\n        probe:\n"
                            + "          - name: \"cart-error-ratio\"")
                    .doesNotContain("cart-availability");
            assertThat(ChaosEngineYaml.parse(yaml)).isEqualTo(withFault(e, 0, changed));
        }

        @Test
        @DisplayName("an edit inside an anchored node leaves what its aliases stood for unchanged")
        void aliases() {
            String text = LitmusFixtures.text("anchors.yaml");
            ChaosExperiment e = ChaosEngineYaml.parse(text);
            Probe p = e.faults().get(0).probes().get(0);
            ChaosExperiment edited = withProbe(e, 0, 0, new Probe(p.name(), p.inputs(), p.mode(),
                    p.runProperties().withInterval(Duration.ofSeconds(3)), p.extra()));
            String yaml = ChaosEngineYaml.render(edited);
            assertThat(ChaosEngineYaml.parse(yaml)).isEqualTo(edited);
            assertThat(yaml).contains("runProperties: &quick\n              probeTimeout: 2s\n              interval: 3s\n")
                    .contains("            runProperties:\n              probeTimeout: 2s\n              interval: 1s\n");
        }

        @Test
        @DisplayName("a probe added to a Litmus 2.x manifest is written for 2.x: whole seconds and retry")
        void draftedForTheManifestsVersion() {
            String v2 = LitmusFixtures.text("pod-delete-probes-v2.yaml");
            ChaosExperiment e = ChaosEngineYaml.parse(v2).toBuilder().tolerance(Tolerance.Metric.of("error rate < 2%")
                    .prometheus("http://prometheus:9090", "sum(rate(errors_total[1m]))")).build();
            String yaml = ChaosEngineYaml.render(e);
            assertThat(yaml).contains("          - name: error rate < 2%\n", "            runProperties:\n"
                    + "              probeTimeout: 5\n              interval: 5\n              retry: 1\n");
            assertThat(ChaosEngineYaml.lint(yaml)).noneMatch(f -> f.level() == Finding.Level.ERROR);
            assertThat(ChaosEngineYaml.parse(yaml)).isEqualTo(e);
        }

        @Test
        @DisplayName("a changed hypothesis rewrites its comment block only")
        void hypothesis() throws IOException {
            String seed = seedText();
            ChaosExperiment e = ChaosEngineYaml.parse(seed);
            ChaosExperiment more = e.toBuilder().tolerance("Refunds stay consistent").build();
            assertThat(ChaosEngineYaml.render(more)).isEqualTo(seed + "# - Refunds stay consistent\n");
            ChaosExperiment none = ChaosEngineYaml.parse(LitmusFixtures.text("container-kill.yaml")).toBuilder()
                    .tolerance("Pages still load").build();
            assertThat(ChaosEngineYaml.render(none)).isEqualTo(LitmusFixtures.text("container-kill.yaml")
                    + "\n# Steady-state hypothesis:\n# - Pages still load\n");
        }

        @Test
        @DisplayName("an experiment built in code renders in a clean canonical layout")
        void canonical() {
            ChaosExperiment e = ChaosExperiment.named("cart-chaos")
                    .target("shop", "app=cart")
                    .serviceAccount("litmus-admin")
                    .fault(Fault.named("pod-delete").env("TOTAL_CHAOS_DURATION", "30").env("FORCE", "false")
                            .probe(Probe.of("cart-up", new ProbeInputs.Http("http://cart/health", "get", "==", "200"),
                                    ProbeMode.EDGE, RunProperties.DEFAULT.withAttempt(3)))
                            .build())
                    .tolerance(Tolerance.Metric.of("error rate < 1%").prometheus("http://prom:9090",
                            "sum(rate(errors_total[1m]))"))
                    .tolerance("Orders are never lost")
                    .build();
            assertThat(ChaosEngineYaml.render(e)).isEqualTo("""
                    apiVersion: litmuschaos.io/v1alpha1
                    kind: ChaosEngine
                    metadata:
                      name: cart-chaos
                    spec:
                      appinfo:
                        appns: shop
                        applabel: app=cart
                        appkind: deployment
                      engineState: active
                      chaosServiceAccount: litmus-admin
                      experiments:
                        - name: pod-delete
                          spec:
                            components:
                              env:
                                - name: TOTAL_CHAOS_DURATION
                                  value: '30'
                                - name: FORCE
                                  value: 'false'
                            probe:
                              - name: cart-up
                                type: httpProbe
                                httpProbe/inputs:
                                  url: http://cart/health
                                  method:
                                    get:
                                      criteria: ==
                                      responseCode: '200'
                                mode: Edge
                                runProperties:
                                  probeTimeout: 5s
                                  interval: 5s
                                  attempt: 3
                              - name: error rate < 1%
                                type: promProbe
                                promProbe/inputs:
                                  endpoint: http://prom:9090
                                  query: sum(rate(errors_total[1m]))
                                  comparator:
                                    criteria: <
                                    value: '1'
                                mode: Continuous
                                runProperties:
                                  probeTimeout: 5s
                                  interval: 5s

                    # Steady-state hypothesis:
                    # - error rate < 1%
                    # - Orders are never lost
                    """);
            assertThat(ChaosEngineYaml.parse(ChaosEngineYaml.render(e))).isEqualTo(e);
        }

        @Test
        @DisplayName("unknown fields are kept; one named like a field the writer writes is refused")
        void unknownFields() throws IOException {
            String yaml = seedText().replace("spec:\n  appinfo:", "spec:\n  annotationCheck: 'false'\n"
                    + "  components:\n    runner:\n      image: litmuschaos/chaos-runner:3.0.0\n  appinfo:")
                    .replace("metadata:\n  name: pod-delete-test", "metadata:\n  name: pod-delete-test\n  namespace: litmus");
            ChaosEngineYaml.Parsed p = ChaosEngineYaml.read(yaml);
            assertThat(p.warnings()).singleElement().satisfies(w -> {
                assertThat(w.code()).isEqualTo("chaos.annotation-check-removed");
                assertThat(w.line()).isEqualTo(8);
            });
            assertThat(p.experiment().extra()).containsEntry("metadata.namespace", "litmus")
                    .containsEntry("spec.annotationCheck", "false")
                    .containsEntry("spec.components", Map.of("runner", Map.of("image", "litmuschaos/chaos-runner:3.0.0")));
            assertThat(ChaosEngineYaml.render(p.experiment())).isEqualTo(yaml);
            String canonical = ChaosEngineYaml.render(p.experiment().withSource(null));
            assertThat(canonical).contains("annotationCheck: 'false'", "image: litmuschaos/chaos-runner:3.0.0",
                    "namespace: litmus");
            assertThat(ChaosEngineYaml.parse(canonical)).isEqualTo(p.experiment());
            ChaosExperiment clash = p.experiment().toBuilder().extra("spec.engineState", "stop").build();
            assertThatThrownBy(() -> ChaosEngineYaml.render(clash)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("extra[spec.engineState]");
        }

        @Test
        @DisplayName("a metric tolerance with probe settings but no PromQL cannot be written")
        void settingsWithoutPromQl() {
            ChaosExperiment e = ChaosExperiment.named("x").target("ns", "app=x").serviceAccount("sa")
                    .fault(Fault.named("pod-delete").build())
                    .tolerance(Tolerance.Metric.of("error rate < 1%").stopOnFailure(true)).build();
            assertThatThrownBy(() -> ChaosEngineYaml.render(e)).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("no PromQL");
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {

        @Test
        @DisplayName("is a FormatException with line and column, never a half-built experiment")
        void located() {
            assertThatThrownBy(() -> ChaosEngineYaml.parse("apiVersion: v1\nkind: Pod\n"))
                    .isInstanceOf(FormatException.class).hasMessageContaining("litmuschaos.io/v1alpha1")
                    .hasMessageContaining("missing 'metadata'");
            assertThatThrownBy(() -> ChaosEngineYaml.parse("kind: [unclosed\n")).isInstanceOf(FormatException.class)
                    .satisfies(x -> assertThat(((FormatException) x).line()).isPositive());
            String badMode = oneProbeEngine("paused", "mode: Sometimes");
            assertThatThrownBy(() -> ChaosEngineYaml.parse(badMode)).isInstanceOf(FormatException.class)
                    .satisfies(x -> assertThat(((FormatException) x).problems()).extracting(FormatException.Problem::line)
                            .containsExactly(7, 15));
            assertThatThrownBy(() -> ChaosEngineYaml.parse(oneProbeEngine("active", """
                    mode: SOT
                    runProperties: {probeTimeout: 5s, interval: 5s, attempt: three}
                    """))).isInstanceOf(FormatException.class)
                    .hasMessageContaining("attempt must be a whole number, but was 'three'")
                    .satisfies(x -> assertThat(((FormatException) x).problems()).singleElement()
                            .satisfies(p -> assertThat(p.line()).isEqualTo(16)));
            assertThatThrownBy(() -> ChaosEngineYaml.parse(oneProbeEngine("active", """
                    mode: SOT
                    runProperties: {probeTimeout: 5x, interval: 5s}
                    """))).isInstanceOf(FormatException.class).hasMessageContaining("probeTimeout must be whole seconds");
        }

        @Test
        @DisplayName("an empty line in the commented hypothesis is refused at its line")
        void emptyTolerance() throws IOException {
            String yaml = seedText().replace("# - Error rate stays below 1%", "# - ");
            assertThatThrownBy(() -> ChaosEngineYaml.parse(yaml)).isInstanceOf(FormatException.class)
                    .hasMessageContaining("empty tolerance")
                    .satisfies(x -> assertThat(((FormatException) x).line()).isEqualTo(26));
        }

        @Test
        @DisplayName("control characters in names and text are refused at their place; input over the cap at once")
        void hostileText() {
            assertThatThrownBy(() -> ChaosEngineYaml.parse(oneProbeEngine("active", "mode: SOT").replace("name: x",
                    "name: \"x\\0y\""))).isInstanceOf(FormatException.class).hasMessageContaining("U+0000")
                    .satisfies(x -> assertThat(((FormatException) x).line()).isEqualTo(12));
            assertThatThrownBy(() -> ChaosEngineYaml.parse("# " + "x".repeat(ChaosEngineYaml.MAX_CHARS)))
                    .isInstanceOf(FormatException.class).hasMessageContaining("over the limit");
        }

        /** An engine in {@code engineState} with one promProbe named x, whose remaining lines are {@code probeTail}. */
        private static String oneProbeEngine(String engineState, String probeTail) {
            return """
                    apiVersion: litmuschaos.io/v1alpha1
                    kind: ChaosEngine
                    metadata: {name: e}
                    spec:
                      appinfo: {appns: staging, applabel: app=web, appkind: deployment}
                      chaosServiceAccount: sa
                      engineState: %s
                      experiments:
                        - name: pod-delete
                          spec:
                            probe:
                              - name: x
                                type: promProbe
                                promProbe/inputs: {endpoint: e, query: q, comparator: {criteria: "<", value: "1"}}
                    """.formatted(engineState) + probeTail.indent(12);
        }
    }

    @Test
    @DisplayName("PODS_AFFECTED_PERC targets max(1, floor(min(p,100)·N/100)) pods")
    void targetCount() {
        assertThat(PodDeleteSettings.of(Map.of("PODS_AFFECTED_PERC", "0")).targetCount(3)).isEqualTo(1);
        assertThat(PodDeleteSettings.of(Map.of("PODS_AFFECTED_PERC", "67")).targetCount(3)).isEqualTo(2);
        assertThat(PodDeleteSettings.of(Map.of("PODS_AFFECTED_PERC", "250")).targetCount(3)).isEqualTo(3);
    }
}
