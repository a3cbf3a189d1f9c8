package io.github.incident4j.examples.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The kinds of document {@code incident4j lint} reads, and how it tells them apart by content. */
public enum DocumentKind {
    /** A runbook in the template layout ({@code # Runbook:}), or a Markdown file with a runbook section by meaning. */
    RUNBOOK,
    /** A postmortem ({@code # Postmortem:}, or headings only a postmortem has: Timeline, Root Cause, Action Items...). */
    POSTMORTEM,
    /** An on-call rotation with its escalation policy (YAML with {@code schedule:}). */
    ROTATION,
    /** A LitmusChaos {@code ChaosEngine}. */
    CHAOS,
    /** An escalation matrix drawn as a text table. */
    MATRIX;

    private static final Pattern RUNBOOK_TITLE = Pattern.compile("(?mi)^#\\s+runbook:");
    private static final Pattern POSTMORTEM_TITLE = Pattern.compile("(?mi)^#\\s+postmortem:");
    private static final Pattern POSTMORTEM_SECTION = Pattern.compile(
            "(?mi)^#{1,6}\\s+\\W*(?:\\d+\\.\\s*)?\\W*(?:incident\\s+)?(timeline|root\\s+causes?|contributing\\s+factors|action\\s+items"
            + "|lessons\\s+(?:learned|learnt)|corrective\\s+actions|where\\s+we\\s+got\\s+lucky|what\\s+went\\s+(?:well|wrong))\\b");
    private static final Pattern OPERATOR_SECTION = Pattern.compile("(?mi)^##\\s+(meaning|mitigation|diagnosis)\\s*$");
    private static final Pattern CHAOS_ENGINE = Pattern.compile("(?m)^kind:\\s*ChaosEngine\\s*(#.*)?$");
    private static final Pattern SCHEDULE = Pattern.compile("(?m)^schedule:");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\s*[│|].*[│|]\\s*$");

    /** The kind named on the command line ({@code runbook}, {@code rotation}, ...). */
    public static DocumentKind named(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** The kind of a document, from its content (and, for a matrix, its {@code .txt} name). */
    public static Optional<DocumentKind> detect(Path file, String text) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (CHAOS_ENGINE.matcher(text).find()) {
            return Optional.of(CHAOS);
        }
        if (POSTMORTEM_TITLE.matcher(text).find()) {
            return Optional.of(POSTMORTEM);
        }
        if (RUNBOOK_TITLE.matcher(text).find()) {
            return Optional.of(RUNBOOK);
        }
        if (SCHEDULE.matcher(text).find()) {
            return Optional.of(ROTATION);
        }
        if (name.endsWith(".md") && (OPERATOR_SECTION.matcher(text).find() || runbookSection(text))) {
            return Optional.of(RUNBOOK);
        }
        if (POSTMORTEM_SECTION.matcher(text).find()) {
            return Optional.of(POSTMORTEM);
        }
        if (name.endsWith(".txt") || TABLE_ROW.matcher(text).find()) {
            return Optional.of(MATRIX);
        }
        return Optional.empty();
    }

    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,3}\\s+(.+?)\\s*$");

    /** Whether a heading names a runbook section by meaning (Troubleshooting, Remediation, Verification...). */
    private static boolean runbookSection(String text) {
        java.util.regex.Matcher m = HEADING.matcher(text);
        while (m.find()) {
            java.util.Optional<io.github.incident4j.runbook.RunbookPart> part = io.github.incident4j.runbook.RunbookPart.forHeading(m.group(1));
            if (part.isPresent() && part.get() != io.github.incident4j.runbook.RunbookPart.OVERVIEW) {
                return true;
            }
        }
        return false;
    }

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
