package io.github.incident4j.examples.cli;

import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.format.EscalationMatrixText;
import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.IncidentId;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of a simulated incident (rotation, matrix and category, roles, start, severity) and the engine
 * they configure: {@link IncidentManager} on {@link VirtualTime} with a {@link RecordingPager}. Shared by
 * {@code escalation simulate} and {@code postmortem draft} as a picocli mixin.
 */
final class SimulatedIncident {


    @Option(names = {"-f", "--file"}, required = true, paramLabel = "<rotation.yaml>",
            description = "The rotation with its escalation_policy.")
    Path file = Path.of("");

    @Option(names = "--matrix", paramLabel = "<matrix.txt>", description = "The escalation matrix: pages carry "
            + "the response of --category at each level's tier.")
    @Nullable Path matrix;

    @Option(names = "--category", paramLabel = "<category>", description = "The incident's matrix category, "
            + "e.g. \"App crash\".")
    @Nullable String category;

    @Option(names = "--at", paramLabel = "<instant>", description = "When the incident opens; default: now.")
    @Nullable String at;

    @Option(names = "--role", paramLabel = "<role=person>", description = "Who a role target is, "
            + "e.g. --role engineering_lead=Dana (repeatable).")
    Map<String, String> roles = new LinkedHashMap<>();

    @Option(names = "--severity", paramLabel = "<SEV-n>", defaultValue = "SEV-2",
            description = "The incident's severity (default: ${DEFAULT-VALUE}).")
    String severity = "SEV-2";

    /** The rotation. */
    OnCallConfig config() {
        return Incident4jCli.load(file, OnCallYaml::parse);
    }

    /** The matrix, if given; a category it does not know is refused. */
    @Nullable EscalationMatrix matrix() {
        if (matrix == null) {
            return null;
        }
        EscalationMatrix m = Incident4jCli.load(matrix, EscalationMatrixText::parse);
        if (category != null && m.categoryIndex(category).isEmpty()) {
            throw new Incident4jCli.CliFailure("--category '" + category + "' is not in " + matrix + "; its "
                    + "categories are " + m.categories());
        }
        return m;
    }

    /** When the incident opens: {@code --at}, else now. */
    Instant start(CommandSpec spec, OnCallConfig config) {
        return at == null ? Incident4jCli.root(spec).now() : Incident4jCli.parseInstant(at, config.schedule().zone());
    }

    /**
     * An engine on {@code time} that knows the rotation's schedule, the roles and the matrix. Incident ids are
     * {@code SIM-<start>} so that a simulation prints the same every time.
     */
    IncidentManager manager(VirtualTime time, OnCallConfig config, @Nullable EscalationMatrix m) {
        Roster.Builder roster = Roster.builder().schedule(config.schedule());
        roles.forEach(roster::role);
        IncidentId id = IncidentId.of("SIM-" + Incident4jCli.BASIC_UTC.format(time.now()));
        IncidentManager.Builder builder = IncidentManager.builder().timers(time)
                .pager(new RecordingPager()).roster(roster.build()).ids(() -> id);
        if (m != null) {
            builder.matrix(m);
        }
        return builder.build();
    }

    /** An alert with the severity and category options. */
    Alert.Builder alert(String key, String service, String summary) {
        Alert.Builder alert = Alert.withKey(key).service(service).summary(summary).severity(severity);
        if (category != null) {
            alert.category(category);
        }
        return alert;
    }
}
