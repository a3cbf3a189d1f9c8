package io.github.incident4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("incident4j escalation simulate")
class CliEscalationTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("pages the on-call, then the lead after the 15-minute delay, with the matrix responses; "
            + "an unresolved role is a skipped level")
    void seedPolicyWithMatrix() {
        Path rotation = CliRun.seed(dir, "oncall-rotation.yaml");
        Path matrix = CliRun.seed(dir, "escalation-matrix.txt");

        CliRun run = CliRun.of("escalation", "simulate", "--file", rotation.toString(), "--matrix", matrix.toString(),
                "--category", "App crash", "--at", "2026-03-03T10:00:00Z", "--role", "engineering_lead=Dana");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().map(String::strip).toList()).contains(
                "+0s      Tue 2026-03-03 10:00  Paged Carol at level 1 (pass 1): Restart/rollback",
                "+15m     Tue 2026-03-03 10:15  Paged Dana at level 2 (pass 1): Debug fix",
                "+45m     Tue 2026-03-03 10:45  Skipped level 3 (pass 1): nobody to page: role 'vp_engineering' "
                        + "is not in the roster",
                "2 pages, 1 skipped level");
    }

    @Test
    @DisplayName("with every role resolved all three levels are paged, and a last level without timeout stays")
    void everyRoleResolved() {
        Path rotation = CliRun.seed(dir, "oncall-rotation.yaml");

        CliRun run = CliRun.of("escalation", "simulate", "--file", rotation.toString(), "--at", "2026-03-03T10:00:00Z",
                "--role", "engineering_lead=Dana", "--role", "vp_engineering=Victor");

        assertThat(run.out()).contains("Paged Carol at level 1 (pass 1)", "Paged Dana at level 2 (pass 1)",
                "+45m     Tue 2026-03-03 10:45  Paged Victor at level 3 (pass 1)",
                "then stays at level 3: it has no timeout", "3 pages, 0 skipped levels");
    }

    @Test
    @DisplayName("--passes plays the repeats of the policy; without it only the first pass")
    void passes() {
        Path rotation = CliRun.write(dir, "rotation.yaml", """
                schedule:
                  name: Pair
                  participants:
                    - name: Alice
                    - name: Bob
                  escalation_policy:
                    repeat: 1
                    levels:
                      - level: 1
                        targets: [current_on_call]
                        timeout: 10m
                      - level: 2
                        targets: [{person: Erin}]
                        timeout: 20m
                """);

        CliRun one = CliRun.of("escalation", "simulate", "--file", rotation.toString(), "--at", "2026-03-03T10:00:00Z");
        CliRun all = CliRun.of("escalation", "simulate", "--file", rotation.toString(), "--at", "2026-03-03T10:00:00Z",
                "--passes");

        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).contains("(2 levels, 1 pass)", "Escalation stopped", "2 pages").doesNotContain("pass 2");
        assertThat(all.out()).contains("(2 levels, 2 passes)", "+30m", "Paged Bob at level 1 (pass 2)",
                "+40m", "Paged Erin at level 2 (pass 2)", "4 pages");
    }

    @Test
    @DisplayName("an unknown category or a broken matrix fails with exit code 1")
    void failures() {
        Path rotation = CliRun.seed(dir, "oncall-rotation.yaml");
        Path matrix = CliRun.seed(dir, "escalation-matrix.txt");
        Path broken = CliRun.write(dir, "broken.txt", "| Category | L1 |\n|---|\n| App crash |\n");

        CliRun unknown = CliRun.of("escalation", "simulate", "--file", rotation.toString(), "--matrix",
                matrix.toString(), "--category", "Nope");
        CliRun unreadable = CliRun.of("escalation", "simulate", "--file", rotation.toString(), "--matrix",
                broken.toString(), "--category", "App crash");

        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("--category 'Nope' is not in", "App crash, Data issue");
        assertThat(unreadable.code()).isEqualTo(1);
        assertThat(unreadable.err()).startsWith("incident4j: " + broken + ":");
    }
}
