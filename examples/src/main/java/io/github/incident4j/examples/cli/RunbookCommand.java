package io.github.incident4j.examples.cli;

import io.github.incident4j.format.PrometheusRules;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.runbook.Runbook;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code incident4j runbook prometheus-rules}: a runbook's detection alerts as a Prometheus rule group. */
@Command(name = "runbook", mixinStandardHelpOptions = true, description = "Runbooks.",
        subcommands = RunbookCommand.PrometheusRulesCommand.class)
final class RunbookCommand extends CommandGroup {


    /** {@code runbook prometheus-rules}. */
    @Command(name = "prometheus-rules", mixinStandardHelpOptions = true,
            description = {"Exports the runbook's detection alerts as a Prometheus alerting rule group with a "
                    + "runbook_url annotation.",
                    "Each condition metric (\"error rate\") needs its PromQL: --promql \"error rate=<expr>\"; the expression "
                            + "yields percent as 0-100 and times in seconds."})
    static final class PrometheusRulesCommand implements Runnable {
        @Spec
        @Nullable CommandSpec spec;

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "<runbook.md>", description = "The runbook.")
        Path file = Path.of("");

        @Option(names = "--url", required = true, paramLabel = "<url>", description = "Where the runbook is published.")
        String url = "";

        @Option(names = "--promql", paramLabel = "<metric=expr>", description = "PromQL of a condition metric (repeatable).")
        Map<String, String> promql = new LinkedHashMap<>();

        @Option(names = "--severity", defaultValue = PrometheusRules.DEFAULT_SEVERITY, paramLabel = "<label>",
                description = "The severity label (default: ${DEFAULT-VALUE}).")
        String severity = PrometheusRules.DEFAULT_SEVERITY;

        @Override
        public void run() {
            CommandSpec s = Objects.requireNonNull(spec);
            Runbook runbook = Incident4jCli.load(file, RunbookMarkdown::parse);
            s.commandLine().getOut().print(PrometheusRules.render(runbook, url, promql, severity));
            s.commandLine().getOut().flush();
        }
    }
}
