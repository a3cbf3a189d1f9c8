package io.github.incident4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("incident4j lint")
class CliLintTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("every seed document is recognised by its content, read and found without errors: exit code 0")
    void seedDocumentsPass() {
        Path runbook = CliRun.seed(dir, "runbook-template.md");
        Path postmortem = CliRun.seed(dir, "postmortem-template.md");
        Path rotation = CliRun.seed(dir, "oncall-rotation.yaml");
        Path chaos = CliRun.seed(dir, "chaos-pod-delete.yaml");
        Path matrix = CliRun.seed(dir, "escalation-matrix.txt");

        CliRun run = CliRun.of("lint", runbook.toString(), postmortem.toString(), rotation.toString(),
                chaos.toString(), matrix.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains(runbook + ": runbook, ok", postmortem + ": postmortem, ok",
                rotation + ": rotation, ok", chaos + ": chaos, ok", matrix + ": matrix, ok",
                "5 files: 0 errors");
        assertThat(run.err()).isEmpty();
    }

    @Test
    @DisplayName("a rotation that cannot be read gives every problem at the reader's line and column: exit code 1")
    void unreadableRotation() {
        Path bad = CliRun.write(dir, "rotation.yaml", """
                schedule:
                  name: Solo
                  participants:
                    - name: Alice
                      escalation_delay: 15x
                """);

        CliRun run = CliRun.of("lint", bad.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(bad + ":2: ERROR format: missing 'escalation_policy'",
                bad + ":5: ERROR format: bad duration '15x'", "(column 25)",
                bad + ": unreadable, 2 errors", "1 file: 2 errors");
    }

    @Test
    @DisplayName("a readable document with an ERROR finding fails, warnings alone do not; findings carry their line")
    void errorsFailWarningsDoNot() throws Exception {
        String template = Files.readString(CliRun.seed(dir, "postmortem-template.md"));
        Path outOfOrder = CliRun.write(dir, "pm.md", template.replace("| 14:22 |", "| 14:02 |"));
        Path solo = CliRun.write(dir, "solo.yaml", """
                schedule:
                  name: Solo
                  participants:
                    - name: Alice
                  escalation_policy:
                    - level: 1
                      targets: [current_on_call]
                      timeout: 15m
                """);

        CliRun warningsOnly = CliRun.of("lint", solo.toString());
        CliRun withError = CliRun.of("lint", solo.toString(), outOfOrder.toString());

        assertThat(warningsOnly.code()).isZero();
        assertThat(warningsOnly.out()).contains(solo + ":3: WARNING oncall.too-few-participants: ");
        assertThat(withError.code()).isEqualTo(1);
        assertThat(withError.out()).contains(outOfOrder + ":20: ERROR postmortem.timeline-out-of-order: ",
                "[timeline[5]]", "2 files: 1 error, 1 warning");
    }

    @Test
    @DisplayName("a prometheus-operator runbook is recognised by its sections; --kind forces a kind")
    void operatorLayoutAndForcedKind() {
        Path operator = CliRun.write(dir, "KubePodCrashLooping.md", """
                # KubePodCrashLooping

                ## Meaning
                A pod keeps restarting.

                ## Diagnosis
                1. List the pods: `kubectl get pods -n production -l app=payment-service`

                ## Mitigation
                ### Roll back
                ```bash
                kubectl rollout undo deployment/payment-service -n production
                ```
                """);
        Path notes = CliRun.write(dir, "notes", "just some words\n");

        CliRun detected = CliRun.of("lint", operator.toString());
        CliRun unknown = CliRun.of("lint", notes.toString());
        CliRun forced = CliRun.of("lint", "--kind", "rotation", notes.toString());

        assertThat(detected.out()).contains(operator + ": runbook, ");
        assertThat(detected.code()).isZero();
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.out()).contains(notes + ": ERROR lint.unknown-kind: ");
        assertThat(forced.code()).isEqualTo(1);
        assertThat(forced.out()).contains(notes + ": unreadable");
    }

    @Test
    @DisplayName("a broken chaos experiment and a broken matrix are unreadable with their lines")
    void brokenChaosAndMatrix() throws Exception {
        String chaos = Files.readString(CliRun.seed(dir, "chaos-pod-delete.yaml"));
        Path badChaos = CliRun.write(dir, "chaos.yaml", chaos.replace("kind: ChaosEngine", "kind: ChaosEngine\nfoo: ["));
        Path badMatrix = CliRun.write(dir, "matrix.txt", "hello\n");

        CliRun run = CliRun.of("lint", badChaos.toString(), badMatrix.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(badChaos + ":6: ERROR format: malformed YAML",
                badMatrix + ":1: ERROR format: no header", "2 files: 2 errors");
    }

    @Test
    @DisplayName("a missing file is an error, not a crash; no file at all is a usage error (exit code 2)")
    void missingFile() {
        CliRun missing = CliRun.of("lint", dir.resolve("nope.md").toString());
        CliRun none = CliRun.of("lint");

        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.out()).contains("nope.md: ERROR format: ", "cannot read");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required parameter");
    }

    @Test
    @DisplayName("a command group without its command is a usage error that lists the commands (exit code 2)")
    void groupWithoutCommand() {
        CliRun oncall = CliRun.of("oncall");
        CliRun root = CliRun.of();

        assertThat(oncall.code()).isEqualTo(2);
        assertThat(oncall.err()).contains("Missing a command: who, shifts, report");
        assertThat(root.code()).isEqualTo(2);
        assertThat(root.err()).contains("Missing a command: lint, oncall, escalation, runbook, postmortem");
    }

    @Test
    @DisplayName("a chaos experiment litmus-go would misread fails: TOTAL_CHAOS_DURATION '15m' and a query that is not"
            + " PromQL are errors at their lines, with the fix: exit code 1")
    void chaosAsLitmusReadsIt() throws Exception {
        String seed = Files.readString(CliRun.seed(dir, "chaos-pod-delete.yaml"));
        Path minutes = CliRun.write(dir, "minutes.yaml", seed.replace("value: '30'", "value: '15m'"));
        Path query = CliRun.write(dir, "query.yaml", seed.replace("        components:\n", """
                        probe:
                          - name: latency
                            type: promProbe
                            promProbe/inputs:
                              endpoint: http://prometheus:9090
                              query: p99 latency
                              comparator:
                                criteria: "<"
                                value: "0.5"
                            mode: Edge
                            runProperties:
                              probeTimeout: 5s
                              interval: 5s
                        components:
                """));

        CliRun run = CliRun.of("lint", minutes.toString(), query.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(minutes + ":18: ERROR chaos.env-not-an-integer: TOTAL_CHAOS_DURATION: '15m' is"
                        + " not a whole number; litmus-go reads it with strconv.Atoi and ignores the error, so it becomes 0 and"
                        + " the chaos lasts 0 s (pkg/generic/pod-delete/environment/environment.go)",
                "write '900' (seconds) [spec.experiments[0].spec.components.env[TOTAL_CHAOS_DURATION].value]",
                query + ":20: ERROR chaos.probe-query-not-promql: promProbe 'latency': query 'p99 latency' is not PromQL"
                        + " (column 5: unexpected identifier 'latency' after a complete expression)",
                minutes + ": chaos, 1 error", query + ": chaos, 1 error", "2 files: 2 errors");
        assertThat(CliRun.of("lint", CliRun.seed(dir, "chaos-pod-delete.yaml").toString()).code()).isZero();
    }
}
