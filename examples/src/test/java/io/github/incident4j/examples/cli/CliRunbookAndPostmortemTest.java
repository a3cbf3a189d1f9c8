package io.github.incident4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.PostmortemStatus;
import io.github.incident4j.postmortem.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("incident4j runbook prometheus-rules and postmortem new")
class CliRunbookAndPostmortemTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("prometheus-rules exports the runbook's alert with its threshold, for: and runbook_url")
    void prometheusRules() {
        Path runbook = CliRun.seed(dir, "runbook-template.md");

        CliRun run = CliRun.of("runbook", "prometheus-rules", "--file", runbook.toString(), "--url",
                "https://runbooks.internal/service-name", "--promql", "error rate=100 * job:errors:ratio5m");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("- alert: ServiceHighErrorRate", "expr: (100 * job:errors:ratio5m) > 5",
                "for: 5m", "severity: critical", "runbook_url: https://runbooks.internal/service-name");
    }

    @Test
    @DisplayName("prometheus-rules without the PromQL of a metric names the metric and fails")
    void prometheusRulesMissingPromql() {
        Path runbook = CliRun.seed(dir, "runbook-template.md");

        CliRun run = CliRun.of("runbook", "prometheus-rules", "--file", runbook.toString(), "--url", "https://x");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("ServiceHighErrorRate", "error rate");
    }

    @Test
    @DisplayName("prometheus-rules on a runbook that cannot be read names the file, line and column")
    void prometheusRulesBrokenRunbook() {
        Path broken = CliRun.write(dir, "broken.md", """
                # Runbook: Payments — errors

                ## Mitigation
                ### Roll back
                ```bash
                kubectl rollout undo deployment/payment-service -n production
                """);

        CliRun run = CliRun.of("runbook", "prometheus-rules", "--file", broken.toString(), "--url", "https://x");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        // a template title names the service in an Overview section, which this runbook lacks
        assertThat(run.err()).contains(broken + ":1:1: no '- **Service**: <name>' line in an Overview section");
    }

    @Test
    @DisplayName("postmortem new writes a draft that reads back with its header and sections to be written")
    void postmortemNew() throws Exception {
        Path out = dir.resolve("pm.md");

        CliRun run = CliRun.of("postmortem", "new", "--title", "Checkout errors after v2.3.1", "--date", "2026-03-03",
                "--severity", "SEV-2", "--start", "10:00", "--end", "11:05", "--author", "Carol", "--author", "Dana",
                "--impact", "12% of checkouts failed", "-o", out.toString());
        Postmortem pm = PostmortemMarkdown.parse(Files.readString(out));
        CliRun lint = CliRun.of("lint", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote " + out);
        assertThat(pm.title()).isEqualTo("Checkout errors after v2.3.1");
        assertThat(pm.date()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(pm.duration()).contains(Duration.ofMinutes(65));
        assertThat(pm.authors()).containsExactly("Carol", "Dana");
        assertThat(pm.status()).isEqualTo(PostmortemStatus.DRAFT);
        assertThat(pm.isToBeWritten(Section.ROOT_CAUSE)).isTrue();
        assertThat(lint.out()).contains(out + ": postmortem");
    }

    @Test
    @DisplayName("postmortem new without a date uses today from the clock; a bad severity fails")
    void postmortemDefaultsAndFailure() {
        CliRun today = CliRun.of("postmortem", "new", "--title", "Outage");
        CliRun bad = CliRun.of("postmortem", "new", "--title", "Outage", "--severity", "bad");

        assertThat(today.out()).contains("# Postmortem: Outage", "**Date**: 2026-03-02", "**Status**: draft");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("--severity");
    }

    @Test
    @DisplayName("postmortem draft plays the described incident through the seed policy and drafts it with key times")
    void postmortemDraft() throws Exception {
        Path rotation = CliRun.seed(dir, "oncall-rotation.yaml");
        Path matrix = CliRun.seed(dir, "escalation-matrix.txt");
        Path out = dir.resolve("draft.md");

        CliRun run = CliRun.of("postmortem", "draft", "--file", rotation.toString(), "--matrix", matrix.toString(),
                "--category", "App crash", "--role", "engineering_lead=Dana", "--at", "2026-03-03T10:00:00Z",
                "--service", "payment-service", "--alert", "ServiceHighErrorRate", "--severity", "SEV-2",
                "--change", "8m=Deployment v2.3.1 of payment-service rolled out", "--ack", "17m=Dana",
                "--note", "20m=Dana: error logs show DB connection timeouts",
                "--action", "24m=runbook: rollback completed: deployment/payment-service back at revision 3",
                "--resolve", "41m=Dana", "--impact", "8% of payments failed", "-o", out.toString());
        String markdown = Files.readString(out);
        Postmortem pm = PostmortemMarkdown.parse(markdown);

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(pm.title()).isEqualTo("ServiceHighErrorRate on payment-service");
        assertThat(pm.duration()).contains(Duration.ofMinutes(49));   // from the change at 09:52 to 10:41
        assertThat(pm.authors()).containsExactly("Dana");
        assertThat(pm.timeline()).extracting(e -> e.time() + " " + e.event()).contains(
                "09:52 Deployment v2.3.1 of payment-service rolled out",
                "10:00 Paged Carol (level 1): Restart/rollback",
                "10:15 Paged Dana (level 2): Debug fix",
                "10:17 Dana acknowledged",
                "10:41 Resolved by Dana");
        assertThat(markdown).contains("**Impact**: 8% of payments failed", "**Incident**: SIM-20260303T100000Z", "## Key Times",
                "Time to acknowledge: 17 minutes", "Time to mitigate: 24 minutes");
        assertThat(run.out()).contains("wrote " + out, "lint: 1 finding on the draft",
                out + ":" + (markdown.lines().toList().indexOf("## Action Items") + 1)
                        + ": ERROR postmortem.no-action-items");
    }

    @Test
    @DisplayName("postmortem draft refuses steps that cannot happen and offsets it cannot read")
    void postmortemDraftFailures() {
        Path rotation = CliRun.seed(dir, "oncall-rotation.yaml");

        CliRun ackAfterResolve = CliRun.of("postmortem", "draft", "--file", rotation.toString(), "--service", "web",
                "--ack", "50m=Dana", "--resolve", "40m=Dana");
        CliRun badOffset = CliRun.of("postmortem", "draft", "--file", rotation.toString(), "--service", "web",
                "--resolve", "soon=Dana");
        CliRun noResolve = CliRun.of("postmortem", "draft", "--file", rotation.toString(), "--service", "web");

        assertThat(ackAfterResolve.code()).isEqualTo(1);
        assertThat(ackAfterResolve.err()).contains("--ack at +50m: ");
        assertThat(badOffset.code()).isEqualTo(1);
        assertThat(badOffset.err()).contains("--resolve: ", "soon");
        assertThat(noResolve.code()).isEqualTo(2);
        assertThat(noResolve.err()).contains("--resolve");
    }

    @Test
    @DisplayName("lint knows a postmortem by its sections, without a 'Postmortem:' title, and gives each finding the "
            + "line of the entry it is about")
    void lintTeamLayout() {
        Path file = CliRun.write(dir, "cache-stampede.md", """
                # Cache stampede on the catalog

                ## Overview
                Catalog pages were slow for 20 minutes.

                ## Timeline
                - 10:00 Cache flushed
                - 10:20 Recovered

                ## Action Items
                - [ ] Add request coalescing @ana
                """);

        CliRun run = CliRun.of("lint", file.toString());

        assertThat(run.out()).contains(file + ":11: WARNING postmortem.action-item-without-due-date",
                file + ": postmortem, ok");
    }

    @Test
    @DisplayName("lint refuses a runbook passed as a postmortem, saying it looks like a runbook")
    void lintRunbookAsPostmortem() {
        Path runbook = CliRun.seed(dir, "runbook-template.md");

        CliRun run = CliRun.of("lint", "--kind", "postmortem", runbook.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains(runbook + ":12: ERROR format: not a postmortem: this looks like a runbook");
    }
}
