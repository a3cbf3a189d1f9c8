package io.github.incident4j.examples.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.postmortem.Postmortem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("The incident scenario, end to end")
class ScenarioEndToEndTest {

    private static final Pattern EVENT_LINE = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d)  (\\S+)\\s+(.*)$");

    @TempDir
    Path dir;

    /** What one run printed. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = IncidentScenario.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The narrative's event lines as time, kind, text. */
    static List<List<String>> eventLines(String narrative) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : narrative.split("\n")) {
            Matcher m = EVENT_LINE.matcher(line);
            if (m.matches()) {
                lines.add(List.of(m.group(1), m.group(2), m.group(3)));
            }
        }
        return lines;
    }

    @Test
    @DisplayName("with the default options every step behaves as expected and the narrative tells who was paged when,"
            + " what diagnosis found, the rollback, the recovery, the postmortem's path and the chaos verdict")
    void defaultRun() throws IOException {
        Run r = run("--out=" + dir);

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Path draft = dir.resolve("postmortem-2026-03-02.md").toAbsolutePath().normalize();
        assertThat(r.out())
                .contains("09:00:00  DEPLOY    payment-service → payment:2.3.1 (revision 3, \"deploy v2.3.1\")")
                .contains("09:05:00  ALERT     ServiceHighErrorRate fires: error rate > 5% for 5m has held since 09:00:00")
                .contains("09:05:00  PAGE      level 1 → Carol, on call for Backend On-Call (App crash: Restart/rollback)")
                .contains("09:20:00  ESCALATE  Escalated to level 2 (pass 1)")
                .contains("09:20:00  PAGE      level 2 → Dana, engineering_lead (App crash: Debug fix)")
                .contains("ACK       Carol acknowledges")
                .contains("FOUND     1 Check service health: 3 of 3 pods not ready (app=payment-service in production)")
                .contains(": CrashLoopBackOff, not ready, ")
                .contains("FOUND     2 Check recent deployments: revision 3 of deployment/payment-service was deployed 21m ago")
                .contains("APPROVE   Carol approves 'Rollback deployment'")
                .contains("ROLLBACK  deployment.apps/payment-service rolled back (revision 3 to 2)")
                .contains("ROLLOUT   deployment \"payment-service\" successfully rolled out")
                .contains("RECOVERY  recovery verified: every criterion held from 09:21:06 to 09:36:06")
                .contains("RESOLVE   Carol resolves")
                .contains("KEYTIMES  time to detect 5m, to acknowledge 16m, to mitigate 16m6s, to resolve 31m6s")
                .contains("DRAFT     postmortem draft written to " + draft)
                .contains("LINT ")
                .contains("OPT-IN    chaos in namespace 'production'")
                // litmus-go's loop: each strike is followed by CHAOS_INTERVAL and the wait for the pods to recover
                .contains("09:36:06  CHAOS     injected: deleted [payment-service-")
                .contains("09:36:16  CHAOS     recovery wait: 3 pods of app=payment-service must be Running and ready")
                .contains("09:36:28  CHAOS     recovered: 3 pods Running and ready after 12s")
                .contains("09:36:28  CHAOS     injected: deleted [payment-service-")
                .contains("09:36:50  VERDICT   Pass: every check held (probe success 100%, 2 pods deleted)")
                .contains("RESULT    every step behaved as expected")
                .doesNotContain("✗");
        assertThat(eventLines(r.out())).filteredOn(l -> l.get(1).equals("PAGE")).hasSize(2);

        Postmortem readBack = PostmortemMarkdown.parse(Files.readString(draft, StandardCharsets.UTF_8));
        assertThat(readBack.title()).isEqualTo("ServiceHighErrorRate on payment-service");
        assertThat(readBack.date()).hasToString("2026-03-02");
        assertThat(readBack.authors()).contains("Carol");
        assertThat(readBack.timeline()).extracting(io.github.incident4j.postmortem.TimelineEntry::event)
                .anySatisfy(e -> assertThat(e).contains("Deployment v2.3.1 of payment-service"))
                .anySatisfy(e -> assertThat(e).contains("Paged Dana (level 2): Debug fix"));
    }

    @Test
    @DisplayName("--json writes the same events as JSON lines, each a JSON object with at, step, kind and text")
    void jsonLines() {
        Run narrative = run("--out=" + dir);
        Run json = run("--out=" + dir, "--json");

        assertThat(json.exitCode()).isZero();
        JsonMapper mapper = JsonMapper.builder().build();
        List<List<String>> fromJson = new ArrayList<>();
        String[] lines = json.out().split("\n");
        for (String line : lines) {
            JsonNode node = mapper.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(node.get("at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(node.get("step").asInt()).isBetween(0, 7);
            fromJson.add(List.of(node.get("at").asString().substring(11, 19), node.get("kind").asString(),
                    node.get("text").asString()));
        }
        assertThat(fromJson).isEqualTo(eventLines(narrative.out()));
        assertThat(mapper.readTree(lines[lines.length - 1]).get("exitCode").asInt()).isZero();
        assertThat(json.out()).contains("\"kind\":\"PAGE\"").contains("\"recipient\":\"Dana\"")
                .contains("\"response\":\"Debug fix\"").contains("\"verdict\":\"Pass\"");
    }

    @Test
    @DisplayName("--json=<file> prints the narrative and writes the JSON lines to the file")
    void jsonFile() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Run r = run("--out=" + dir, "--json=" + file, "--no-chaos");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("incident4j scenario");
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(eventLines(r.out()).size());
    }

    @Test
    @DisplayName("a start a week later pages that week's on-call, Alice, and still plays to the end")
    void anotherWeek() {
        Run r = run("--out=" + dir, "--start=2026-03-09T09:00:00Z");

        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out()).contains("09:05:00  PAGE      level 1 → Alice, on call for Backend On-Call (App crash: Restart/rollback)")
                .contains("09:20:00  PAGE      level 2 → Dana, engineering_lead (App crash: Debug fix)")
                .contains("ACK       Alice acknowledges")
                .doesNotContain("→ Carol");
        assertThat(dir.resolve("postmortem-2026-03-09.md")).exists();
    }

    @Test
    @DisplayName("--no-chaos skips step 6")
    void noChaos() {
        Run r = run("--out=" + dir, "--no-chaos");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).doesNotContain("6. Chaos experiment").doesNotContain("VERDICT")
                .contains("chaos experiment skipped");
    }

    @Test
    @DisplayName("the seed changes the incident id and the time to acknowledge, and the same seed the same run")
    void seed() {
        Run one = run("--out=" + dir, "--seed=1", "--no-chaos");
        Run again = run("--out=" + dir, "--seed=1", "--no-chaos");
        Run other = run("--out=" + dir, "--seed=7", "--no-chaos");

        assertThat(again.out()).isEqualTo(one.out());
        assertThat(other.out()).isNotEqualTo(one.out());
        assertThat(other.exitCode()).isZero();
    }

    @Test
    @DisplayName("a step that does not behave as expected gives exit code 1 and says which expectation failed")
    void failedExpectation() {
        // a paused deployment refuses the rollback, as kubectl does
        ScenarioRun.Outcome outcome = ScenarioRun.play(ScenarioOptions.parse("--out=" + dir),
                service -> service.cluster().pause(SimulatedPaymentService.NAMESPACE, SimulatedPaymentService.SERVICE));

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.failures()).singleElement().asString()
                .startsWith("step 3: the rollback was approved, performed and its rollout awaited")
                .contains("FAILED");
        assertThat(outcome.events()).last().satisfies(e -> assertThat(e.kind()).isEqualTo("RESULT"));
    }

    @Test
    @DisplayName("bad arguments give exit code 2 and name every problem, with the usage")
    void badArguments() {
        Run r = run("--start=yesterday", "--seed=x", "--colour");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("--start: 'yesterday'").contains("--seed: 'x'").contains("unknown argument '--colour'")
                .contains("usage: IncidentScenario");
    }

    @Test
    @DisplayName("--start takes an instant, or a date meaning 09:00 UTC")
    void startOption() {
        assertThat(ScenarioOptions.parse().start()).isEqualTo(ScenarioOptions.DEFAULT_START);
        assertThat(ScenarioOptions.parse("--start=2026-06-01").start()).hasToString("2026-06-01T09:00:00Z");
        assertThat(ScenarioOptions.parse("--start=2026-06-01T10:30:00Z").start()).hasToString("2026-06-01T10:30:00Z");
    }
}
