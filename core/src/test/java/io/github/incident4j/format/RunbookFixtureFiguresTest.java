package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.ValidationException;
import io.github.incident4j.runbook.Bindings;
import io.github.incident4j.runbook.Command;
import io.github.incident4j.runbook.DiagnosisStep;
import io.github.incident4j.runbook.Mitigation;
import io.github.incident4j.runbook.Runbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures issue 17 asks for, computed on the fixtures: files parsed, steps and mitigations found, commands typed vs
 * manual, and the share of kubectl/oc lines that become typed operations. Written to
 * {@code target/runbook-fixture-figures.md}; reproduce with
 * {@code mvn -B -o test -pl core -Dtest=RunbookFixtureFiguresTest}.
 */
@DisplayName("Figures on the runbook fixtures")
class RunbookFixtureFiguresTest {

    private static final Logger LOG = LoggerFactory.getLogger(RunbookFixtureFiguresTest.class);

    /** Counts for one fixture or the whole set. */
    static final class Counts {
        int files;
        int steps;
        int mitigations;
        int commands;
        int typed;
        int manual;
        int invalid;
        int kube;
        int kubeTyped;
        int queries;
        final Map<String, Integer> manualKube = new LinkedHashMap<>();

        void add(Counts c) {
            files += c.files;
            steps += c.steps;
            mitigations += c.mitigations;
            commands += c.commands;
            typed += c.typed;
            manual += c.manual;
            invalid += c.invalid;
            kube += c.kube;
            kubeTyped += c.kubeTyped;
            queries += c.queries;
        }
    }

    /** Every variable gets a value that is a valid name, so a command's shape decides whether it is typed. */
    static Bindings placeholders(String template) {
        Map<String, String> values = new LinkedHashMap<>();
        Bindings.variablesIn(template).forEach(v -> values.put(v, "x1"));
        return Bindings.of(values);
    }

    static Counts count(Runbook r) {
        Counts c = new Counts();
        c.files = 1;
        List<String> templates = new ArrayList<>();
        for (DiagnosisStep s : r.allSteps()) {
            c.steps++;
            templates.addAll(s.commands());
            c.queries += s.queries().size();
        }
        for (Mitigation m : r.mitigations()) {
            c.mitigations++;
            templates.addAll(m.commands());
            c.queries += m.queries().size();
        }
        for (String t : templates) {
            c.commands++;
            String first = t.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            boolean kube = first.equals("kubectl") || first.equals("oc");
            c.kube += kube ? 1 : 0;
            try {
                Command cmd = Command.bind(t, placeholders(t), "default");
                if (cmd instanceof Command.Manual) {
                    c.manual++;
                    if (kube) {
                        c.manualKube.merge(t, 1, Integer::sum);
                    }
                } else {
                    c.typed++;
                    c.kubeTyped += kube ? 1 : 0;
                }
            } catch (ValidationException e) {
                c.invalid++;
            }
        }
        return c;
    }

    @Test
    @DisplayName("every fixture parses; at least 60% of the kubectl/oc lines become typed operations")
    void figures() throws IOException {
        Counts total = new Counts();
        StringBuilder table = new StringBuilder("| fixture | steps | mitigations | commands | typed | manual | kubectl/oc typed |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        List<String> manualKube = new ArrayList<>();
        for (RunbookFixtures.Fixture f : RunbookFixtures.all()) {
            Counts c = count(f.parse());
            total.add(c);
            c.manualKube.keySet().forEach(t -> manualKube.add(f.name() + ": " + t.replace("\n", "\\n")));
            table.append("| ").append(f.name()).append(" | ").append(c.steps).append(" | ").append(c.mitigations).append(" | ")
                    .append(c.commands).append(" | ").append(c.typed).append(" | ").append(c.manual).append(" | ")
                    .append(c.kubeTyped).append('/').append(c.kube).append(" |\n");
        }
        double share = total.kube == 0 ? 0 : 100.0 * total.kubeTyped / total.kube;
        String summary = String.format(Locale.ROOT, "%d files parsed; %d diagnosis steps (sub-steps included), %d mitigations; "
                        + "%d commands: %d typed, %d manual, %d refused by their grammar; %d PromQL queries; "
                        + "kubectl/oc lines: %d of %d typed (%.1f%%)", total.files, total.steps, total.mitigations,
                total.commands, total.typed, total.manual, total.invalid, total.queries, total.kubeTyped, total.kube, share);
        Path out = Path.of("target", "runbook-fixture-figures.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "# Runbook fixture figures\n\n" + summary + "\n\n" + table
                + "\nkubectl/oc lines kept as manual steps:\n\n" + String.join("\n", manualKube.stream().map(l -> "- `" + l + "`").toList()) + "\n");
        LOG.info("{} (details in {})", summary, out.toAbsolutePath());

        assertThat(total.files).isEqualTo(RunbookFixtures.all().size()).isGreaterThanOrEqualTo(40);
        assertThat(total.invalid).as("commands refused by their grammar").isZero();
        assertThat(share).as(summary).isGreaterThanOrEqualTo(60.0);
    }
}
