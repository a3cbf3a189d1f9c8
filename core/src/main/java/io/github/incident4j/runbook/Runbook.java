package io.github.incident4j.runbook;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Origin;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import io.github.incident4j.runbook.internal.Markup;
import io.github.incident4j.runbook.internal.ShellText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A runbook: what to do when a service misbehaves, as an immutable value. Commands are kept as the
 * templates written ({@code ${variables}} allowed) and become typed {@link Command}s when bound at run time.
 *
 * <pre>{@code
 * Runbook runbook = Runbook.forService("payment-service")
 *         .title("Payment Service", "High Error Rate")
 *         .owner("payments-team")
 *         .escalation("#incident-payments", "on-call", "engineering-lead")
 *         .alert("PaymentHighErrorRate", "error rate > 5% for 5m")
 *         .dashboard("https://grafana.internal/d/payments")
 *         .diagnose("Check service health", "kubectl get pods -n production -l app=payment-service")
 *         .diagnose(DiagnosisStep.of("Check dependencies",
 *                 DiagnosisStep.of("Redis", "redis-cli -h redis-host ping")))
 *         .mitigation("Rollback deployment",
 *                 "kubectl rollout undo deployment/payment-service -n production",
 *                 "kubectl rollout status deployment/payment-service -n production")
 *         .mitigationIf("Scale up", "load-related", "kubectl scale deployment/payment-service --replicas=6 -n production")
 *         .recovery("Error rate returns to baseline (< 0.1%)")
 *         .recovery("Confirm in dashboard for 15 minutes")
 *         .build();
 * }</pre>
 *
 * @param title the service's display name in the title ({@code Service Name})
 * @param issueType the issue the runbook is for ({@code Issue Type}), or empty
 * @param service the service ({@code service-name})
 * @param owner the owning team, or empty
 * @param escalationPath the escalation chain ({@code #incident-channel → on-call → engineering-lead})
 * @param namespace the namespace the runbook names explicitly, if any (see {@link #defaultNamespace()})
 * @param alerts the detection alerts
 * @param dashboards the dashboard links
 * @param diagnosis the diagnosis steps, in order
 * @param mitigations the mitigation procedures, in order
 * @param recovery the recovery criteria, in order
 * @param notes prose kept with a known part that is not one of its fields, verbatim
 * @param extraSections sections the model does not know, in order, verbatim
 * @param origin the document the runbook was read from, if it was: not part of the value ({@link #equals} ignores
 *     it); the Markdown writer uses it to write back unchanged parts byte for byte. A runbook without one (built with
 *     the DSL) is checked so that the template layout can hold it: its notes hold no heading that would start a
 *     section and no unclosed fence, and its mitigation notes no code
 */
public record Runbook(String title, String issueType, String service, String owner, List<String> escalationPath,
                      Optional<String> namespace, List<AlertRule> alerts, List<String> dashboards,
                      List<DiagnosisStep> diagnosis, List<Mitigation> mitigations, List<RecoveryCriterion> recovery,
                      Map<RunbookPart, String> notes, List<ExtraSection> extraSections, Optional<Origin> origin) {

    /** How deep sub-steps nest. */
    public static final int MAX_STEP_DEPTH = 8;

    /** The hold when the runbook states none. */
    public static final Duration DEFAULT_HOLD = Duration.ofMinutes(5);

    // (?d): as the reader, only \n ends a line; U+0085, U+2028, U+2029 are characters '.' matches (B7's rule)
    private static final Pattern CONDITION_SUFFIX = Pattern.compile("(?id).*\\((if|when)\\s.*\\)\\s*$");
    private static final Pattern NAMESPACE_VARIABLE = Pattern.compile("\\$\\{\\w+}|\\$[A-Za-z_]\\w*");

    /** Validates every part at once and normalises where extra sections sit. */
    public Runbook {
        Objects.requireNonNull(namespace, "namespace");
        escalationPath = List.copyOf(escalationPath);
        alerts = List.copyOf(alerts);
        dashboards = List.copyOf(dashboards);
        diagnosis = List.copyOf(diagnosis);
        mitigations = List.copyOf(mitigations);
        recovery = List.copyOf(recovery);
        Map<RunbookPart, String> n = new EnumMap<>(RunbookPart.class);
        notes.forEach((k, v) -> {
            if (!v.isEmpty()) {
                n.put(k, v);
            }
        });
        notes = Map.copyOf(n);
        Objects.requireNonNull(origin, "origin");
        Problems problems = new Problems();
        validate(problems, title, issueType, service, owner, escalationPath, namespace, alerts, dashboards,
                diagnosis, mitigations, recovery, notes, extraSections, origin.isEmpty());
        problems.throwIfAny("runbook for '" + service + "'");
        if (origin.isEmpty()) {
            extraSections = anchor(extraSections, alerts, dashboards, diagnosis, mitigations, recovery, notes);
        } else {
            extraSections = List.copyOf(extraSections);
        }
    }

    /** A runbook without an origin (see {@link #origin()}). */
    public Runbook(String title, String issueType, String service, String owner, List<String> escalationPath,
                   Optional<String> namespace, List<AlertRule> alerts, List<String> dashboards,
                   List<DiagnosisStep> diagnosis, List<Mitigation> mitigations, List<RecoveryCriterion> recovery,
                   Map<RunbookPart, String> notes, List<ExtraSection> extraSections) {
        this(title, issueType, service, owner, escalationPath, namespace, alerts, dashboards, diagnosis, mitigations,
                recovery, notes, extraSections, Optional.empty());
    }

    /** Equal when every part but the {@link #origin()} is equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Runbook r && title.equals(r.title) && issueType.equals(r.issueType) && service.equals(r.service)
                && owner.equals(r.owner) && escalationPath.equals(r.escalationPath) && namespace.equals(r.namespace)
                && alerts.equals(r.alerts) && dashboards.equals(r.dashboards) && diagnosis.equals(r.diagnosis)
                && mitigations.equals(r.mitigations) && recovery.equals(r.recovery) && notes.equals(r.notes)
                && extraSections.equals(r.extraSections);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, issueType, service, owner, escalationPath, namespace, alerts, dashboards, diagnosis,
                mitigations, recovery, notes, extraSections);
    }

    @Override
    public String toString() {
        return "Runbook[title=" + title + ", issueType=" + issueType + ", service=" + service + ", owner=" + owner
                + ", escalationPath=" + escalationPath + ", namespace=" + namespace + ", alerts=" + alerts
                + ", dashboards=" + dashboards + ", diagnosis=" + diagnosis + ", mitigations=" + mitigations
                + ", recovery=" + recovery + ", notes=" + notes + ", extraSections=" + extraSections
                + (origin.isPresent() ? ", read from a document" : "") + "]";
    }

    /** Starts a runbook for a service. */
    public static Builder forService(String service) {
        return new Builder(service);
    }

    /** A builder holding this runbook's values, for changes. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The namespace commands run in when they name none: the explicit {@link #namespace()}, else the one
     * every command that names a namespace agrees on, else {@code default} (kubectl's).
     */
    public String defaultNamespace() {
        if (namespace.isPresent()) {
            return namespace.get();
        }
        Set<String> named = commandTemplates().stream().map(CommandParser::explicitNamespace)
                .flatMap(Optional::stream).collect(Collectors.toCollection(LinkedHashSet::new));
        return named.size() == 1 ? named.iterator().next() : "default";
    }

    /**
     * How long recovery must hold: the first {@code for 15 minutes} criterion, else the longest sustain of a
     * metric criterion ({@code error rate < 0.1% for 10m}), else {@link #DEFAULT_HOLD}.
     */
    public Duration holdDuration() {
        return recovery.stream().filter(c -> c.kind() == RecoveryCriterion.Kind.HOLD)
                .map(RecoveryCriterion::hold).flatMap(Optional::stream).findFirst()
                .or(() -> recovery.stream().map(RecoveryCriterion::hold).flatMap(Optional::stream).max(Duration::compareTo))
                .orElse(DEFAULT_HOLD);
    }

    /** The mitigation of that name (case-insensitive), if any. */
    public Optional<Mitigation> mitigation(String name) {
        return mitigations.stream().filter(m -> m.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /** The notes of a part, or empty. */
    public String notes(RunbookPart part) {
        return notes.getOrDefault(part, "");
    }

    /** Every command template, diagnosis first, in document order. */
    public List<String> commandTemplates() {
        List<String> all = new ArrayList<>();
        diagnosis.forEach(s -> collect(s, all));
        mitigations.forEach(m -> all.addAll(m.commands()));
        return all;
    }

    private static void collect(DiagnosisStep step, List<String> into) {
        into.addAll(step.commands());
        step.substeps().forEach(s -> collect(s, into));
    }

    /** Every diagnosis step, sub-steps after their parent, depth first. */
    public List<DiagnosisStep> allSteps() {
        List<DiagnosisStep> out = new ArrayList<>();
        diagnosis.forEach(s -> flatten(s, out));
        return out;
    }

    private static void flatten(DiagnosisStep s, List<DiagnosisStep> into) {
        into.add(s);
        s.substeps().forEach(c -> flatten(c, into));
    }

    /** Whether a part has anything to write. */
    public boolean has(RunbookPart part) {
        return has(part, alerts, dashboards, diagnosis, mitigations, recovery, notes);
    }

    private static boolean has(RunbookPart part, List<AlertRule> alerts, List<String> dashboards, List<DiagnosisStep> diagnosis,
                               List<Mitigation> mitigations, List<RecoveryCriterion> recovery, Map<RunbookPart, String> notes) {
        boolean noted = notes.containsKey(part);
        return switch (part) {
            case PREAMBLE -> noted;
            case TITLE, OVERVIEW -> true;
            case DETECTION -> noted || !alerts.isEmpty() || !dashboards.isEmpty();
            case DIAGNOSIS -> noted || !diagnosis.isEmpty();
            case MITIGATION -> noted || !mitigations.isEmpty();
            case RECOVERY -> noted || !recovery.isEmpty();
        };
    }

    /** Moves each extra section's anchor back to the nearest part that is written, so reading it back agrees. */
    private static List<ExtraSection> anchor(List<ExtraSection> sections, List<AlertRule> alerts, List<String> dashboards,
                                             List<DiagnosisStep> diagnosis, List<Mitigation> mitigations,
                                             List<RecoveryCriterion> recovery, Map<RunbookPart, String> notes) {
        List<ExtraSection> out = new ArrayList<>();
        for (ExtraSection s : sections) {
            RunbookPart p = s.after();
            while (p.ordinal() > RunbookPart.TITLE.ordinal() && !has(p, alerts, dashboards, diagnosis, mitigations, recovery, notes)) {
                p = RunbookPart.values()[p.ordinal() - 1];
            }
            if (p == RunbookPart.PREAMBLE) {
                p = RunbookPart.TITLE;
            }
            out.add(new ExtraSection(s.heading(), s.body(), p));
        }
        // keep document order: stable by anchor
        out.sort(java.util.Comparator.comparing(ExtraSection::after));
        return List.copyOf(out);
    }

    // ---- validation ------------------------------------------------------------------------------

    private static void validate(Problems p, String title, String issueType, String service, String owner,
                                 List<String> escalation, Optional<String> namespace, List<AlertRule> alerts,
                                 List<String> dashboards, List<DiagnosisStep> diagnosis, List<Mitigation> mitigations,
                                 List<RecoveryCriterion> recovery, Map<RunbookPart, String> notes,
                                 List<ExtraSection> extras, boolean template) {
        identifier(p, "service", service, true);
        line(p, "title", title, true);
        p.check(!title.contains(" — ") && !title.contains(" – "), "title", title, "must not contain ' — ' (it separates the issue type)");
        line(p, "issueType", issueType, false);
        line(p, "owner", owner, false);
        for (int i = 0; i < escalation.size(); i++) {
            line(p, "escalationPath[" + i + "]", escalation.get(i), true);
            p.check(!escalation.get(i).contains("→"), "escalationPath[" + i + "]", escalation.get(i), "must not contain '→'");
        }
        namespace.ifPresent(ns -> p.check(NAMESPACE_VARIABLE.matcher(ns).matches() || Values.isDnsLabel(ns), "namespace", ns,
                "must be an RFC 1123 DNS label or one ${variable}"));
        for (int i = 0; i < alerts.size(); i++) {
            identifier(p, "alerts[" + i + "].name", alerts.get(i).name(), true);
            p.check(!alerts.get(i).name().contains("`"), "alerts[" + i + "].name", alerts.get(i).name(), "must not contain a backtick");
            line(p, "alerts[" + i + "].condition", alerts.get(i).conditionText(), false);
        }
        for (int i = 0; i < dashboards.size(); i++) {
            line(p, "dashboards[" + i + "]", dashboards.get(i), true);
        }
        for (int i = 0; i < diagnosis.size(); i++) {
            step(p, "diagnosis[" + i + "]", diagnosis.get(i), 0, template);
        }
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < mitigations.size(); i++) {
            Mitigation m = mitigations.get(i);
            String f = "mitigations[" + i + "]";
            identifier(p, f + ".name", m.name(), true);
            p.check(!template || !CONDITION_SUFFIX.matcher(m.name()).matches(), f + ".name", m.name(),
                    "must not end in '(if ...)': give the condition separately");
            p.check(names.add(m.name().toLowerCase(java.util.Locale.ROOT)), f + ".name", m.name(), "is used by another mitigation");
            m.condition().ifPresent(c -> {
                line(p, f + ".condition", c, true);
                p.check(!c.contains("(") && !c.contains(")"), f + ".condition", c, "must not contain parentheses");
            });
            for (int j = 0; j < m.code().size(); j++) {
                code(p, f + ".code[" + j + "]", m.code().get(j));
            }
            block(p, f + ".notes", m.notes(), template, true);
            if (template) {
                p.check(m.code().stream().noneMatch(c -> c.style() == CodeBlock.Style.INLINE), f + ".code", m.code().size(),
                        "the template layout writes a mitigation's code as blocks, not inline");
                p.check(m.named() || m.name().equals(RunbookPart.MITIGATION.heading()), f + ".name", m.name(),
                        "an unnamed mitigation is named after its section, '" + RunbookPart.MITIGATION.heading() + "'");
                p.check(!Markup.hasCommandSpan(m.notes()), f + ".notes", m.notes(),
                        "must not hold a command in backticks (it would read as the mitigation's command)");
            }
            p.check(!template || m.notes().isEmpty() || !Markup.headingOutsideFence(m.notes(), 2), f + ".notes", m.notes(),
                    "must not contain a heading");
        }
        if (template) {
            boolean namedSeen = false;
            for (int i = 0; i < mitigations.size(); i++) {
                namedSeen |= mitigations.get(i).named();
                p.check(mitigations.get(i).named() || !namedSeen, "mitigations[" + i + "].named", false,
                        "an unnamed mitigation must come before the named ones (it is written directly under the section)");
            }
            p.check(mitigations.stream().filter(m -> !m.named()).count() <= 1, "mitigations", mitigations.size(),
                    "the template layout holds at most one unnamed mitigation");
        }
        for (int i = 0; i < recovery.size(); i++) {
            line(p, "recovery[" + i + "]", recovery.get(i).text(), true);
        }
        notes.forEach((part, text) -> {
            String f = "notes." + part.name().toLowerCase(java.util.Locale.ROOT);
            block(p, f, text, template, part == RunbookPart.MITIGATION);
            if (template) {
                templateNotes(p, f, part, text);
            }
        });
        for (int i = 0; i < extras.size(); i++) {
            ExtraSection s = extras.get(i);
            line(p, "extraSections[" + i + "].heading", s.heading(), true);
            p.check(!template || RunbookPart.forHeading(s.heading()).isEmpty(),
                    "extraSections[" + i + "].heading", s.heading(), "is the heading of a known section");
            p.check(s.after() != RunbookPart.PREAMBLE, "extraSections[" + i + "].after", s.after(), "sections follow the title");
            block(p, "extraSections[" + i + "].body", s.body(), template, false);
        }
    }

    /** What the template layout can write in a part's notes so that they read back as notes, not as structure. */
    private static void templateNotes(Problems p, String f, RunbookPart part, String text) {
        switch (part) {
            case PREAMBLE, TITLE -> p.check(!Markup.hasAnyHeading(text), f, text, "must not contain a heading outside a code fence");
            case OVERVIEW, DETECTION -> p.check(!Markup.startsWithListItem(text), f, text,
                    "must not start with a list item (it would join the fields' list)");
            case DIAGNOSIS -> p.check(!Markup.hasListItem(text) && !Markup.hasFence(text) && !Markup.hasCommandSpan(text), f, text,
                    "must not hold a list, a code block or a command in backticks (they would read as diagnosis steps)");
            case RECOVERY -> p.check(!Markup.hasListItem(text), f, text, "must not hold a list (its items would read as criteria)");
            case MITIGATION -> p.check(!Markup.hasCommandSpan(text), f, text,
                    "must not hold a command in backticks (it would read as a mitigation's command)");
        }
    }

    private static void step(Problems p, String field, DiagnosisStep s, int depth, boolean template) {
        if (s.code().isEmpty() || !s.description().isEmpty()) {
            line(p, field + ".description", s.description(), true);
        }
        if (template) {
            templateDescription(p, field, s);
        }
        for (int j = 0; j < s.code().size(); j++) {
            code(p, field + ".code[" + j + "]", s.code().get(j));
        }
        p.check(depth < MAX_STEP_DEPTH, field + ".substeps", s.substeps().size(), "sub-steps nest at most " + MAX_STEP_DEPTH + " deep");
        for (int i = 0; i < s.substeps().size() && depth < MAX_STEP_DEPTH; i++) {
            step(p, field + ".substeps[" + i + "]", s.substeps().get(i), depth + 1, template);
        }
    }

    /**
     * What the template layout can write so that it reads back: code spans in the description only where they are the
     * step's own inline commands (each starting with a known program), and at most one other inline command, written
     * after the description ({@code Description: `command`}), as the step's last inline command.
     */
    private static void templateDescription(Problems p, String field, DiagnosisStep s) {
        String d = s.description();
        List<String> inline = s.code().stream().filter(c -> c.style() == CodeBlock.Style.INLINE).map(CodeBlock::text).toList();
        List<String> spans = Markup.codeSpans(d);
        List<String> embedded = inline.stream().filter(c -> spans.contains(c)).toList();
        boolean ok = spans.equals(embedded) && embedded.stream().allMatch(ShellText::startsWithProgram)
                && inline.size() - embedded.size() <= 1
                && (inline.size() == embedded.size() || !embedded.contains(inline.get(inline.size() - 1)));
        p.check(ok, field + ".description", d, "code spans in a description must be its step's own commands (starting with a "
                + "known program), and a step has at most one other inline command, written after the description");
    }

    private static void code(Problems p, String field, CodeBlock c) {
        text(p, field + ".text", c.text());
        p.check(!c.text().contains("\r"), field + ".text", c.text(), "must use \\n line ends");
        p.check(oneWord(c.language()), field + ".language", c.language(), "must be one word");
        switch (c.style()) {
            case INLINE -> {
                line(p, field + ".text", c.text(), true);
                p.check(!c.text().endsWith("\\"), field + ".text", c.text(), "must not end with a backslash (a line continuation)");
                p.check(c.language().isEmpty(), field + ".language", c.language(), "an inline command has no language");
            }
            case INDENTED -> {
                p.check(!c.text().isBlank(), field + ".text", c.text(), "an indented block must not be blank");
                p.check(c.text().equals(stripBlankLines(c.text())), field + ".text", c.text(),
                        "an indented block must not start or end with blank lines");
                p.check(c.language().isEmpty(), field + ".language", c.language(), "an indented block has no language");
            }
            case FENCED -> {
                // any text fits: the writer chooses a fence longer than any the text holds
            }
        }
    }

    private static boolean oneWord(String language) {
        for (int i = 0; i < language.length(); i++) {
            char ch = language.charAt(i);
            if (Character.isWhitespace(ch) || ch == '`' || ch == '~' || ch == '{') {
                return false;
            }
        }
        return true;
    }

    private static void identifier(Problems p, String field, String value, boolean required) {
        int before = p.size();
        line(p, field, value, required);
        if (p.size() == before && value.indexOf('\t') >= 0) {
            // a line holds no other control character: only a tab can still make it a bad identifier
            Text.identifierProblem(value).ifPresent(why -> p.add(field, value, why));
        }
    }

    private static void text(Problems p, String field, String value) {
        Text.textProblem(value).ifPresent(why -> p.add(field, value, why));
    }

    private static void line(Problems p, String field, String value, boolean required) {
        int n = value.length();
        if (n == 0) {
            if (required) {
                p.add(field, value, "must not be blank");
            }
            return;
        }
        boolean simple = !Character.isWhitespace(value.charAt(0)) && !Character.isWhitespace(value.charAt(n - 1));
        for (int i = 0; i < n && simple; i++) {
            char c = value.charAt(i);
            simple = c >= 0x20 && c != 0x7F && !Character.isSurrogate(c);
        }
        if (simple) {
            return;
        }
        // the usual single line without controls is done; anything else is said precisely
        if (required && value.isBlank()) {
            p.add(field, value, "must not be blank");
        } else if (value.contains("\n") || value.contains("\r")) {
            p.add(field, value, "must be a single line");
        } else if (!value.equals(value.strip())) {
            p.add(field, value, "must not start or end with whitespace");
        } else {
            Text.textProblem(value).ifPresent(why -> p.add(field, value, why));
        }
    }

    private static void block(Problems p, String field, String text, boolean template, boolean inMitigation) {
        if (text.isEmpty()) {
            return;
        }
        text(p, field, text);
        p.check(!text.contains("\r"), field, text, "must use \\n line ends");
        if (!template) {
            return;
        }
        p.check(text.equals(stripBlankLines(text)), field, text, "must not start or end with blank lines");
        p.check(!Markup.unclosedFence(text), field, text, "has an unclosed ``` fence");
        p.check(!Markup.headingOutsideFence(text, 2), field, text, "must not contain a '##' heading outside a code fence");
        p.check(!inMitigation || !Markup.headingOutsideFence(text, 3) && !Markup.hasFence(text),
                field, text, "must not contain a '###' heading or a ``` fence");
    }

    private static String stripBlankLines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return String.join("\n", lines);
    }

    /**
     * Builds a {@link Runbook}; every problem is reported at once by {@link #build()}.
     */
    public static final class Builder {
        private String title;
        private String issueType = "";
        private String service;
        private String owner = "";
        private List<String> escalation = new ArrayList<>();
        private Optional<String> namespace = Optional.empty();
        private final List<AlertRule> alerts = new ArrayList<>();
        private final List<String> dashboards = new ArrayList<>();
        private final List<DiagnosisStep> diagnosis = new ArrayList<>();
        private final List<Mitigation> mitigations = new ArrayList<>();
        private final List<RecoveryCriterion> recovery = new ArrayList<>();
        private final Map<RunbookPart, String> notes = new HashMap<>();
        private final List<ExtraSection> extras = new ArrayList<>();
        private Optional<Origin> origin = Optional.empty();

        private Builder(String service) {
            this.service = Objects.requireNonNull(service, "service");
            this.title = service;
        }

        private Builder(Runbook r) {
            this(r.service);
            title = r.title;
            issueType = r.issueType;
            owner = r.owner;
            escalation = new ArrayList<>(r.escalationPath);
            namespace = r.namespace;
            alerts.addAll(r.alerts);
            dashboards.addAll(r.dashboards);
            diagnosis.addAll(r.diagnosis);
            mitigations.addAll(r.mitigations);
            recovery.addAll(r.recovery);
            notes.putAll(r.notes);
            extras.addAll(r.extraSections);
            origin = r.origin;
        }

        /** Replaces the service given to {@link Runbook#forService} (for readers that learn it late). */
        public Builder service(String service) {
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /** The title: the service's display name and the issue type ({@code Payment Service}, {@code High Error Rate}). */
        public Builder title(String displayName, String issueType) {
            this.title = Objects.requireNonNull(displayName, "displayName");
            this.issueType = Objects.requireNonNull(issueType, "issueType");
            return this;
        }

        /** The owning team. */
        public Builder owner(String owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /** The escalation chain, first stop first. */
        public Builder escalation(String... path) {
            this.escalation = new ArrayList<>(Arrays.asList(path));
            return this;
        }

        /** The namespace commands run in when they name none. */
        public Builder namespace(String namespace) {
            this.namespace = Optional.of(namespace);
            return this;
        }

        /** A detection alert and its condition as written ({@code error rate > 5% for 5m}). */
        public Builder alert(String name, String condition) {
            alerts.add(new AlertRule(name, condition));
            return this;
        }

        /** A dashboard link. */
        public Builder dashboard(String url) {
            dashboards.add(url);
            return this;
        }

        /** A diagnosis step with a command. */
        public Builder diagnose(String description, String command) {
            diagnosis.add(DiagnosisStep.of(description, command));
            return this;
        }

        /** A diagnosis step, e.g. one with sub-steps. */
        public Builder diagnose(DiagnosisStep step) {
            diagnosis.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /** A mitigation that always applies. */
        public Builder mitigation(String name, String... commands) {
            mitigations.add(Mitigation.of(name, commands));
            return this;
        }

        /** A mitigation that applies under a condition ({@code load-related}). */
        public Builder mitigationIf(String name, String condition, String... commands) {
            mitigations.add(Mitigation.when(name, condition, commands));
            return this;
        }

        /** A mitigation. */
        public Builder mitigation(Mitigation mitigation) {
            mitigations.add(Objects.requireNonNull(mitigation, "mitigation"));
            return this;
        }

        /** A recovery criterion as written ({@code Error rate returns to baseline (< 0.1%)}). */
        public Builder recovery(String criterion) {
            recovery.add(RecoveryCriterion.of(criterion));
            return this;
        }

        /** Prose kept with a known part (replaces earlier notes of that part). */
        public Builder notes(RunbookPart part, String text) {
            notes.put(part, text);
            return this;
        }

        /** A section the model does not know, written after {@code after}. */
        public Builder section(String heading, String body, RunbookPart after) {
            extras.add(new ExtraSection(heading, body, after));
            return this;
        }

        /** Replaces the diagnosis steps. */
        public Builder diagnosis(List<DiagnosisStep> steps) {
            diagnosis.clear();
            diagnosis.addAll(steps);
            return this;
        }

        /** Replaces the mitigations. */
        public Builder mitigations(List<Mitigation> list) {
            mitigations.clear();
            mitigations.addAll(list);
            return this;
        }

        /** Replaces the recovery criteria. */
        public Builder recovery(List<RecoveryCriterion> criteria) {
            recovery.clear();
            recovery.addAll(criteria);
            return this;
        }

        /** Replaces the alerts. */
        public Builder alerts(List<AlertRule> list) {
            alerts.clear();
            alerts.addAll(list);
            return this;
        }

        /** Replaces the dashboards. */
        public Builder dashboards(List<String> urls) {
            dashboards.clear();
            dashboards.addAll(urls);
            return this;
        }

        /** Replaces the extra sections. */
        public Builder sections(List<ExtraSection> sections) {
            extras.clear();
            extras.addAll(sections);
            return this;
        }

        /** Removes a part's notes. */
        public Builder clearNotes(RunbookPart part) {
            notes.remove(part);
            return this;
        }

        /** The document the runbook was read from (for readers); null for none, so it renders in the template layout. */
        public Builder origin(@org.jspecify.annotations.Nullable Origin origin) {
            this.origin = Optional.ofNullable(origin);
            return this;
        }

        /**
         * The runbook.
         *
         * @throws ValidationException with every problem found
         */
        public Runbook build() {
            return new Runbook(title, issueType, service, owner, escalation, namespace, alerts, dashboards,
                    diagnosis, mitigations, recovery, notes, extras, origin);
        }
    }

    /** Every diagnosis step, sub-steps after their parent, with its path ({@code 4}, {@code 4.2}, {@code 4.2.1}). */
    public Map<String, DiagnosisStep> numberedSteps() {
        Map<String, DiagnosisStep> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < diagnosis.size(); i++) {
            number(String.valueOf(i + 1), diagnosis.get(i), out);
        }
        return out;
    }

    private static void number(String path, DiagnosisStep s, Map<String, DiagnosisStep> out) {
        out.put(path, s);
        for (int j = 0; j < s.substeps().size(); j++) {
            number(path + "." + (j + 1), s.substeps().get(j), out);
        }
    }
}
