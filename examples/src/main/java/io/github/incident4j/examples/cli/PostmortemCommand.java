package io.github.incident4j.examples.cli;

import io.github.incident4j.common.Severity;
import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.PostmortemStatus;
import io.github.incident4j.postmortem.Section;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code incident4j postmortem draft|new}: a postmortem drafted from an incident, or started empty in the template's layout. */
@Command(name = "postmortem", mixinStandardHelpOptions = true, description = "Postmortems: draft one from an incident, or start an empty one.",
        subcommands = {PostmortemCommand.New.class, PostmortemDraft.class})
final class PostmortemCommand extends CommandGroup {


    /** {@code postmortem new}. */
    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Starts a postmortem draft (status draft) from what is known: title, date, severity, "
                    + "window, impact, authors.",
                    "Every narrative section is marked to be written by the people involved; lint lists them."})
    static final class New implements Runnable {
        @Spec
        @Nullable CommandSpec spec;

        @Option(names = "--title", required = true, paramLabel = "<title>", description = "What happened, in a line.")
        String title = "";

        @Option(names = "--date", paramLabel = "<yyyy-mm-dd>", description = "The incident's date (UTC); default: today.")
        @Nullable LocalDate date;

        @Option(names = "--severity", paramLabel = "<SEV-n>", description = "SEV-1 (worst) to SEV-5.")
        @Nullable String severity;

        @Option(names = "--start", paramLabel = "<HH:MM>", description = "Start time (UTC).")
        @Nullable LocalTime start;

        @Option(names = "--end", paramLabel = "<HH:MM>", description = "Resolution time (UTC).")
        @Nullable LocalTime end;

        @Option(names = "--impact", paramLabel = "<text>", description = "Who or what was affected, with numbers.")
        @Nullable String impact;

        @Option(names = "--author", paramLabel = "<name>", description = "An author (repeatable).")
        List<String> authors = new ArrayList<>();

        @Option(names = {"-o", "--output"}, paramLabel = "<file.md>", description = "Write here instead of stdout.")
        @Nullable Path output;

        @Override
        public void run() {
            CommandSpec s = Objects.requireNonNull(spec);
            LocalDate day = date != null ? date : LocalDate.ofInstant(Incident4jCli.root(s).now(), ZoneOffset.UTC);
            Postmortem.Builder b = Postmortem.titled(title).date(day).status(PostmortemStatus.DRAFT)
                    .window(start, end).authors(authors)
                    .toBeWritten(Section.SUMMARY, Section.ROOT_CAUSE, Section.WENT_WELL, Section.WENT_WRONG,
                            Section.LESSONS_LEARNED);
            if (severity != null) {
                try {
                    b.severity(Severity.parse(severity));
                } catch (RuntimeException e) {
                    throw new Incident4jCli.CliFailure("--severity: " + e.getMessage());
                }
            }
            if (impact != null) {
                b.impact(impact);
            }
            Incident4jCli.emit(s, output, PostmortemMarkdown.render(b.build()), "wrote " + output);
        }
    }

}
