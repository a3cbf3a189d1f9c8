package io.github.incident4j.examples.scenario;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The scenario's options, read by hand from {@code --name=value} arguments (the examples' CLI uses picocli;
 * the scenario stays dependency-free so it runs from the first command of the README).
 *
 * @param start when the bad deployment goes out; default {@link #DEFAULT_START}
 * @param out where the postmortem draft is written; default {@code target/incident4j-scenario}
 * @param json whether events are written as JSON lines
 * @param jsonFile the file for the JSON lines; empty means standard output instead of the narrative
 * @param seed the seed of the scenario's only randomness: the incident id and how long the on-call takes to
 *     acknowledge once the lead has been paged
 * @param chaos whether step 6, the chaos experiment, runs
 */
record ScenarioOptions(Instant start, Path out, boolean json, Optional<Path> jsonFile, long seed, boolean chaos) {

    /**
     * Monday 2026-03-02 09:00 UTC: a Monday morning (the seed rotation hands over at 09:00, so Carol has just
     * started her week) and a fixed instant, so the default run prints the same narrative every time.
     */
    static final Instant DEFAULT_START = Instant.parse("2026-03-02T09:00:00Z");

    /** The default output directory, relative to the working directory. */
    static final Path DEFAULT_OUT = Path.of("target", "incident4j-scenario");

    /** The default seed. */
    static final long DEFAULT_SEED = 1;

    static final String USAGE = String.join("\n",
            "usage: IncidentScenario [--start=<instant|date>] [--out=<dir>] [--json[=<file>]] [--seed=<n>] [--no-chaos]",
            "  --start=<instant|date>  when the bad deployment goes out, e.g. 2026-03-09T09:00:00Z or 2026-03-09",
            "                          (a date means 09:00 UTC); default 2026-03-02T09:00:00Z, a Monday morning",
            "  --out=<dir>             where the postmortem draft is written; default target/incident4j-scenario",
            "  --json                  write the events as JSON lines on standard output instead of the narrative",
            "  --json=<file>           print the narrative and write the JSON lines to <file>",
            "  --seed=<n>              seed for the incident id and the on-call's time to acknowledge; default 1",
            "  --no-chaos              skip step 6, the chaos experiment",
            "  --help                  show this help");

    /** Checks the parts. */
    ScenarioOptions {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(jsonFile, "jsonFile");
    }

    /** The defaults. */
    static ScenarioOptions defaults() {
        return new ScenarioOptions(DEFAULT_START, DEFAULT_OUT, false, Optional.empty(), DEFAULT_SEED, true);
    }

    /** Thrown for arguments the scenario does not understand; the message lists every problem. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Reads the arguments.
     *
     * @throws UsageException listing every argument that is wrong
     */
    static ScenarioOptions parse(String... args) {
        ScenarioOptions o = defaults();
        Instant start = o.start;
        Path out = o.out;
        boolean json = false;
        Optional<Path> jsonFile = Optional.empty();
        long seed = o.seed;
        boolean chaos = true;
        List<String> problems = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            switch (name) {
                case "--start" -> {
                    try {
                        start = parseStart(required(name, value));
                    } catch (DateTimeException | UsageException e) {
                        problems.add("--start: '" + value + "' is not an instant (2026-03-09T09:00:00Z) or a date (2026-03-09)");
                    }
                }
                case "--out" -> {
                    if (value == null || value.isBlank()) {
                        problems.add("--out needs a directory, e.g. --out=/tmp/scenario");
                    } else {
                        out = Path.of(value);
                    }
                }
                case "--json" -> {
                    json = true;
                    if (value != null) {
                        if (value.isBlank()) {
                            problems.add("--json= needs a file name (or write --json alone for standard output)");
                        } else {
                            jsonFile = Optional.of(Path.of(value));
                        }
                    }
                }
                case "--seed" -> {
                    try {
                        seed = Long.parseLong(required(name, value).strip());
                    } catch (NumberFormatException | UsageException e) {
                        problems.add("--seed: '" + value + "' is not a whole number");
                    }
                }
                case "--no-chaos" -> {
                    if (value != null) {
                        problems.add("--no-chaos takes no value");
                    }
                    chaos = false;
                }
                case "--help", "-h" -> throw new UsageException("");
                default -> problems.add("unknown argument '" + arg + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("\n", problems));
        }
        return new ScenarioOptions(start, out, json, jsonFile, seed, chaos);
    }

    private static String required(String name, @org.jspecify.annotations.Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new UsageException(name + " needs a value");
        }
        return value;
    }

    /** An instant, or a date meaning 09:00 UTC that day. */
    static Instant parseStart(String text) {
        String t = text.strip();
        return t.contains("T") ? Instant.parse(t) : LocalDate.parse(t).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }
}
