package io.github.incident4j.examples.scenario;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The end-to-end incident scenario, the README's first command: on a fresh machine, with no cluster and no
 * accounts, it loads the seed documents shipped with this module and plays a whole incident in virtual time on
 * the embedded defaults ({@code SimulatedCluster}, {@code ScriptedMetrics}, {@code SimulatedDependencies}, the
 * in-memory store, {@code RecordingPager}, {@code VirtualTime}):
 * <ol>
 *   <li>a bad deployment of {@code payment-service} raises the error rate; the runbook's
 *       {@code ServiceHighErrorRate} condition ({@code error rate > 5% for 5m}) fires after its 5 minutes;</li>
 *   <li>an incident opens and pages whoever the rotation has on call; nobody answers, so level 2 is paged
 *       after the timeout, with the escalation matrix's response for the category;</li>
 *   <li>the on-call acknowledges; the runbook's diagnosis finds the crash-looping pods and the recent revision;
 *       the rollback is approved, performed and its rollout awaited;</li>
 *   <li>recovery is verified over the runbook's 15-minute hold;</li>
 *   <li>the incident resolves; a postmortem draft is written to a file and linted;</li>
 *   <li>the seed chaos experiment runs against the recovered service and gives its verdict.</li>
 * </ol>
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl examples exec:java
 * mvn -B -q -pl examples exec:java -Dexec.args="--start=2026-03-09T09:00:00Z --out=/tmp/pm --json"
 * </pre>
 *
 * <p>Exit code 0 only when every step behaved as expected; 1 when an expectation failed (the failures are
 * listed last and on standard error); 2 for bad arguments.
 */
public final class IncidentScenario {

    private IncidentScenario() {
    }

    /** Runs the scenario with {@code --start=}, {@code --out=}, {@code --json}, {@code --seed=}, {@code --no-chaos}. */
    public static void main(String[] args) {
        // UTF-8 whatever the platform's default (Java 17 prints '?' for '→' under a POSIX locale)
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the scenario, printing to {@code out} and {@code err}.
     *
     * @return the exit code: 0 every step as expected, 1 an expectation failed, 2 bad arguments
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ScenarioOptions options;
        try {
            options = ScenarioOptions.parse(args);
        } catch (ScenarioOptions.UsageException e) {
            if (e.getMessage().isEmpty()) {
                out.println(ScenarioOptions.USAGE);
                return 0;
            }
            err.println(e.getMessage());
            err.println(ScenarioOptions.USAGE);
            return 2;
        }
        ScenarioRun.Outcome outcome = ScenarioRun.play(options);
        String jsonLines = outcome.events().stream().map(ScenarioEvent::toJson).collect(Collectors.joining("\n", "", "\n"));
        if (options.json() && options.jsonFile().isEmpty()) {
            out.print(jsonLines);
        } else {
            out.print(Narrative.render(title(options), outcome.events(), ZoneId.of("UTC")));
        }
        if (options.jsonFile().isPresent()) {
            Path file = options.jsonFile().get();
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, jsonLines, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("cannot write the JSON lines to " + file + ": " + e.getMessage());
                return 1;
            }
        }
        if (outcome.exitCode() != 0) {
            err.println("incident4j scenario: " + outcome.failures().size() + " expectation(s) not met:");
            outcome.failures().forEach(f -> err.println("  " + f));
        }
        return outcome.exitCode();
    }

    private static String title(ScenarioOptions options) {
        List<String> parts = List.of("start " + options.start(), "seed " + options.seed(),
                options.chaos() ? "chaos on" : "chaos off", "times in UTC");
        return "incident4j scenario: a bad deployment of payment-service, played in virtual time on the embedded"
                + " simulation\n(" + String.join(" · ", parts) + ")";
    }
}
