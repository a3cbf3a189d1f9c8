package io.github.incident4j.format.internal.runbook;

import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.internal.markdown.Block;
import io.github.incident4j.format.internal.markdown.LineEnds;
import io.github.incident4j.format.internal.markdown.LineIndex;
import io.github.incident4j.format.internal.markdown.Section;
import io.github.incident4j.format.internal.markdown.Splice;
import io.github.incident4j.format.internal.runbook.RunbookSource.CodeSlot;
import io.github.incident4j.format.internal.runbook.RunbookSource.ItemSlot;
import io.github.incident4j.format.internal.runbook.RunbookSource.MitigationSlot;
import io.github.incident4j.format.internal.runbook.RunbookSource.StepSlot;
import io.github.incident4j.format.internal.runbook.RunbookSource.TitleKind;
import io.github.incident4j.runbook.AlertRule;
import io.github.incident4j.runbook.CodeBlock;
import io.github.incident4j.runbook.DiagnosisStep;
import io.github.incident4j.runbook.ExtraSection;
import io.github.incident4j.runbook.Mitigation;
import io.github.incident4j.runbook.RecoveryCriterion;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a runbook read from Markdown back into its own document, rewriting only what the model changed: an unchanged
 * runbook is its document, byte for byte; a changed step, field, criterion or mitigation rewrites that element's
 * blocks (its text, a code block, a sub-step), in the style of its neighbours (list marker, indentation, fence, line
 * ending), and every other character keeps its place.
 *
 * <p>The result is checked by reading it back: it must read to the runbook given. When an edit cannot be placed that
 * way (say, new notes between steps), the part's whole section is rewritten in the template layout under its own
 * heading; only if that does not read back either is the whole runbook written in the template layout (logged).
 */
final class RunbookSplicer {

    private static final Logger LOG = LoggerFactory.getLogger(RunbookSplicer.class);

    /** Thrown when a targeted edit cannot be placed; the part is then rewritten whole. */
    private static final class Unplaceable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unplaceable() {
            super(null, null, false, false);
        }
    }

    /**
     * Two lists aligned: the equal elements at the start ({@code prefix}) and end are kept, the middle ones are paired in
     * order ({@code pairs} of them rewritten), the rest of the old middle deleted and of the new middle inserted.
     */
    private record Alignment(int prefix, int oldMid, int newMid, int pairs) {
        static Alignment of(List<?> before, List<?> after) {
            int prefix = 0;
            while (prefix < before.size() && prefix < after.size() && before.get(prefix).equals(after.get(prefix))) {
                prefix++;
            }
            int suffix = 0;
            while (suffix < before.size() - prefix && suffix < after.size() - prefix
                    && before.get(before.size() - 1 - suffix).equals(after.get(after.size() - 1 - suffix))) {
                suffix++;
            }
            int oldMid = before.size() - prefix - suffix;
            int newMid = after.size() - prefix - suffix;
            return new Alignment(prefix, oldMid, newMid, Math.min(oldMid, newMid));
        }
    }

    private final RunbookSource src;
    private final Runbook read;
    private final Runbook now;
    private final String text;
    private final String eol;
    private final LineIndex lines;
    private final boolean targeted;
    private final Splice splice;

    private RunbookSplicer(RunbookSource src, Runbook now, boolean targeted) {
        this.src = src;
        this.read = src.read();
        this.now = now;
        this.text = src.text;
        this.eol = src.eol;
        this.lines = src.doc.lines();
        this.targeted = targeted;
        this.splice = Splice.of(text);
    }

    static String render(Runbook r, RunbookSource src) {
        if (r.equals(src.read())) {
            return src.text;
        }
        for (boolean targeted : new boolean[] {true, false}) {
            String out;
            try {
                out = new RunbookSplicer(src, r, targeted).splice();
            } catch (RuntimeException e) {
                LOG.debug("splicing the runbook failed ({}), trying a coarser way", targeted ? "targeted" : "by section", e);
                continue;
            }
            if (readsBack(out, r)) {
                return out;
            }
        }
        LOG.warn("runbook '{}' could not be written into its own document so that it reads back the same; "
                + "it is written in the template layout instead", r.service());
        return RunbookTemplate.render(r);
    }

    private static boolean readsBack(String out, Runbook r) {
        try {
            return RunbookReader.read(out, r.title()).equals(r);
        } catch (FormatException e) {
            return false;
        }
    }

    private String splice() {
        title();
        for (RunbookPart part : List.of(RunbookPart.OVERVIEW, RunbookPart.DETECTION, RunbookPart.DIAGNOSIS,
                RunbookPart.MITIGATION, RunbookPart.RECOVERY)) {
            if (sameProjection(part)) {
                continue;
            }
            int mark = splice.mark();
            boolean done = false;
            if (targeted && read.notes(part).equals(now.notes(part)) && src.sections.containsKey(part)) {
                try {
                    switch (part) {
                        case OVERVIEW -> fields();
                        case DETECTION -> detection();
                        case DIAGNOSIS -> steps(src.steps, now.diagnosis(), null);
                        case MITIGATION -> mitigations();
                        case RECOVERY -> items(src.recovery, read.recovery(), now.recovery(), RecoveryCriterion::text, "1.");
                        default -> throw new IllegalStateException(part.name());
                    }
                    done = true;
                } catch (Unplaceable e) {
                    splice.rollback(mark);
                }
            }
            if (!done) {
                rewritePart(part);
            }
        }
        extras();
        return splice.apply();
    }

    // ---- what changed --------------------------------------------------------------------------------

    private boolean sameProjection(RunbookPart part) {
        if (!read.notes(part).equals(now.notes(part))) {
            return false;
        }
        return switch (part) {
            case OVERVIEW -> read.service().equals(now.service()) && read.owner().equals(now.owner())
                    && read.escalationPath().equals(now.escalationPath()) && read.namespace().equals(now.namespace())
                    && (src.fields.containsKey("service") || now.service().equals(now.title()));
            case DETECTION -> read.alerts().equals(now.alerts()) && read.dashboards().equals(now.dashboards());
            case DIAGNOSIS -> read.diagnosis().equals(now.diagnosis());
            case MITIGATION -> read.mitigations().equals(now.mitigations());
            case RECOVERY -> read.recovery().equals(now.recovery());
            default -> true;
        };
    }

    // ---- title, preamble, title notes --------------------------------------------------------------

    private void title() {
        boolean titleChanged = !read.title().equals(now.title()) || !read.issueType().equals(now.issueType());
        String titleText = now.title() + (now.issueType().isEmpty() ? "" : " — " + now.issueType());
        if (titleChanged) {
            RunbookSource.TitleSlot t = src.title;
            if (t.kind() == TitleKind.HEADING && t.heading() != null) {
                Block h = t.heading();
                splice.replace(h.start(), h.end(), "#".repeat(h.headingLevel()) + " " + (t.template() ? "Runbook: " : "") + titleText);
            } else {
                splice.insert(src.doc.bodyStart() == 0 ? 0 : src.doc.bodyStart(), (src.doc.bodyStart() == 0 ? "" : eol + eol)
                        + "# " + titleText + (src.doc.bodyStart() == 0 ? eol + eol : ""));
            }
        }
        if (!read.notes(RunbookPart.PREAMBLE).equals(now.notes(RunbookPart.PREAMBLE))) {
            throw new Unplaceable();
        }
        if (!read.notes(RunbookPart.TITLE).equals(now.notes(RunbookPart.TITLE))) {
            List<Block> blocks = src.notes.containsKey(RunbookPart.TITLE) ? src.notes.get(RunbookPart.TITLE).blocks() : List.of();
            String notes = now.notes(RunbookPart.TITLE);
            if (!blocks.isEmpty()) {
                replaceOrDelete(blocks.get(0).start(), blocks.get(blocks.size() - 1).end(), notes);
            } else if (src.title.heading() != null) {
                splice.insert(src.title.heading().end(), eol + eol + conv(notes));
            } else {
                throw new Unplaceable();
            }
        }
    }

    private void replaceOrDelete(int start, int end, String replacement) {
        if (replacement.isEmpty()) {
            deleteLines(start, end);
        } else {
            splice.replace(start, end, conv(replacement));
        }
    }

    private String conv(String lf) {
        return LineEnds.convert(lf, eol);
    }

    /** Removes the lines from {@code start} to {@code end}, and one blank line before them when one follows them too. */
    private void deleteLines(int start, int end) {
        int from = lines.lineStartOf(start);
        int to = lines.nextLineStart(Math.max(start, end - 1));
        if (to >= text.length() && from > 0) {
            // the last lines: take the line break before them instead, so no line break is left dangling
            int before = from;
            while (before > 0 && (text.charAt(before - 1) == '\n' || text.charAt(before - 1) == '\r')) {
                before--;
                if (before > 0 && text.charAt(before - 1) == '\r' && text.charAt(before) == '\n') {
                    before--;
                }
                break;
            }
            splice.delete(before, Math.min(text.length(), end));
            return;
        }
        if (from > 0 && blank(lines.lineStartOf(from - 1), from) && blank(to, lines.nextLineStart(to))) {
            from = lines.lineStartOf(from - 1);
        }
        splice.delete(from, to);
    }

    private boolean blank(int from, int to) {
        return from < to && text.substring(from, to).isBlank();
    }

    // ---- whole parts -----------------------------------------------------------------------------------

    /** Rewrites a part's section in the template layout under its own heading (or adds the section, or removes it). */
    private void rewritePart(RunbookPart part) {
        List<Section> sections = src.sections.getOrDefault(part, List.of());
        if (sections.isEmpty()) {
            if (!now.has(part)) {
                return;
            }
            String heading = "#".repeat(src.sectionLevel) + " " + part.heading();
            int at = insertionPoint(part);
            String body = RunbookTemplate.section(now, part, heading);
            splice.insert(at, at >= text.length() && !text.endsWith("\n") && !text.endsWith("\r")
                    ? eol + eol + conv(body) : (at >= text.length() ? eol + conv(body) + eol : conv(body) + eol + eol));
            return;
        }
        Section first = sections.get(0);
        Block heading = Objects.requireNonNull(first.heading());
        if (!now.has(part) && part != RunbookPart.OVERVIEW) {
            for (Section s : sections) {
                deleteLines(s.start(), s.end());
            }
            return;
        }
        splice.replace(first.start(), first.end(), conv(RunbookTemplate.section(now, part, heading.source())));
        for (Section s : sections.subList(1, sections.size())) {
            deleteLines(s.start(), s.end());
        }
    }

    /** Where a new section for a part goes: before the first section of a later part, else at the end. */
    private int insertionPoint(RunbookPart part) {
        int best = -1;
        for (Map.Entry<RunbookPart, List<Section>> e : src.sections.entrySet()) {
            if (e.getKey().ordinal() > part.ordinal() && !e.getValue().isEmpty()) {
                int start = e.getValue().get(0).start();
                best = best < 0 ? start : Math.min(best, start);
            }
        }
        return best < 0 ? text.length() : best;
    }

    // ---- list items: fields, alerts, dashboards, criteria ------------------------------------------------

    private void fields() {
        Map<String, ItemSlot> slots = src.fields;
        field("service", "Service", now.service(), slots.containsKey("service") || !now.service().equals(now.title()));
        field("owner", "Owner", now.owner(), !now.owner().isEmpty());
        field("escalation", "Escalation", RunbookText.escalation(now.escalationPath()), !now.escalationPath().isEmpty());
        field("namespace", "Namespace", now.namespace().orElse(""), now.namespace().isPresent());
    }

    private String fieldValue(String key, Runbook r) {
        return switch (key) {
            case "service" -> r.service();
            case "owner" -> r.owner();
            case "escalation" -> RunbookText.escalation(r.escalationPath());
            default -> r.namespace().orElse("");
        };
    }

    private void field(String key, String label, String value, boolean present) {
        ItemSlot slot = src.fields.get(key);
        if (slot != null) {
            if (!present) {
                deleteLines(slot.item().start(), slot.item().end());
            } else if (!fieldValue(key, read).equals(value)) {
                Block lead = Objects.requireNonNull(slot.lead());
                splice.replace(lead.start(), lead.end(), RunbookText.field(writtenKey(lead, label), value));
            }
            return;
        }
        if (!present) {
            return;
        }
        ItemSlot last = null;
        for (ItemSlot s : src.fields.values()) {
            last = last == null || s.item().end() > last.item().end() ? s : last;
        }
        if (last != null) {
            splice.insert(last.item().end(), eol + last.item().continuationPrefix() + bullet(last.item()) + " " + RunbookText.field(label, value));
            return;
        }
        throw new Unplaceable();
    }

    private static String writtenKey(Block lead, String otherwise) {
        String s = lead.inlineSource();
        int end = s.indexOf("**", 2);
        return s.startsWith("**") && end > 2 ? s.substring(2, end).replace(":", "").strip() : otherwise;
    }

    private static String bullet(Block item) {
        String m = item.marker();
        return m.isEmpty() ? "-" : m.endsWith(".") || m.endsWith(")") ? m : m;
    }

    private void detection() {
        List<AlertRule> oldAlerts = read.alerts();
        List<AlertRule> newAlerts = now.alerts();
        if (src.title.alertFromTitle()) {
            if (newAlerts.isEmpty() || !newAlerts.get(0).equals(oldAlerts.get(0))) {
                throw new Unplaceable();
            }
            oldAlerts = oldAlerts.subList(1, oldAlerts.size());
            newAlerts = newAlerts.subList(1, newAlerts.size());
        }
        items(src.alerts, oldAlerts, newAlerts, a -> RunbookText.alert("Alert", a), "-");
        items(src.dashboards, read.dashboards(), now.dashboards(), d -> RunbookText.field("Dashboard", d), "-");
    }

    /**
     * Aligns the values as read with the values now (common prefix and suffix kept; the middle changed pairwise), and
     * rewrites, deletes or inserts list items. Criteria are rendered as their text; fields through {@code render}.
     */
    private <V> void items(List<ItemSlot> slots, List<V> before, List<V> after, Function<V, String> render, String marker) {
        if (slots.size() != before.size()) {
            throw new Unplaceable();
        }
        Alignment al = Alignment.of(before, after);
        int prefix = al.prefix();
        int oldMid = al.oldMid();
        int newMid = al.newMid();
        int pairs = al.pairs();
        for (int i = 0; i < pairs; i++) {
            ItemSlot s = slots.get(prefix + i);
            Block lead = s.lead();
            if (lead == null) {
                throw new Unplaceable();
            }
            String task = taskBox(lead);
            String written = render.apply(after.get(prefix + i));
            if (written.startsWith("**")) {
                written = "**" + writtenKey(lead, written.substring(2, written.indexOf("**", 2))) + written.substring(written.indexOf("**", 2));
            }
            splice.replace(lead.start(), lead.end(), task + written);
        }
        for (int i = pairs; i < oldMid; i++) {
            ItemSlot s = slots.get(prefix + i);
            deleteLines(s.item().start(), s.item().end());
        }
        if (newMid > pairs) {
            ItemSlot anchor = prefix + pairs > 0 ? slots.get(prefix + pairs - 1) : slots.isEmpty() ? null : slots.get(0);
            if (anchor == null) {
                throw new Unplaceable();
            }
            boolean before0 = prefix + pairs == 0;
            StringBuilder b = new StringBuilder();
            String m = anchor.item().marker();
            long number = anchor.item().number();
            for (int i = pairs; i < newMid; i++) {
                String mark = number >= 0 ? (number + 1 + i - pairs) + m.substring(m.length() - 1) : m;
                String line = anchor.item().continuationPrefix() + mark + " " + render.apply(after.get(prefix + i));
                b.append(before0 ? line + eol : eol + line);
            }
            if (before0) {
                splice.insert(lines.lineStartOf(anchor.item().start()), b.toString());
            } else {
                splice.insert(anchor.item().end(), b.toString());
            }
        }
    }

    private static String taskBox(Block lead) {
        String s = lead.inlineSource();
        if (s.length() >= 4 && s.charAt(0) == '[' && s.charAt(2) == ']' && s.charAt(3) == ' ') {
            return s.substring(0, 4);
        }
        return "";
    }

    // ---- diagnosis steps -----------------------------------------------------------------------------

    /** Aligns steps like {@link #items}, editing changed steps in place; {@code parent} holds sub-steps (null: top level). */
    private void steps(List<StepSlot> slots, List<DiagnosisStep> after, @Nullable StepSlot parent) {
        List<DiagnosisStep> before = slots.stream().map(StepSlot::value).toList();
        Alignment al = Alignment.of(before, after);
        int prefix = al.prefix();
        int oldMid = al.oldMid();
        int newMid = al.newMid();
        int pairs = al.pairs();
        for (int i = 0; i < pairs; i++) {
            step(slots.get(prefix + i), after.get(prefix + i));
        }
        for (int i = pairs; i < oldMid; i++) {
            StepSlot s = slots.get(prefix + i);
            deleteLines(s.start(), s.end());
        }
        if (newMid > pairs) {
            StepSlot anchor = prefix + pairs > 0 ? slots.get(prefix + pairs - 1) : null;
            if (anchor == null) {
                throw new Unplaceable();
            }
            StringBuilder b = new StringBuilder();
            for (int i = pairs; i < newMid; i++) {
                b.append(newStep(anchor, after.get(prefix + i), i - pairs + 1));
            }
            splice.insert(anchor.item() != null ? anchor.item().end() : anchor.end(), b.toString());
        }
    }

    /** A new step written after {@code anchor} in its style ({@code k}: the how-many-th new one). */
    private String newStep(StepSlot anchor, DiagnosisStep step, int k) {
        Block item = anchor.item();
        if (item != null) {
            String prefix = item.continuationPrefix();
            String m = item.marker();
            long number = item.number();
            String mark = number >= 0 ? (number + k) + m.substring(m.length() - 1) : m;
            Block list = Objects.requireNonNull(item.parent());
            String content = RunbookText.stepItem(step, prefix + " ".repeat(mark.length() + 1));
            return eol + (list.tight() ? "" : eol) + prefix + mark + " " + conv(content);
        }
        StringBuilder b = new StringBuilder(RunbookText.lead(step, "", RunbookText.hasBlocks(step)));
        for (CodeBlock c : step.code()) {
            if (c.style() != CodeBlock.Style.INLINE) {
                b.append("\n\n").append(RunbookText.block(c));
            }
        }
        if (!step.substeps().isEmpty()) {
            throw new Unplaceable();
        }
        return eol + eol + conv(b.toString());
    }

    /** Edits one changed step in place: its text, its code blocks, its inline commands elsewhere, its sub-steps. */
    private void step(StepSlot s, DiagnosisStep v) {
        DiagnosisStep old = s.value();
        List<CodeSlot> leadInline = s.code().stream().filter(c -> c.value().style() == CodeBlock.Style.INLINE && c.host() == s.lead()).toList();
        List<CodeSlot> otherInline = s.code().stream().filter(c -> c.value().style() == CodeBlock.Style.INLINE && c.host() != s.lead()).toList();
        List<CodeSlot> oldBlocks = s.code().stream().filter(c -> c.value().style() != CodeBlock.Style.INLINE).toList();
        List<CodeBlock> newInline = v.code().stream().filter(c -> c.style() == CodeBlock.Style.INLINE).toList();
        List<CodeBlock> newBlocks = v.code().stream().filter(c -> c.style() != CodeBlock.Style.INLINE).toList();
        if (newInline.size() < otherInline.size()) {
            throw new Unplaceable();
        }
        List<CodeBlock> newLeadInline = newInline.subList(0, newInline.size() - otherInline.size());
        List<CodeBlock> newOtherInline = newInline.subList(newInline.size() - otherInline.size(), newInline.size());
        boolean leadChanged = !old.description().equals(v.description())
                || !leadInline.stream().map(CodeSlot::value).toList().equals(newLeadInline);
        if (leadChanged) {
            Block lead = s.lead();
            if (lead == null) {
                throw new Unplaceable();
            }
            DiagnosisStep shown = new DiagnosisStep(v.description(), concat(newLeadInline, newBlocks), v.substeps());
            String written = RunbookText.lead(shown, s.style().task(), s.style().colon());
            if (written.isEmpty()) {
                throw new Unplaceable();
            }
            splice.replace(lead.start(), lead.end(), written);
        }
        for (int i = 0; i < otherInline.size(); i++) {
            CodeSlot c = otherInline.get(i);
            if (!c.value().equals(newOtherInline.get(i)) && c.span() != null) {
                splice.replace(c.span().start(), c.span().end(), RunbookText.inline(newOtherInline.get(i).text()));
            }
        }
        // a new block goes after the step's last block, else at the end of its item (after any other paragraph), else
        // after its text
        blocks(oldBlocks, newBlocks, s.item() != null ? s.item().end() : s.lead() != null ? s.lead().end() : -1, contentPrefix(s));
        if (!old.substeps().equals(v.substeps())) {
            if (s.substeps().isEmpty()) {
                if (s.item() == null) {
                    throw new Unplaceable();
                }
                String prefix = contentPrefix(s);
                StringBuilder b = new StringBuilder();
                for (DiagnosisStep sub : v.substeps()) {
                    b.append(eol).append(prefix).append("- ").append(conv(RunbookText.stepItem(sub, prefix + "  ")));
                }
                splice.insert(s.item().end(), b.toString());
            } else {
                steps(s.substeps(), v.substeps(), s);
            }
        }
    }

    private static List<CodeBlock> concat(List<CodeBlock> a, List<CodeBlock> b) {
        List<CodeBlock> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The prefix of lines inside a step's item (its content indentation), or empty for a top-level step. */
    private static String contentPrefix(StepSlot s) {
        if (s.item() == null) {
            return "";
        }
        if (s.lead() != null) {
            return s.lead().continuationPrefix();
        }
        List<Block> kids = s.item().children();
        return kids.isEmpty() ? s.item().continuationPrefix() + " ".repeat(s.item().marker().length() + 1)
                : kids.get(0).continuationPrefix();
    }

    /**
     * Aligns code blocks pairwise: a changed block is rewritten with its own fence and indentation, a removed one is
     * deleted, a new one goes after the last one (or after the text at {@code after}).
     */
    private void blocks(List<CodeSlot> old, List<CodeBlock> now, int after, String prefix) {
        int pairs = Math.min(old.size(), now.size());
        for (int i = 0; i < pairs; i++) {
            CodeSlot c = old.get(i);
            if (!c.value().equals(now.get(i))) {
                Block b = c.host();
                String written;
                if (now.get(i).style() == CodeBlock.Style.INDENTED) {
                    written = RunbookText.indented(now.get(i)).substring(Math.min(4, b.column() > 1 ? 0 : 0));
                } else {
                    String fence = b.fence();
                    written = RunbookText.fenced(now.get(i), fence.isEmpty() ? '`' : fence.charAt(0), fence.length());
                }
                splice.replace(b.start(), b.end(), LineEnds.continueLines(written, b.continuationPrefix(), eol));
            }
        }
        for (int i = pairs; i < old.size(); i++) {
            deleteLines(old.get(i).host().start(), old.get(i).host().end());
        }
        if (now.size() > pairs) {
            int at = !old.isEmpty() ? old.get(old.size() - 1).host().end() : after;
            if (at < 0) {
                throw new Unplaceable();
            }
            StringBuilder b = new StringBuilder();
            for (int i = pairs; i < now.size(); i++) {
                b.append(eol).append(eol).append(prefix).append(LineEnds.continueLines(RunbookText.block(now.get(i)), prefix, eol));
            }
            splice.insert(at, b.toString());
        }
    }

    // ---- mitigations -------------------------------------------------------------------------------------

    private void mitigations() {
        List<MitigationSlot> slots = src.mitigations;
        List<Mitigation> before = read.mitigations();
        List<Mitigation> after = now.mitigations();
        Alignment al = Alignment.of(before, after);
        int prefix = al.prefix();
        int oldMid = al.oldMid();
        int newMid = al.newMid();
        int pairs = al.pairs();
        for (int i = 0; i < pairs; i++) {
            mitigation(slots.get(prefix + i), after.get(prefix + i));
        }
        for (int i = pairs; i < oldMid; i++) {
            MitigationSlot s = slots.get(prefix + i);
            deleteLines(s.item() != null ? s.item().start() : s.start(), s.end());
        }
        if (newMid > pairs) {
            int level = src.sectionLevel + 1;
            int at = -1;
            for (MitigationSlot s : slots) {
                if (s.heading() != null) {
                    level = s.heading().headingLevel();
                }
                at = Math.max(at, s.end());
            }
            if (at < 0) {
                List<Section> sections = src.sections.get(RunbookPart.MITIGATION);
                at = sections.get(sections.size() - 1).end();
            }
            StringBuilder b = new StringBuilder();
            for (int i = pairs; i < newMid; i++) {
                Mitigation m = after.get(prefix + i);
                if (!m.named() || m.code().stream().anyMatch(c -> c.style() == CodeBlock.Style.INLINE)) {
                    throw new Unplaceable();
                }
                b.append(eol).append(eol).append(conv(RunbookTemplate.named(m, "#".repeat(level) + " ")));
            }
            splice.insert(at, b.toString());
        }
    }

    private void mitigation(MitigationSlot s, Mitigation v) {
        Mitigation old = s.value();
        if (old.named() != v.named() || !old.notes().equals(v.notes()) || !old.named() && !old.name().equals(v.name())) {
            throw new Unplaceable();
        }
        if (old.named() && (!old.name().equals(v.name()) || !old.condition().equals(v.condition()))) {
            Block h = Objects.requireNonNull(s.heading());
            splice.replace(h.start(), h.end(), "#".repeat(h.headingLevel()) + " " + RunbookText.mitigationHeading(v));
        }
        List<CodeSlot> inline = s.code().stream().filter(c -> c.value().style() == CodeBlock.Style.INLINE).toList();
        List<CodeBlock> newInline = v.code().stream().filter(c -> c.style() == CodeBlock.Style.INLINE).toList();
        if (inline.size() != newInline.size()) {
            throw new Unplaceable();
        }
        for (int i = 0; i < inline.size(); i++) {
            CodeSlot c = inline.get(i);
            if (!c.value().equals(newInline.get(i)) && c.span() != null) {
                splice.replace(c.span().start(), c.span().end(), RunbookText.inline(newInline.get(i).text()));
            }
        }
        List<CodeSlot> oldBlocks = s.code().stream().filter(c -> c.value().style() != CodeBlock.Style.INLINE).toList();
        List<CodeBlock> newBlocks = v.code().stream().filter(c -> c.style() != CodeBlock.Style.INLINE).toList();
        int after = s.heading() != null ? s.end() : oldBlocks.isEmpty() ? -1 : oldBlocks.get(oldBlocks.size() - 1).host().end();
        blocks(oldBlocks, newBlocks, after, "");
    }

    // ---- extra sections --------------------------------------------------------------------------------

    private void extras() {
        List<ExtraSection> before = read.extraSections();
        List<ExtraSection> after = now.extraSections();
        if (before.equals(after)) {
            return;
        }
        if (before.size() != after.size()) {
            throw new Unplaceable();
        }
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                Section s = src.extras.get(i).section();
                Block h = Objects.requireNonNull(s.heading());
                splice.replace(s.start(), s.end(), conv(RunbookTemplate.extra(after.get(i), "#".repeat(h.headingLevel()) + " ")));
            }
        }
    }
}
