package io.github.incident4j.runbook;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a runbook against the practices the template encodes. Codes:
 * <ul>
 *   <li>{@code runbook.missing-section}: no Overview (owner, escalation), Detection, Diagnosis, Mitigation or
 *       Recovery content, under any of the headings that mean them (a prose Meaning is an Overview);</li>
 *   <li>{@code runbook.no-owner}: an overview without owner or escalation path;</li>
 *   <li>{@code runbook.no-steps} (info): a Diagnosis or Mitigation section with prose only;</li>
 *   <li>{@code runbook.alert-without-condition}: a Detection alert that states a threshold incident4j cannot read
 *       ({@code error rate > 5% for 5m} can; an alert named without a condition, as a title names it, is not
 *       reported);</li>
 *   <li>{@code runbook.other-service}: a command whose deployment or {@code app} label is another service's;</li>
 *   <li>{@code runbook.invalid-command}: a command with a value its grammar refuses;</li>
 *   <li>{@code runbook.unverified-mitigation}: a mitigation with no recovery criterion the runner can check;</li>
 *   <li>{@code runbook.manual-command-in-mitigation}: a mitigation command incident4j cannot run.</li>
 * </ul>
 *
 * <pre>{@code
 * List<Finding> findings = RunbookLint.lint(RunbookMarkdown.parse(text));
 * }</pre>
 */
public final class RunbookLint {

    private static final List<String> APP_LABELS = List.of("app", "app.kubernetes.io/name");

    private RunbookLint() {
    }

    /** Every finding, in document order. */
    public static List<Finding> lint(Runbook runbook) {
        List<Finding> findings = new ArrayList<>();
        if (runbook.owner().isEmpty() && runbook.escalationPath().isEmpty()) {
            if (runbook.notes(RunbookPart.OVERVIEW).isEmpty()) {
                findings.add(missing("Overview", "no owner and no escalation path: say who owns the service and whom to call"));
            } else {
                findings.add(Finding.warning("runbook.no-owner", "the overview names no owner and no escalation path; add "
                        + "'- **Owner**: team' and '- **Escalation**: #channel → on-call'", "Overview"));
            }
        }
        if (!runbook.has(RunbookPart.DETECTION)) {
            findings.add(missing("Detection", "no alert or dashboard says how the issue is detected"));
        }
        if (runbook.diagnosis().isEmpty()) {
            findings.add(runbook.notes(RunbookPart.DIAGNOSIS).isEmpty() ? missing("Diagnosis", "no diagnosis steps")
                    : Finding.info("runbook.no-steps", "the diagnosis section has prose but no steps (list items or code "
                    + "blocks) incident4j can run", "Diagnosis"));
        }
        if (runbook.mitigations().isEmpty()) {
            findings.add(runbook.notes(RunbookPart.MITIGATION).isEmpty() ? missing("Mitigation", "no mitigation procedures")
                    : Finding.info("runbook.no-steps", "the mitigation section has prose but no procedure with commands",
                    "Mitigation"));
        }
        if (runbook.recovery().isEmpty()) {
            findings.add(missing("Recovery Verification", "no recovery criteria"));
        }
        for (int i = 0; i < runbook.alerts().size(); i++) {
            AlertRule a = runbook.alerts().get(i);
            if (a.condition().isEmpty() && namesThreshold(a.conditionText())) {
                findings.add(Finding.warning("runbook.alert-without-condition", "alert '" + a.name() + "' states a threshold "
                        + "incident4j cannot read ('" + a.conditionText() + "'); write it like 'error rate > 5% for 5m'",
                        "detection.alerts[" + i + "]"));
            }
        }
        // a namespace given as a variable is judged when bound; a placeholder lets the rest be read
        String ns = Bindings.variablesIn(runbook.defaultNamespace()).isEmpty() ? runbook.defaultNamespace() : "default";
        for (int i = 0; i < runbook.diagnosis().size(); i++) {
            DiagnosisStep s = runbook.diagnosis().get(i);
            String f = "diagnosis[" + i + "]";
            s.command().ifPresent(c -> checkCommand(runbook, c, ns, f + ".command", findings));
            for (int j = 0; j < s.substeps().size(); j++) {
                String sf = f + ".substeps[" + j + "]";
                s.substeps().get(j).command().ifPresent(c -> checkCommand(runbook, c, ns, sf + ".command", findings));
            }
        }
        boolean checkable = runbook.recovery().stream().anyMatch(c -> c.kind() == RecoveryCriterion.Kind.METRIC
                || c.kind() == RecoveryCriterion.Kind.NO_NEW_ERROR_LOGS);
        for (int i = 0; i < runbook.mitigations().size(); i++) {
            Mitigation m = runbook.mitigations().get(i);
            String f = "mitigations[" + i + "]";
            if (!checkable) {
                findings.add(Finding.warning("runbook.unverified-mitigation", "mitigation '" + m.name()
                        + "' has no recovery criterion to verify it; add one like 'Error rate returns to baseline (< 0.1%)'", f));
            }
            for (int j = 0; j < m.commands().size(); j++) {
                Optional<Command> c = checkCommand(runbook, m.commands().get(j), ns, f + ".commands[" + j + "]", findings);
                if (c.isPresent() && c.get() instanceof Command.Manual manual) {
                    findings.add(Finding.warning("runbook.manual-command-in-mitigation", "'" + manual.text()
                            + "' is not a command incident4j runs; the mitigation will stop for a person there", f + ".commands[" + j + "]"));
                }
            }
        }
        return List.copyOf(findings);
    }

    /** Whether a condition as written states a threshold: a number to compare against. */
    private static boolean namesThreshold(String condition) {
        return condition.chars().anyMatch(Character::isDigit);
    }

    private static Finding missing(String section, String message) {
        return Finding.warning("runbook.missing-section", "section '" + section + "' is missing: " + message, section);
    }

    /** Reads a literal command and checks whom it targets; templates with variables are judged when bound. */
    private static Optional<Command> checkCommand(Runbook runbook, String template, String ns, String location, List<Finding> findings) {
        if (!Bindings.variablesIn(template).isEmpty()) {
            return Optional.empty();
        }
        Command command;
        try {
            command = Command.parse(template, ns);
        } catch (ValidationException e) {
            findings.add(Finding.error("runbook.invalid-command", "'" + template + "' cannot run: " + e.getMessage(), location));
            return Optional.empty();
        }
        targets(command).stream().filter(t -> !t.equals(runbook.service())).findFirst().ifPresent(t -> findings.add(
                Finding.warning("runbook.other-service", "'" + template + "' targets '" + t + "', not the runbook's service '"
                        + runbook.service() + "'", location)));
        return Optional.of(command);
    }

    private static List<String> targets(Command command) {
        if (command instanceof Command.RolloutHistory c) {
            return List.of(c.deployment());
        }
        if (command instanceof Command.RolloutUndo c) {
            return List.of(c.deployment());
        }
        if (command instanceof Command.RolloutStatus c) {
            return List.of(c.deployment());
        }
        if (command instanceof Command.Scale c) {
            return List.of(c.deployment());
        }
        if (command instanceof Command.RolloutRestart c) {
            return List.of(c.deployment());
        }
        if (command instanceof Command.ListPods c) {
            return apps(c.selector());
        }
        if (command instanceof Command.Logs c) {
            return apps(c.selector());
        }
        if (command instanceof Command.DeletePods c) {
            return apps(c.selector());
        }
        return List.of();
    }

    private static List<String> apps(Map<String, String> selector) {
        return APP_LABELS.stream().map(selector::get).filter(v -> v != null).toList();
    }
}
