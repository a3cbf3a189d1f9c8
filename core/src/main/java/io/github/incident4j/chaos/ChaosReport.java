package io.github.incident4j.chaos;

import io.github.incident4j.common.Durations;
import java.time.Duration;

/**
 * Writes an {@link ExperimentResult} as a Markdown report: verdict, hypothesis, what was injected, a summary of
 * the samples, and the timeline.
 *
 * <pre>{@code
 * String md = ChaosReport.markdown(experiment, runner.run(experiment));
 * }</pre>
 */
public final class ChaosReport {

    private ChaosReport() {
    }

    /** The report in Markdown (GitHub tables). */
    public static String markdown(ChaosExperiment experiment, ExperimentResult result) {
        StringBuilder b = new StringBuilder();
        b.append("# Chaos experiment ").append(result.experiment()).append("\n\n");
        b.append("**Verdict: ").append(result.verdict().litmusName()).append("** (probe success ")
                .append(result.probeSuccessPercentage()).append("%): ").append(cell(result.reason())).append("\n\n");
        b.append("Target: `").append(experiment.app().namespace()).append("` ").append(experiment.app().kind())
                .append(" `").append(experiment.app().labelSelector()).append("`, from ").append(result.startedAt())
                .append(" to ").append(result.endedAt()).append(".\n\n");
        b.append("## Steady-state hypothesis\n\n");
        if (experiment.hypothesis().tolerances().isEmpty()) {
            b.append("None.\n");
        }
        experiment.hypothesis().tolerances().forEach(t -> b.append("- ").append(t.text()).append('\n'));
        b.append("\n## Injected\n\n");
        for (Fault f : experiment.faults()) {
            b.append("- ").append(f.name()).append(' ').append(f.env()).append('\n');
        }
        b.append('\n');
        if (result.injections().isEmpty()) {
            b.append("Nothing was injected.\n");
        } else {
            b.append("| at | fault | targets | grace period |\n|---|---|---|---|\n");
            result.injections().forEach(i -> b.append("| ").append(i.at()).append(" | ").append(i.fault()).append(" | ")
                    .append(cell(String.join(", ", i.targets()))).append(" | ").append(grace(i.gracePeriod())).append(" |\n"));
        }
        b.append("\n## Samples\n\n| check | type | mode | passed | failed | result |\n|---|---|---|---|---|---|\n");
        result.checks().forEach(c -> b.append("| ").append(cell(c.name())).append(" | ").append(c.type()).append(" | ")
                .append(c.mode().litmusName()).append(" | ").append(c.passed()).append(" | ").append(c.failed())
                .append(" | ").append(c.verdict().litmusName())
                .append(" |\n"));
        b.append("\n## Timeline\n\n");
        result.timeline().forEach(e -> b.append("- ").append(e.at()).append(" ").append(e.action()).append(": ")
                .append(e.detail()).append('\n'));
        return b.toString();
    }

    private static String grace(Duration d) {
        return d.isZero() ? "0s (forced)" : Durations.format(d);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
