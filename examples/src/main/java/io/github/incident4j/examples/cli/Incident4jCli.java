package io.github.incident4j.examples.cli;

import io.github.incident4j.Incident4jException;
import io.github.incident4j.format.FormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code incident4j} command: lint the documents a team keeps, ask who is on call, export shifts as
 * iCalendar, simulate an escalation, export a runbook's alerts as Prometheus rules, start a postmortem.
 *
 * <pre>
 * mvn -B -q -pl examples exec:java -Dexec.mainClass=io.github.incident4j.examples.cli.Incident4jCli \
 *     -Dexec.args="lint runbooks/payment-service.md oncall/rotation.yaml"
 * examples/bin/incident4j oncall who --file rotation.yaml --at 2026-03-03T10:00:00Z
 * </pre>
 *
 * <p>Exit codes: 0 success; 1 lint errors, or a document that cannot be read; 2 a usage error.
 * In-process (tests, a host's own tooling):
 *
 * <pre>{@code
 * int code = Incident4jCli.commandLine(clock).setOut(out).setErr(err).execute("lint", "runbook.md");
 * }</pre>
 */
@Command(name = "incident4j", mixinStandardHelpOptions = true, version = "incident4j 0.1.0-SNAPSHOT",
        description = "Incident management as code: lint, on-call, escalation, runbooks, postmortems.",
        subcommands = {LintCommand.class, OnCallCommand.class, EscalationCommand.class, RunbookCommand.class,
                PostmortemCommand.class, CommandLine.HelpCommand.class})
public final class Incident4jCli extends CommandGroup {

    /** Exit code for lint errors and documents that cannot be read. */
    public static final int FAILED = 1;

    /** {@code 20260302T090000Z}: instants in calendar UIDs and simulated incident ids. */
    static final DateTimeFormatter BASIC_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

    private final Clock clock;

    @Option(names = "--now", scope = ScopeType.INHERIT, paramLabel = "<instant>",
            description = "The current instant for time-dependent checks and timestamps "
                    + "(e.g. 2026-03-02T09:00:00Z); default: the system clock.")
    @Nullable String now;

    private Incident4jCli(Clock clock) {
        this.clock = clock;
    }

    /** Runs the tool and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine(Clock.systemUTC()).execute(args));
    }

    /** The command line with {@code clock} as the default "now", for in-process use. */
    public static CommandLine commandLine(Clock clock) {
        CommandLine cl = new CommandLine(new Incident4jCli(Objects.requireNonNull(clock, "clock")));
        cl.setExecutionExceptionHandler(Incident4jCli::handle);
        return cl;
    }

    /** The current instant: {@code --now}, else the clock. */
    Instant now() {
        return now == null ? clock.instant() : parseInstant(now, ZoneId.of("UTC"));
    }

    /** The root command object of a command's spec. */
    static Incident4jCli root(CommandSpec spec) {
        return (Incident4jCli) spec.root().userObject();
    }

    /** Prints {@code text} to the command's output, or writes it to {@code file} and prints {@code done}. */
    static void emit(CommandSpec spec, @Nullable Path file, String text, String done) {
        PrintWriter out = spec.commandLine().getOut();
        if (file == null) {
            out.print(text);
        } else {
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure(file + ": cannot write: " + e.getMessage());
            }
            out.println(done);
        }
        out.flush();
    }

    /** Reads a file as UTF-8; a missing or unreadable file is a {@link CliFailure}. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new CliFailure(file + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Reads and parses a document; a reader's {@link FormatException} becomes a {@link CliFailure} whose
     * message names the file and each problem's line and column ({@code rotation.yaml:4:5: message}).
     */
    static <T> T load(Path file, Function<String, T> parser) {
        String text = read(file);
        try {
            return parser.apply(text);
        } catch (FormatException e) {
            throw new CliFailure(e.problems().stream()
                    .map(p -> file + (p.line() > 0 ? ":" + p.line() + (p.column() > 0 ? ":" + p.column() : "") : "")
                            + ": " + p.message())
                    .collect(Collectors.joining(System.lineSeparator() + "incident4j: ")));
        }
    }

    /**
     * An instant ({@code 2026-03-02T09:00:00Z}, {@code 2026-03-02T10:00+01:00}), a local date-time
     * ({@code 2026-03-02T09:00}, in {@code zone}) or a date (its start in {@code zone}).
     */
    static Instant parseInstant(String text, ZoneId zone) {
        try {
            if (!text.contains("T")) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new CliFailure("not an instant or a date: '" + text + "' (use 2026-03-02, 2026-03-02T09:00 or "
                    + "2026-03-02T09:00:00Z)");
        }
    }

    /** {@code Tue 2026-03-03 10:00} in {@code zone}. */
    static String when(Instant t, ZoneId zone) {
        return WHEN.format(t.atZone(zone));
    }

    /** Turns the failures a document or an argument can cause into a message and exit code 1. */
    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof CliFailure f) {
            err.println("incident4j: " + f.getMessage());
        } else if (e instanceof FormatException f) {
            f.problems().forEach(p -> err.println("incident4j: " + p));
        } else if (e instanceof Incident4jException f) {
            err.println("incident4j: " + f.getMessage());
        } else {
            err.println("incident4j: internal error: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    /** A failure the user can fix (a missing file, a bad argument), reported without a stack trace. */
    static final class CliFailure extends Incident4jException {
        private static final long serialVersionUID = 1L;

        CliFailure(String message) {
            super(message);
        }
    }
}
