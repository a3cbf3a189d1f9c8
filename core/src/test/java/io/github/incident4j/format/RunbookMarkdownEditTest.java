package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.runbook.CodeBlock;
import io.github.incident4j.runbook.DiagnosisStep;
import io.github.incident4j.runbook.Mitigation;
import io.github.incident4j.runbook.RecoveryCriterion;
import io.github.incident4j.runbook.Runbook;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A runbook edited through the model is written back into its own document")
class RunbookMarkdownEditTest {

    static RunbookFixtures.Fixture fixture(String name) {
        return RunbookFixtures.all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    static String edit(String original, Runbook edited) {
        String out = RunbookMarkdown.render(edited);
        assertThat(RunbookMarkdown.parse(out, "x")).as("reads back to the edited runbook").isEqualTo(edited);
        return out;
    }

    @Test
    @DisplayName("changing the owner rewrites that field's line only, keeping CRLF line ends")
    void owner() {
        RunbookFixtures.Fixture f = fixture("template/search-indexer-backlog.md");
        Runbook r = f.parse();
        String out = edit(f.text(), r.toBuilder().owner("search-platform").build());
        assertThat(out).isEqualTo(f.text().replace("- **Owner**: discovery\r\n", "- **Owner**: search-platform\r\n"));
    }

    @Test
    @DisplayName("a new diagnosis step is added after the last one, numbered and indented like its neighbours")
    void addStep() {
        RunbookFixtures.Fixture f = fixture("template/auth-service-crashloop.md");
        Runbook r = f.parse();
        List<DiagnosisStep> steps = new ArrayList<>(r.diagnosis());
        steps.add(DiagnosisStep.of("Check the events", "kubectl get events -n identity --sort-by=.lastTimestamp"));
        String out = edit(f.text(), r.toBuilder().diagnosis(steps).build());
        assertThat(out).isEqualTo(f.text().replace("   ~~~\n\n## Mitigation",
                "   ~~~\n6. Check the events: `kubectl get events -n identity --sort-by=.lastTimestamp`\n\n## Mitigation"));
    }

    @Test
    @DisplayName("removing a step removes its lines and nothing else")
    void removeStep() {
        RunbookFixtures.Fixture f = fixture("prometheus/KubeDeploymentReplicasMismatch.md");
        Runbook r = f.parse();
        List<DiagnosisStep> steps = new ArrayList<>(r.diagnosis());
        steps.remove(4);
        String out = edit(f.text(), r.toBuilder().diagnosis(steps).build());
        assertThat(out).isEqualTo(f.text().replace("- Check the nodes have room: `kubectl top nodes`\n", ""));
    }

    @Test
    @DisplayName("a new named mitigation goes after the last one, under a heading of the same level")
    void addMitigation() {
        RunbookFixtures.Fixture f = fixture("template/checkout-api-latency.md");
        Runbook r = f.parse();
        Runbook edited = r.toBuilder().mitigation(Mitigation.when("Fail over to the standby region", "the primary region is down",
                "kubectl scale deployment/checkout-api --replicas=0 -n storefront")).build();
        String out = edit(f.text(), edited);
        assertThat(out).isEqualTo(f.text().replace("kubectl scale deployment/checkout-api --replicas=12 -n storefront\n```\n",
                "kubectl scale deployment/checkout-api --replicas=12 -n storefront\n```\n\n"
                        + "### Fail over to the standby region (if the primary region is down)\n```bash\n"
                        + "kubectl scale deployment/checkout-api --replicas=0 -n storefront\n```\n"));
    }

    @Test
    @DisplayName("a changed command in a console block keeps its prompt and the expected output after it")
    void commandInConsoleBlock() {
        RunbookFixtures.Fixture f = fixture("openshift/ClusterOperatorDegraded.md");
        Runbook r = f.parse();
        DiagnosisStep first = r.diagnosis().get(0);
        CodeBlock block = first.code().get(0);
        List<DiagnosisStep> steps = new ArrayList<>(r.diagnosis());
        steps.set(0, first.withCode(List.of(block.withCommand(0, "oc get clusteroperators -o wide"))));
        String out = edit(f.text(), r.toBuilder().diagnosis(steps).build());
        assertThat(out).isEqualTo(f.text().replace("$ oc get clusteroperators\n", "$ oc get clusteroperators -o wide\n"));
    }

    @Test
    @DisplayName("a changed recovery criterion rewrites its item; a new section is added when the part had none")
    void recovery() {
        RunbookFixtures.Fixture f = fixture("prometheus/KubeJobFailed.md");
        Runbook r = f.parse();
        Runbook edited = r.toBuilder().recovery("Error rate returns to baseline (< 1%)").build();
        String out = edit(f.text(), edited);
        assertThat(out).startsWith(f.text()).endsWith("## Recovery Verification\n1. Error rate returns to baseline (< 1%)\n");

        RunbookFixtures.Fixture t = fixture("template/payment-service-high-error-rate.md");
        Runbook tr = t.parse();
        List<RecoveryCriterion> criteria = new ArrayList<>(tr.recovery());
        criteria.set(3, RecoveryCriterion.of("Watch the dashboard for 30 minutes"));
        assertThat(edit(t.text(), tr.toBuilder().recovery(criteria).build()))
                .isEqualTo(t.text().replace("4. Watch the dashboard for 15 minutes", "4. Watch the dashboard for 30 minutes"));
    }

    @Test
    @DisplayName("without its origin, the same runbook is written in the template layout")
    void template() {
        Runbook r = fixture("template/payment-service-high-error-rate.md").parse();
        String out = RunbookMarkdown.render(r.toBuilder().origin(null).build());
        assertThat(out).startsWith("# Runbook: Payment Service — High Error Rate\n\n## Overview\n- **Service**: payment-service\n");
        assertThat(RunbookMarkdown.parse(out)).isEqualTo(r);
    }

    @Property(tries = 200)
    @Label("the template writer's output is bounded by a small multiple of the runbook it writes")
    void templateBounded(@ForAll("runbooks") Runbook runbook) {
        String out = RunbookMarkdown.render(runbook);
        assertThat((long) out.length()).isLessThanOrEqualTo(3L * runbook.toString().length() + 2048);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Runbook> runbooks() {
        return new RunbookMarkdownRoundTripTest().runbooks();
    }
}
