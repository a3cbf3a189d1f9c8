package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.runbook.AlertRule;
import io.github.incident4j.runbook.ExtraSection;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookPart;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RunbookMarkdownTest {

    static final String PROMETHEUS = """
            ---
            title: Kube Pod Crash Looping
            weight: 20
            ---

            # KubePodCrashLooping

            ## Meaning

            Pod is in CrashLoop which means the app dies or is unresponsive and
            kubernetes tries to restart it automatically.

            ## Impact

            Service degradation or unavailability.

            ## Diagnosis

            - Check template via `kubectl -n $NAMESPACE get pod $POD`.
            - Check pod events via `kubectl -n $NAMESPACE describe pod $POD`.

            ```shell
            kubectl logs -n $NAMESPACE $POD --previous
            ```

            ## Mitigation

            See [Debugging Pods](https://kubernetes.io/docs/tasks/debug/debug-application/debug-pods/)
            """;

    @Test
    @DisplayName("the prometheus-operator layout is read: the alert from the title, Meaning as the overview, Impact kept, "
            + "bulleted steps with their inline commands, and the document renders back byte for byte")
    void prometheusOperatorLayout() {
        Runbook r = RunbookMarkdown.parse(PROMETHEUS);
        assertThat(r.title()).isEqualTo("KubePodCrashLooping");
        assertThat(r.service()).isEqualTo("KubePodCrashLooping");
        assertThat(r.alerts()).containsExactly(new AlertRule("KubePodCrashLooping", ""));
        assertThat(r.notes(RunbookPart.PREAMBLE)).isEqualTo("---\ntitle: Kube Pod Crash Looping\nweight: 20\n---");
        assertThat(r.notes(RunbookPart.OVERVIEW)).startsWith("Pod is in CrashLoop").endsWith("restart it automatically.");
        assertThat(r.extraSections()).extracting(ExtraSection::heading).containsExactly("Impact");
        assertThat(r.diagnosis()).hasSize(2);
        assertThat(r.diagnosis().get(0).description()).isEqualTo("Check template via `kubectl -n $NAMESPACE get pod $POD`.");
        assertThat(r.diagnosis().get(0).commands()).containsExactly("kubectl -n $NAMESPACE get pod $POD");
        // the block right after the list belongs to its last step
        assertThat(r.diagnosis().get(1).commands()).containsExactly("kubectl -n $NAMESPACE describe pod $POD",
                "kubectl logs -n $NAMESPACE $POD --previous");
        assertThat(r.notes(RunbookPart.MITIGATION)).startsWith("See [Debugging Pods]");
        assertThat(r.mitigations()).isEmpty();
        assertThat(RunbookMarkdown.render(r)).isEqualTo(PROMETHEUS);
    }

    @Test
    @DisplayName("unknown sections are kept verbatim, in place, and the document renders back byte for byte")
    void unknownSectionsKept() {
        String md = RunbookMarkdownSeedTest.seed().replace("## Diagnosis", "## Contacts\n- DBA: @dba-team\n\n## Diagnosis")
                + "\n## Postmortem\nLink it here.\n";
        Runbook r = RunbookMarkdown.parse(md);
        assertThat(r.extraSections()).containsExactly(
                new ExtraSection("Contacts", "- DBA: @dba-team", RunbookPart.DETECTION),
                new ExtraSection("Postmortem", "Link it here.", RunbookPart.RECOVERY));
        assertThat(RunbookMarkdown.render(r)).isEqualTo(md);
    }

    @Test
    @DisplayName("a document without a title is refused at its first line, unless the caller names it")
    void noTitle() {
        String md = "\n\n## Overview\n- **Service**: x\n";
        assertThatThrownBy(() -> RunbookMarkdown.parse(md))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("no title", "parse(text, name)", "## Overview");
                });
        Runbook named = RunbookMarkdown.parse(md, "Checkout latency");
        assertThat(named.title()).isEqualTo("Checkout latency");
        assertThat(named.service()).isEqualTo("x");
        assertThat(RunbookMarkdown.render(named)).isEqualTo(md);
    }

    @Test
    @DisplayName("an unclosed code fence runs to the end of the document, as CommonMark reads it, and writes back unchanged")
    void unclosedFence() {
        String md = "# Runbook: S — I\n\n## Overview\n- **Service**: s\n\n## Mitigation\n### Rollback\n```bash\nkubectl rollout undo deployment/s\n";
        Runbook r = RunbookMarkdown.parse(md);
        assertThat(r.mitigations()).singleElement().satisfies(m -> assertThat(m.commands()).containsExactly("kubectl rollout undo deployment/s"));
        assertThat(RunbookMarkdown.render(r)).isEqualTo(md);
    }

    @Test
    @DisplayName("a repeated field is refused at its place; code directly under Mitigation is an unnamed mitigation; "
            + "a repeated section adds to the first")
    void structure() {
        String md = """
                # Runbook: S — I

                ## Overview
                - **Service**: s
                - **Service**: t

                ## Mitigation
                ```bash
                kubectl rollout restart deployment/s
                ```

                ## Overview
                - **Owner**: o
                """;
        assertThatThrownBy(() -> RunbookMarkdown.parse(md)).isInstanceOfSatisfying(FormatException.class, e -> {
            assertThat(e.problems()).extracting(FormatException.Problem::line).containsExactly(5);
            assertThat(e.problems().get(0).column()).isEqualTo(3);
            assertThat(e.problems().get(0).message()).contains("given again", "line 4");
        });
        Runbook r = RunbookMarkdown.parse(md.replace("- **Service**: t\n", ""));
        assertThat(r.owner()).isEqualTo("o");
        assertThat(r.mitigations()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("Mitigation");
            assertThat(m.named()).isFalse();
            assertThat(m.commands()).containsExactly("kubectl rollout restart deployment/s");
        });
    }

    @Test
    @DisplayName("a postmortem, a Litmus manifest or a rotation given as a runbook is refused, saying what it looks like")
    void otherKinds() {
        assertThatThrownBy(() -> RunbookMarkdown.parse(MarkdownSeeds.seed("postmortem-template.md")))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.getMessage())
                        .contains("it looks like a postmortem (sections ", "Timeline (UTC), Root Cause", "not a runbook")
                        .contains("headings found: # Postmortem: [Title], ## Summary"));
        assertThatThrownBy(() -> RunbookMarkdown.parse(MarkdownSeeds.seed("chaos-pod-delete.yaml")))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.getMessage())
                        .contains("it looks like YAML (kind: ChaosEngine), not a runbook"));
        assertThatThrownBy(() -> RunbookMarkdown.parse(MarkdownSeeds.seed("oncall-rotation.yaml"), "rotation"))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.getMessage()).contains("looks like YAML"));
    }

    @Test
    @DisplayName("a GitLab page with front matter and no # title takes its title from the front matter")
    void frontMatterTitle() {
        String md = "---\ntitle: Redis memory use high\ntags: [redis]\n---\n\n## Summary\n\nA shard is nearly full.\n\n"
                + "## Troubleshooting\n\n- Check memory: `redis-cli -h redis-01 info memory`\n";
        Runbook r = RunbookMarkdown.parse(md);
        assertThat(r.title()).isEqualTo("Redis memory use high");
        assertThat(r.notes(RunbookPart.OVERVIEW)).isEqualTo("A shard is nearly full.");
        assertThat(r.diagnosis()).singleElement().satisfies(s -> assertThat(s.commands()).containsExactly("redis-cli -h redis-01 info memory"));
        assertThat(RunbookMarkdown.render(r)).isEqualTo(md);
    }

    @Test
    @DisplayName("a template without a service, an empty escalation step and a bad namespace are refused with their lines")
    void valueProblems() {
        assertThatThrownBy(() -> RunbookMarkdown.parse("# Runbook: S — I\n\n## Overview\n- **Owner**: o\n"))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("Service");
                });
        assertThatThrownBy(() -> RunbookMarkdown.parse("# Runbook: S\n## Overview\n- **Service**: s\n- **Escalation**: a →  → c\n"))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.column()).isEqualTo(22);
                });
        assertThatThrownBy(() -> RunbookMarkdown.parse("# Runbook: S\n## Overview\n- **Service**: s\n- **Namespace**: Prod_1\n"))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("namespace", "Prod_1");
                });
    }

    @Test
    @DisplayName("the DSL builds the runbook the Markdown describes")
    void dslMatchesMarkdown() {
        Runbook dsl = Runbook.forService("service-name")
                .title("Service Name", "Issue Type")
                .owner("team-name")
                .escalation("#incident-channel", "on-call", "engineering-lead")
                .alert("ServiceHighErrorRate", "error rate > 5% for 5m")
                .dashboard("https://grafana.internal/d/service-overview")
                .diagnose("Check service health", "kubectl get pods -n production -l app=service-name")
                .diagnose("Check recent deployments", "kubectl rollout history deployment/service-name")
                .diagnose("Check error logs", "kubectl logs -n production -l app=service-name --since=10m | grep ERROR")
                .diagnose(io.github.incident4j.runbook.DiagnosisStep.of("Check dependencies",
                        io.github.incident4j.runbook.DiagnosisStep.of("Database", "pg_isready -h db-host"),
                        io.github.incident4j.runbook.DiagnosisStep.of("Redis", "redis-cli -h redis-host ping"),
                        io.github.incident4j.runbook.DiagnosisStep.of("Upstream API",
                                "curl -s -o /dev/null -w \"%{http_code}\" https://upstream/health")))
                .mitigation("Rollback deployment", "kubectl rollout undo deployment/service-name -n production",
                        "kubectl rollout status deployment/service-name -n production")
                .mitigationIf("Scale up", "load-related", "kubectl scale deployment/service-name --replicas=6 -n production")
                .mitigationIf("Restart pods", "memory leak suspected", "kubectl rollout restart deployment/service-name -n production")
                .recovery("Error rate returns to baseline (< 0.1%)")
                .recovery("Latency p99 returns to baseline (< 500ms)")
                .recovery("No new error log entries")
                .recovery("Confirm in dashboard for 15 minutes")
                .build();
        assertThat(dsl).isEqualTo(RunbookMarkdown.parse(RunbookMarkdownSeedTest.seed()));
        assertThat(dsl.toBuilder().owner("other").build().owner()).isEqualTo("other");
    }

    @Property(tries = 300)
    @Label("any text is either read or refused with a FormatException, never another exception")
    void robust(@ForAll("documents") String text) {
        try {
            Runbook r = RunbookMarkdown.parse(text);
            assertThat(RunbookMarkdown.parse(RunbookMarkdown.render(r))).isEqualTo(r);
        } catch (FormatException e) {
            assertThat(e.problems()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("# Runbook: S — I", "# Alert", "## Overview", "## Detection", "## Diagnosis", "## Mitigation",
                        "## Recovery Verification", "## Other", "### Fix (if bad)", "### ", "```bash", "```", "~~~", "",
                        "- **Service**: svc", "- **Service**:", "- **Owner**: o", "- **Escalation**: a → b", "- **Escalation**: →",
                        "- **Namespace**: prod", "- **Namespace**: BAD NS", "- **Alert**: `A` fires when error rate > 5% for 5m",
                        "- **Alert**: `", "- **Dashboard**: ", "1. Step: `kubectl get pods`", "1. ", "2. Step:", "   - Sub: `pg_isready -h db`",
                        "   - ", "kubectl scale deployment/x --replicas=2", "\\", "\t", "\r", "**", "#", "##"),
                Arbitraries.strings().ofMaxLength(20));
        return line.list().ofMaxSize(25).map(ls -> String.join("\n", ls));
    }

    /** The seed documents, read from the test classpath. */
    static final class MarkdownSeeds {
        static String seed(String name) {
            try (java.io.InputStream in = RunbookMarkdownTest.class.getResourceAsStream("/seed/" + name)) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
