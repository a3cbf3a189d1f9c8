package io.github.incident4j.examples.cli;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code oncall}, {@code runbook}): run alone, it is a usage error. */
@CommandLine.Command
abstract class CommandGroup implements Runnable {

    @Spec
    @Nullable CommandSpec spec;

    @Override
    public void run() {
        CommandSpec s = Objects.requireNonNull(spec);
        throw new CommandLine.ParameterException(s.commandLine(), "Missing a command: "
                + String.join(", ", s.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList()));
    }
}
