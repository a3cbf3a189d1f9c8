package io.github.incident4j.format.internal.runbook;

import io.github.incident4j.common.Origin;
import io.github.incident4j.format.internal.markdown.Block;
import io.github.incident4j.format.internal.markdown.MarkdownDocument;
import io.github.incident4j.format.internal.markdown.Section;
import io.github.incident4j.runbook.AlertRule;
import io.github.incident4j.runbook.CodeBlock;
import io.github.incident4j.runbook.DiagnosisStep;
import io.github.incident4j.runbook.ExtraSection;
import io.github.incident4j.runbook.Mitigation;
import io.github.incident4j.runbook.RecoveryCriterion;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookPart;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where each part of a runbook read from Markdown came from: the document, the runbook as read, and a slot per model
 * element holding its blocks. The splice writer compares a runbook with {@link #read} and rewrites only the slots whose
 * values changed.
 */
final class RunbookSource implements Origin {

    /** How the title was given. */
    enum TitleKind {
        /** A heading ({@code # Runbook: X — Y} or {@code # AlertName}). */
        HEADING,
        /** The front matter's {@code title}. */
        FRONT_MATTER,
        /** The name the caller passed. */
        NAME
    }

    /**
     * The title's slot.
     *
     * @param kind how it was given
     * @param heading the heading, for {@link TitleKind#HEADING}
     * @param template whether the heading is the template's {@code Runbook: X — Y}
     * @param alertFromTitle whether the first alert was read from the title (prometheus-operator layout)
     */
    record TitleSlot(TitleKind kind, @Nullable Block heading, boolean template, boolean alertFromTitle) {
    }

    /**
     * A list item read as one value: a field, an alert, a dashboard, a recovery criterion.
     *
     * @param item the list item
     * @param lead its first paragraph (the text that is rewritten)
     */
    record ItemSlot(Block item, @Nullable Block lead) {
    }

    /**
     * One piece of code of a step or mitigation.
     *
     * @param value the code as read
     * @param host the code block, or the paragraph holding an inline command
     * @param span the inline command's code span, for {@link CodeBlock.Style#INLINE}
     */
    record CodeSlot(CodeBlock value, Block host, Block.@Nullable CodeSpan span) {
    }

    /**
     * How a step's text was written, so that a rewrite keeps it.
     *
     * @param task the task box before the text ({@code "[ ] "}), or empty
     * @param colon whether the text ended with ':' before its code or sub-steps
     * @param trailing whether the last inline command followed the text ({@code Text: `command`})
     */
    record LeadStyle(String task, boolean colon, boolean trailing) {
        static final LeadStyle NONE = new LeadStyle("", false, false);
    }

    /**
     * A diagnosis step.
     *
     * @param value the step as read
     * @param item its list item, or null for a step written as a paragraph and code blocks
     * @param lead the paragraph holding its text, or null
     * @param style how its text was written
     * @param code its code, in order
     * @param substeps its sub-steps' slots
     * @param start offset where the step starts
     * @param end offset where it ends
     */
    record StepSlot(DiagnosisStep value, @Nullable Block item, @Nullable Block lead, LeadStyle style, List<CodeSlot> code,
                    List<StepSlot> substeps, int start, int end) {
    }

    /**
     * A mitigation.
     *
     * @param value the mitigation as read
     * @param heading its heading, for a named one
     * @param item its list item, for one of a bulleted list of alternatives
     * @param code its code, in order
     * @param notes the blocks its notes were read from
     * @param start offset where it starts
     * @param end offset where it ends
     */
    record MitigationSlot(Mitigation value, @Nullable Block heading, @Nullable Block item, List<CodeSlot> code,
                          List<Block> notes, int start, int end) {
    }

    /**
     * A part's notes.
     *
     * @param blocks the blocks they were read from, in order
     */
    record NotesSlot(List<Block> blocks) {
    }

    /**
     * An extra section.
     *
     * @param value as read
     * @param section its section
     */
    record ExtraSlot(ExtraSection value, Section section) {
    }

    final String text;
    final MarkdownDocument doc;
    final String eol;
    @Nullable Runbook read;
    TitleSlot title = new TitleSlot(TitleKind.NAME, null, false, false);
    /** The sections of each known part, in document order. */
    final Map<RunbookPart, List<Section>> sections = new EnumMap<>(RunbookPart.class);
    /** Overview fields by key ({@code service}, {@code owner}, {@code escalation}, {@code namespace}). */
    final Map<String, ItemSlot> fields = new LinkedHashMap<>();
    final List<ItemSlot> alerts = new ArrayList<>();
    final List<ItemSlot> dashboards = new ArrayList<>();
    final List<StepSlot> steps = new ArrayList<>();
    final List<MitigationSlot> mitigations = new ArrayList<>();
    final List<ItemSlot> recovery = new ArrayList<>();
    final Map<RunbookPart, NotesSlot> notes = new EnumMap<>(RunbookPart.class);
    final List<ExtraSlot> extras = new ArrayList<>();
    /** Where the first section heading starts (the end of the title part), or the text's end. */
    int firstSectionStart;
    /** The level of section headings. */
    int sectionLevel = 2;

    RunbookSource(String text, MarkdownDocument doc) {
        this.text = text;
        this.doc = doc;
        this.eol = doc.lineEnding();
    }

    @Override
    public String text() {
        return text;
    }

    /** The runbook as read, without this origin. */
    Runbook read() {
        if (read == null) {
            throw new IllegalStateException("the runbook is not read yet");
        }
        return read;
    }

    /** The alerts as read, each with its slot (null for the alert read from the title). */
    List<AlertRule> readAlerts() {
        return read().alerts();
    }

    /** The recovery criteria as read. */
    List<RecoveryCriterion> readRecovery() {
        return read().recovery();
    }
}
