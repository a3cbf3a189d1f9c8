package io.github.incident4j.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Finding;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RunbookLintTest {

    /** A runbook that follows every practice: the passing case of every rule. */
    static Runbook clean() {
        return Runbook.forService("service-name")
                .owner("team-name")
                .escalation("#incident-channel", "on-call", "engineering-lead")
                .alert("ServiceHighErrorRate", "error rate > 5% for 5m")
                .diagnose("Check service health", "kubectl get pods -n production -l app=service-name")
                .diagnose("Check recent deployments", "kubectl rollout history deployment/service-name")
                .mitigation("Rollback deployment", "kubectl rollout undo deployment/service-name -n production")
                .recovery("Error rate returns to baseline (< 0.1%)")
                .build();
    }

    static List<String> codes(Runbook r) {
        return RunbookLint.lint(r).stream().map(Finding::code).toList();
    }

    @Test
    @DisplayName("a runbook that follows every practice has no findings")
    void clean_hasNoFindings() {
        assertThat(RunbookLint.lint(clean())).isEmpty();
    }

    @Test
    @DisplayName("each missing section is reported by name")
    void missingSections() {
        List<Finding> findings = RunbookLint.lint(Runbook.forService("service-name").build());
        assertThat(findings).extracting(Finding::code).containsOnly("runbook.missing-section");
        assertThat(findings).extracting(Finding::location)
                .containsExactly("Overview", "Detection", "Diagnosis", "Mitigation", "Recovery Verification");
        assertThat(codes(clean().toBuilder().owner("").escalation().build())).containsExactly("runbook.missing-section");
    }

    @Test
    @DisplayName("an alert stating a threshold that cannot be read is reported; a readable one, or one without a threshold, is not")
    void alertWithoutCondition() {
        Runbook r = clean().toBuilder().alert("SomethingBad", "latency above 2 seconds at the 99th percentile")
                .alert("Watchdog", "").alert("LooksBad", "things look bad").build();
        List<Finding> findings = RunbookLint.lint(r);
        assertThat(findings).extracting(Finding::code).containsExactly("runbook.alert-without-condition");
        assertThat(findings.get(0).location()).isEqualTo("detection.alerts[1]");
        assertThat(findings.get(0).message()).contains("SomethingBad", "latency above 2 seconds");
    }

    @Test
    @DisplayName("sections are found under any heading that means them: a runbook with Meaning, Troubleshooting, Remediation "
            + "and Validation has no missing-section finding")
    void synonyms() {
        String md = """
                # KubeQuotaExceeded

                ## Meaning

                A namespace uses more than its quota allows.

                ## Troubleshooting

                - Check the quota: `kubectl describe resourcequota -n $NAMESPACE`

                ## Remediation

                ```bash
                kubectl scale deployment/batch-worker --replicas=2 -n $NAMESPACE
                ```

                ## Validation

                1. Error rate returns to baseline (< 1%)
                """;
        List<Finding> findings = RunbookLint.lint(io.github.incident4j.format.RunbookMarkdown.parse(md));
        assertThat(findings).extracting(Finding::code).doesNotContain("runbook.missing-section", "runbook.alert-without-condition")
                .contains("runbook.no-owner");
    }

    @Test
    @DisplayName("commands that target another service are reported, in diagnosis sub-steps and mitigations too")
    void otherService() {
        Runbook r = clean().toBuilder()
                .diagnose(DiagnosisStep.of("Dependencies", DiagnosisStep.of("Billing pods", "kubectl get pods -l app=billing")))
                .mitigation("Restart the wrong thing", "kubectl rollout restart deployment/billing -n production")
                .build();
        List<Finding> findings = RunbookLint.lint(r);
        assertThat(findings).extracting(Finding::code).containsExactly("runbook.other-service", "runbook.other-service");
        assertThat(findings).extracting(Finding::location)
                .containsExactly("diagnosis[2].substeps[0].command", "mitigations[1].commands[0]");
        assertThat(findings.get(1).message()).contains("'billing'", "'service-name'");
    }

    @Test
    @DisplayName("a mitigation without a checkable recovery criterion is reported; a checkable one silences it")
    void unverifiedMitigation() {
        Runbook r = clean().toBuilder().build();
        Runbook unverified = new Runbook(r.title(), r.issueType(), r.service(), r.owner(), r.escalationPath(), r.namespace(),
                r.alerts(), r.dashboards(), r.diagnosis(), r.mitigations(), List.of(RecoveryCriterion.of("Customers are happy")),
                r.notes(), r.extraSections());
        assertThat(codes(unverified)).containsExactly("runbook.unverified-mitigation");
        assertThat(RunbookLint.lint(unverified).get(0).location()).isEqualTo("mitigations[0]");
    }

    @Test
    @DisplayName("a manual command in a mitigation is reported; typed commands are not")
    void manualInMitigation() {
        Runbook r = clean().toBuilder().mitigation("Ask for help", "page the-database-team").build();
        List<Finding> findings = RunbookLint.lint(r);
        assertThat(findings).extracting(Finding::code).containsExactly("runbook.manual-command-in-mitigation");
        assertThat(findings.get(0).location()).isEqualTo("mitigations[1].commands[0]");
    }

    @Test
    @DisplayName("a literal command with a value its grammar refuses is an error")
    void invalidCommand() {
        Runbook r = clean().toBuilder().diagnose("Pods", "kubectl get pods -n Production").build();
        assertThat(RunbookLint.lint(r)).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("runbook.invalid-command");
            assertThat(f.level()).isEqualTo(Finding.Level.ERROR);
        });
        assertThat(Optional.of(r.diagnosis().size())).contains(3);
    }
}
