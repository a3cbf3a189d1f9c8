package io.github.incident4j.postmortem;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Durations;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.IllegalIncidentTransitionException;
import io.github.incident4j.incident.Incident;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.IncidentStatus;
import io.github.incident4j.incident.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Drafts a postmortem from a resolved incident: what the engine and the runners recorded is filled in,
 * what only people can say is marked {@link Postmortem#TO_BE_WRITTEN}.
 *
 * <pre>{@code
 * Incident resolved = manager.find(id).orElseThrow();
 * Postmortem draft = PostmortemDrafter.withDefaults().draft(resolved,
 *         List.of(ChangeEvent.of(deployedAt, "Deployment v2.3.1 of payment-service rolled out")));
 * String markdown = PostmortemMarkdown.render(draft);
 * }</pre>
 *
 * <p>What the draft holds:
 * <ul>
 * <li><b>title</b>: the alert's name (its {@code alertname} label, else its summary) and the service, e.g.
 *     {@code ServiceHighErrorRate on payment-service};</li>
 * <li><b>date, start, end</b>: the start is the alert, or the change that preceded it (see below); the end
 *     is the resolution. The postmortem model holds less than 24 hours, so a longer window is refused with a
 *     {@link ValidationException};</li>
 * <li><b>severity</b>: the incident's {@code SEV-n}; <b>status</b>: draft; an extra header field
 *     {@code Incident} with the incident id; the <b>impact</b> is left absent (the template placeholder);</li>
 * <li><b>authors</b>: the responders in order of first appearance: who acknowledged, reassigned or was
 *     reassigned the incident, escalated it by hand, wrote a note, approved a mitigation or resolved it. Being
 *     paged alone does not make an author; the engine, {@code runbook}, {@code chaos}, the alerting service and
 *     the {@linkplain Builder#automatedActors configured automated actors} are never authors;</li>
 * <li><b>timeline</b>: one row per event in plain language ("Alert ServiceHighErrorRate fired", "Alice
 *     acknowledged", "Escalated to level 2 (engineering_lead)", "Rollback of payment-service completed",
 *     "Resolved by Alice"). Progress chatter is left out: rollout-status polls and diagnosis steps that
 *     found nothing (ok or manual). Chaos evidence recorded later with {@code at <instant>} is placed at
 *     that instant;</li>
 * <li><b>Key Times</b>: an extra section after the timeline with time to detect, to acknowledge, to
 *     mitigate and to resolve (also available typed, {@link #keyTimes});</li>
 * <li>summary, root cause, what went well, what went wrong and lessons learned marked to be written. Action
 *     items stay empty, so {@link PostmortemLint} reports {@code postmortem.no-action-items} on a SEV-1/SEV-2
 *     draft until people add them.</li>
 * </ul>
 *
 * <p><b>The preceding change</b> is, within {@linkplain Builder#changeLookback the lookback} (2 hours) before
 * the alert and not after it: the latest {@link ChangeEvent} the host gives; failing that, the latest one
 * found on the timeline: a runbook diagnosis that saw a recent revision ("revision 4 of deployment/x was
 * deployed 5m ago"), or an action naming a deployment, rollout or chaos injection (not a rollback, not a
 * rollout-status poll) that happened at or before the alert. <b>Time to mitigate</b> ends at the first
 * completed mitigation: a runbook's {@code mitigation completed}, or any action saying a rollback or
 * mitigation completed.
 */
public final class PostmortemDrafter {

    /** The heading of the extra section holding the key times. */
    public static final String KEY_TIMES_HEADING = "Key Times";

    /** The narrative sections a draft leaves to the people involved. */
    public static final List<Section> FOR_PEOPLE = List.of(Section.SUMMARY, Section.ROOT_CAUSE, Section.WENT_WELL,
            Section.WENT_WRONG, Section.LESSONS_LEARNED);

    private static final String RUNBOOK = "runbook";
    private static final String CHAOS = "chaos";
    private static final int MAX_ROW = 240;

    private static final Pattern EXPLICIT_AT = Pattern.compile("at (\\d{4}-\\d{2}-\\d{2}T\\S+?)(?:: (.*))?");
    private static final Pattern DEPLOYED_AGO = Pattern.compile(
            "revision (\\d+) of deployment/(\\S+) was deployed (\\d[0-9dhms]*) ago");
    private static final Pattern CHANGE_WORDS = Pattern.compile(
            "\\b(deploy(?:ed|ment)?|rollout|rolled out|release[ds]?|chaos injection started|injected)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_A_CHANGE = Pattern.compile("\\b(rollback|rolled back|undo|rollout status)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MITIGATED = Pattern.compile("\\b(rollback|mitigation) (completed|done)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern APPROVED_BY = Pattern.compile("approved by ([^:]+)");
    private static final Pattern DENIED_BY = Pattern.compile("denied by ([^:]+)(?:: (.*))?");
    private static final Pattern DEPLOYMENT_APPS = Pattern.compile("deployment\\.apps/(\\S+)(?: rolled back)?(.*)");
    private static final Pattern KUBECTL = Pattern.compile(
            "kubectl (rollout undo|rollout restart|rollout status|scale) deployment/(\\S+)(?: --replicas=(\\d+))?.*?(?:: (.*))?");

    private final Duration changeLookback;
    private final Set<String> automatedActors;

    private PostmortemDrafter(Builder b) {
        this.changeLookback = b.changeLookback;
        this.automatedActors = Set.copyOf(b.automatedActors);
    }

    /** A drafter with a 2-hour change lookback and no extra automated actors. */
    public static PostmortemDrafter withDefaults() {
        return builder().build();
    }

    /** Starts a builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this drafter's settings. */
    public Builder toBuilder() {
        Builder b = new Builder().changeLookback(changeLookback);
        b.automatedActors.addAll(automatedActors);
        return b;
    }

    /** Drafts from the incident alone (a preceding change is looked for on its timeline). */
    public Postmortem draft(Incident incident) {
        return draft(incident, List.of());
    }

    /**
     * Drafts from the incident and the changes the host knows of.
     *
     * @throws IllegalIncidentTransitionException when the incident is not resolved
     * @throws ValidationException when the window from start to resolution is 24 hours or longer
     */
    public Postmortem draft(Incident incident, List<ChangeEvent> changes) {
        KeyTimes times = keyTimes(incident, changes);
        Instant start = times.changeAt() != null ? times.changeAt() : times.triggeredAt();
        Duration window = Duration.between(start, times.resolvedAt());
        if (window.compareTo(Duration.ofDays(1)) >= 0) {
            throw ValidationException.of("incident", incident.id().value(), "ran for " + Durations.format(window)
                    + " from " + (times.changeAt() != null ? "the preceding change" : "the alert")
                    + " to its resolution; a postmortem covers less than 24 hours");
        }
        List<Row> rows = new ArrayList<>();
        if (times.change() != null && changeIsOwnRow(incident, changes)) {
            rows.add(new Row(Objects.requireNonNull(times.changeAt()), times.change()));
        }
        for (TimelineEvent e : incident.timeline()) {
            describe(incident, e).ifPresent(text -> rows.add(new Row(instantOf(e), text)));
        }
        rows.sort(Comparator.comparing(Row::at)); // stable: events at one instant keep their order
        Postmortem.Builder b = Postmortem.titled(title(incident))
                .window(start, times.resolvedAt())
                .severity(incident.severity().rank())
                .authors(responders(incident))
                .status(PostmortemStatus.DRAFT)
                .field("Incident", incident.id().value())
                .timeline(rows.stream().map(r -> new TimelineEntry(utc(r.at()), r.text())).toList())
                .extraSection(KEY_TIMES_HEADING, keyTimesMarkdown(times), Section.TIMELINE);
        return b.toBeWritten(FOR_PEOPLE.toArray(Section[]::new)).build();
    }

    /**
     * The key times of a resolved incident.
     *
     * @throws IllegalIncidentTransitionException when the incident is not resolved
     */
    public KeyTimes keyTimes(Incident incident, List<ChangeEvent> changes) {
        Objects.requireNonNull(changes, "changes");
        if (incident.status() != IncidentStatus.RESOLVED || incident.resolvedAt().isEmpty()) {
            throw new IllegalIncidentTransitionException(incident.id(), incident.status(), "draft a postmortem for");
        }
        Instant trigger = incident.triggeredAt();
        @Nullable Instant changeAt = null;
        @Nullable String change = null;
        Optional<ChangeEvent> given = changes.stream().filter(c -> precedes(c.at(), trigger))
                .max(Comparator.comparing(ChangeEvent::at));
        Optional<ChangeEvent> found = given.isPresent() ? given : changeOnTimeline(incident);
        if (found.isPresent()) {
            changeAt = found.get().at();
            change = found.get().description();
        }
        @Nullable String ackBy = null;
        @Nullable Instant mitigatedAt = null;
        @Nullable String mitigation = null;
        // An applied undo mitigates only if its mitigation does not then fail (e.g. the rollout never finished):
        // it stays a candidate until a "mitigation failed" discards it.
        @Nullable TimelineEvent undo = null;
        for (TimelineEvent e : incident.timeline()) {
            if (e.type() == TimelineEvent.Type.ACKNOWLEDGED && ackBy == null) {
                ackBy = e.actor();
            }
            if (e.type() != TimelineEvent.Type.ACTION || mitigatedAt != null) {
                continue;
            }
            Action a = Action.of(e);
            if (a.name().equals("mitigation failed")) {
                undo = null;
            } else if (isUndoDone(a)) {
                undo = undo == null ? e : undo;
            } else if (isMitigated(a)) {
                TimelineEvent first = undo == null ? e : undo;
                mitigatedAt = first.at();
                mitigation = describe(incident, first).orElse(actionText(first));
            }
        }
        if (mitigatedAt == null && undo != null) {
            mitigatedAt = undo.at();
            mitigation = describe(incident, undo).orElse(actionText(undo));
        }
        return new KeyTimes(changeAt, change, trigger, incident.acknowledgedAt().orElse(null), ackBy, mitigatedAt,
                mitigation, incident.resolvedAt().orElseThrow());
    }

    /** The responders of an incident, in order of first appearance (see the class description). */
    public List<String> responders(Incident incident) {
        Set<String> people = new LinkedHashSet<>();
        for (TimelineEvent e : incident.timeline()) {
            switch (e.type()) {
                case ACKNOWLEDGED, NOTE, RESOLVED -> person(incident, people, e.actor());
                case ESCALATED -> person(incident, people, e.actor());
                case REASSIGNED -> {
                    person(incident, people, e.actor());
                    if (e.recipient() != null) {
                        person(incident, people, e.recipient());
                    }
                }
                case ACTION -> {
                    Action a = Action.of(e);
                    if (a.name().equals("mitigation approved")) {
                        Matcher m = APPROVED_BY.matcher(a.detail());
                        if (m.find()) {
                            person(incident, people, m.group(1));
                        }
                    }
                }
                default -> {
                    // pages, repeats, skips and timeouts name no responder
                }
            }
        }
        return List.copyOf(people);
    }

    private void person(Incident incident, Set<String> people, String name) {
        // authors are written comma-separated, so a comma inside a name cannot stay
        String n = name.replace(",", "").strip();
        if (n.isEmpty() || n.equals(IncidentManager.ENGINE) || n.equals(RUNBOOK) || n.equals(CHAOS)
                || n.equals(incident.alert().service()) || automatedActors.contains(n)) {
            return;
        }
        people.add(n);
    }

    // ------------------------------------------------------------------ the preceding change

    private boolean precedes(Instant change, Instant trigger) {
        return !change.isAfter(trigger) && !change.isBefore(trigger.minus(changeLookback));
    }

    /** Whether the change needs a row of its own (it does unless it is an action row already). */
    private boolean changeIsOwnRow(Incident incident, List<ChangeEvent> changes) {
        Instant trigger = incident.triggeredAt();
        return changes.stream().anyMatch(c -> precedes(c.at(), trigger))
                || latestChange(incident).map(c -> !c.fromAction).orElse(false);
    }

    private Optional<ChangeEvent> changeOnTimeline(Incident incident) {
        return latestChange(incident).map(c -> c.event);
    }

    private record FoundChange(ChangeEvent event, boolean fromAction) {
    }

    private Optional<FoundChange> latestChange(Incident incident) {
        Instant trigger = incident.triggeredAt();
        @Nullable FoundChange best = null;
        for (TimelineEvent e : incident.timeline()) {
            if (e.type() != TimelineEvent.Type.ACTION) {
                continue;
            }
            @Nullable FoundChange c = null;
            Action a = Action.of(e);
            Matcher ago = DEPLOYED_AGO.matcher(a.detail());
            if (ago.find()) {
                try {
                    Instant at = e.at().minus(Durations.parse(ago.group(3)));
                    c = new FoundChange(ChangeEvent.of(at, "Revision " + ago.group(1) + " of " + ago.group(2)
                            + " deployed (seen by the runbook diagnosis)"), false);
                } catch (ValidationException ignored) {
                    // not a duration after all: no change read from this event
                }
            } else if (CHANGE_WORDS.matcher(a.name()).find() && !NOT_A_CHANGE.matcher(a.name()).find()) {
                c = new FoundChange(ChangeEvent.of(instantOf(e), describe(incident, e).orElse(actionText(e))), true);
            }
            if (c != null && precedes(c.event.at(), trigger) && (best == null || !c.event.at().isBefore(best.event.at()))) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean isMitigated(Action a) {
        return a.name().equals("mitigation completed") || MITIGATED.matcher(a.name()).find();
    }

    private static boolean isUndoDone(Action a) {
        return a.name().equals("operation done") && a.detail().startsWith("kubectl rollout undo");
    }

    // ------------------------------------------------------------------ plain language

    private static String title(Incident incident) {
        String service = incident.alert().service();
        String name = alertName(incident).orElse(incident.alert().summary().strip());
        return oneLine(name.toLowerCase(Locale.ROOT).contains(service.toLowerCase(Locale.ROOT)) ? name
                : name + " on " + service);
    }

    /** The alert's name: its {@code alertname} label, else a one-word summary such as {@code ServiceHighErrorRate}. */
    private static Optional<String> alertName(Incident incident) {
        String label = incident.labels().get("alertname");
        if (label != null && !label.isBlank()) {
            return Optional.of(label.strip());
        }
        String summary = incident.alert().summary().strip();
        return summary.matches("\\S+") ? Optional.of(summary) : Optional.empty();
    }

    /** One timeline row for an event, or empty when the event is progress chatter. */
    private Optional<String> describe(Incident incident, TimelineEvent e) {
        String text = switch (e.type()) {
            case TRIGGERED -> {
                String summary = incident.alert().summary().strip();
                yield alertName(incident).map(n -> "Alert " + n + " fired" + (n.equals(summary) ? "" : ": " + summary))
                        .orElse("Alert fired: " + summary);
            }
            case REPEAT_ALERTS -> "Alert repeated " + e.count() + (e.count() == 1 ? " time" : " times")
                    + (e.lastAt() == null ? "" : ", last at " + utc(e.lastAt()));
            case PAGE_DELIVERED -> "Paged " + e.recipient() + " (level " + e.level() + pass(e) + ")"
                    + suffix(e.response());
            case PAGE_FAILED -> "Paging " + e.recipient() + " failed (level " + e.level() + pass(e) + ")"
                    + suffix(e.detail());
            case ESCALATED -> "Escalated to level " + e.level() + targets(incident.policy(), e.level()) + pass(e)
                    + (e.actor().equals(IncidentManager.ENGINE) ? "" : " by " + e.actor());
            case LEVEL_SKIPPED -> "Level " + e.level() + targets(incident.policy(), e.level())
                    + " skipped: nobody to page" + suffix(e.detail());
            case ESCALATION_EXHAUSTED -> "Escalation stopped: every pass went unacknowledged";
            case ACKNOWLEDGED -> e.actor() + " acknowledged";
            case ACK_TIMEOUT -> "Acknowledgement timed out; back to level 1" + targets(incident.policy(), 1);
            case NOTE -> "Note by " + e.actor() + suffix(e.detail());
            case REASSIGNED -> e.actor() + " reassigned the incident to " + (e.recipient() != null ? e.recipient()
                    : "level " + e.level() + targets(incident.policy(), e.level()));
            case RESOLVED -> "Resolved by " + e.actor();
            case ACTION -> action(e);
        };
        return text == null ? Optional.empty() : Optional.of(oneLine(text));
    }

    private static String pass(TimelineEvent e) {
        return e.pass() > 1 ? ", pass " + e.pass() : "";
    }

    private static String suffix(@Nullable String detail) {
        return detail == null || detail.isBlank() ? "" : ": " + detail;
    }

    private static String targets(EscalationPolicy policy, int level) {
        if (level < 1 || level > policy.levels().size()) {
            return "";
        }
        List<String> names = policy.level(level).targets().stream().map(Target::name).toList();
        return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
    }

    /** An action recorded through a timeline sink: {@code "<action>: <detail>"} in the event's detail. */
    private record Action(String actor, String name, String detail) {
        static Action of(TimelineEvent e) {
            String d = e.detail() == null ? "" : e.detail();
            int colon = d.indexOf(": ");
            return colon < 0 ? new Action(e.actor(), d.strip(), "")
                    : new Action(e.actor(), d.substring(0, colon).strip(), d.substring(colon + 2).strip());
        }

        /** The detail without a leading {@code at <instant>} (chaos evidence). */
        String plainDetail() {
            Matcher m = EXPLICIT_AT.matcher(detail);
            return m.matches() ? (m.group(2) == null ? "" : m.group(2)) : detail;
        }
    }

    private static String actionText(TimelineEvent e) {
        Action a = Action.of(e);
        return capitalize(a.name()) + suffix(a.plainDetail());
    }

    private static @Nullable String action(TimelineEvent e) {
        Action a = Action.of(e);
        if (a.actor().equals(RUNBOOK)) {
            return runbookAction(a);
        }
        if (a.actor().equals(CHAOS)) {
            String name = a.name().toLowerCase(Locale.ROOT).startsWith("chaos") ? a.name() : "chaos " + a.name();
            return capitalize(name) + suffix(a.plainDetail());
        }
        return capitalize(a.name()) + suffix(a.plainDetail()) + " (" + a.actor() + ")";
    }

    /** The runbook runner's steps (see {@code RunbookRunner}) in plain language; null for chatter. */
    private static @Nullable String runbookAction(Action a) {
        String d = a.detail();
        String mitigation = d.contains(": ") ? d.substring(0, d.indexOf(": ")) : d;
        String rest = d.contains(": ") ? d.substring(d.indexOf(": ") + 2) : "";
        return switch (a.name()) {
            case "rollout status", "diagnosis step ok", "diagnosis step manual" -> null;
            case "diagnosis started" -> "Runbook diagnosis started" + (rest.isEmpty() ? "" : " (" + rest + ")");
            case "diagnosis step problem" -> "Diagnosis found a problem: " + d;
            case "diagnosis step error" -> "Diagnosis step failed: " + d;
            case "diagnosis finished" -> "Runbook diagnosis finished: " + d;
            case "mitigation dry run" -> "Dry run of mitigation '" + mitigation + "'" + suffix(rest);
            case "mitigation requested" -> "Mitigation '" + mitigation + "' requested";
            case "mitigation approved" -> {
                Matcher m = APPROVED_BY.matcher(rest);
                yield "Mitigation '" + mitigation + "' approved" + (m.find() ? " by " + m.group(1).strip() : "");
            }
            case "mitigation denied" -> {
                Matcher m = DENIED_BY.matcher(rest);
                yield "Mitigation '" + mitigation + "' denied" + (m.matches() ? " by " + m.group(1).strip()
                        + suffix(m.group(2)) : suffix(rest));
            }
            case "mitigation completed" -> "Mitigation '" + mitigation + "' completed";
            case "mitigation failed" -> "Mitigation '" + mitigation + "' failed" + suffix(rest);
            case "rollback" -> {
                Matcher m = DEPLOYMENT_APPS.matcher(d);
                yield m.matches() && d.contains(" rolled back") ? "Rollback of " + m.group(1) + " started" + m.group(2)
                        : "Rollback: " + d;
            }
            case "operation done", "operation failed" -> operation(a.name().endsWith("done"), d);
            case "operation manual" -> "Manual step for the operator: " + d;
            case "recovery verification started" -> "Recovery verification started" + suffix(rest);
            case "recovery criterion failed" -> "Recovery criterion failed: " + d;
            case "recovery verified" -> "Recovery verified" + suffix(rest);
            case "recovery not verified" -> "Recovery not verified: " + d;
            default -> "Runbook: " + a.name() + suffix(d);
        };
    }

    private static String operation(boolean done, String detail) {
        Matcher m = KUBECTL.matcher(detail);
        String outcome = done ? " completed" : " failed" + (m.matches() ? suffix(m.group(4)) : "");
        if (m.matches()) {
            return switch (m.group(1)) {
                case "rollout undo" -> "Rollback of " + m.group(2) + outcome;
                case "rollout restart" -> "Restart of " + m.group(2) + outcome;
                case "rollout status" -> "Rollout of " + m.group(2) + (done ? " finished" : outcome);
                default -> "Scaling of " + m.group(2) + " to " + m.group(3) + " replicas" + outcome;
            };
        }
        return (done ? "Operation done: " : "Operation failed: ") + detail;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String oneLine(String text) {
        String s = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return s.length() <= MAX_ROW ? s : s.substring(0, MAX_ROW - 1).stripTrailing() + "…";
    }

    // ------------------------------------------------------------------ times

    private record Row(Instant at, String text) {
    }

    /** Where an event belongs in time: its recorded instant, or the {@code at <instant>} chaos evidence names. */
    private static Instant instantOf(TimelineEvent e) {
        if (e.type() == TimelineEvent.Type.ACTION) {
            Matcher m = EXPLICIT_AT.matcher(Action.of(e).detail());
            if (m.matches()) {
                try {
                    return Instant.parse(m.group(1));
                } catch (DateTimeParseException ignored) {
                    // not an instant: the event stays where it was recorded
                }
            }
        }
        return e.at();
    }

    private static LocalTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalTime().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String clock(Instant at) {
        LocalTime t = utc(at);
        return t.format(DateTimeFormatter.ofPattern(t.getSecond() == 0 ? "HH:mm" : "HH:mm:ss", Locale.ROOT));
    }

    /** {@code 22 minutes}, {@code 1 hour 5 minutes}, {@code 45 seconds}. */
    static String human(Duration d) {
        List<String> parts = new ArrayList<>();
        long hours = d.toHours();
        if (hours > 0) {
            parts.add(hours + (hours == 1 ? " hour" : " hours"));
        }
        if (d.toMinutesPart() > 0) {
            parts.add(d.toMinutesPart() + (d.toMinutesPart() == 1 ? " minute" : " minutes"));
        }
        if (d.toSecondsPart() > 0 || parts.isEmpty()) {
            parts.add(d.toSecondsPart() + (d.toSecondsPart() == 1 ? " second" : " seconds"));
        }
        return String.join(" ", parts);
    }

    private static String keyTimesMarkdown(KeyTimes t) {
        String alert = "alert " + clock(t.triggeredAt());
        List<String> lines = new ArrayList<>();
        lines.add("- Time to detect: " + t.timeToDetect().map(d -> human(d) + " (change " + clock(
                Objects.requireNonNull(t.changeAt())) + " → " + alert + ")")
                .orElse("unknown (no deployment or change found before the alert)"));
        lines.add("- Time to acknowledge: " + t.timeToAcknowledge().map(d -> human(d) + " (" + alert + " → "
                + t.acknowledgedBy() + " acknowledged " + clock(Objects.requireNonNull(t.acknowledgedAt())) + ")")
                .orElse("not acknowledged"));
        lines.add("- Time to mitigate: " + t.timeToMitigate().map(d -> human(d) + " (" + alert + " → "
                + Objects.requireNonNull(t.mitigation()) + " " + clock(Objects.requireNonNull(t.mitigatedAt())) + ")")
                .orElse("no mitigation recorded"));
        lines.add("- Time to resolve: " + human(t.timeToResolve()) + " (" + alert + " → resolved "
                + clock(t.resolvedAt()) + ")");
        return String.join("\n", lines);
    }

    /** Settings of a drafter. */
    public static final class Builder {
        private Duration changeLookback = Duration.ofHours(2);
        private final Set<String> automatedActors = new LinkedHashSet<>();

        private Builder() {
        }

        /** How long before the alert a change still counts as its preceding change; default 2 hours. */
        public Builder changeLookback(Duration value) {
            Objects.requireNonNull(value, "changeLookback");
            if (value.isNegative() || value.compareTo(Duration.ofDays(1)) >= 0) {
                throw ValidationException.of("changeLookback", value, "must be between 0 and 24 hours");
            }
            this.changeLookback = value;
            return this;
        }

        /** Actor names that are bots, not people, and so never authors (e.g. {@code deploy-bot}). */
        public Builder automatedActors(String... names) {
            automatedActors.addAll(List.of(names));
            return this;
        }

        /** Builds the drafter. */
        public PostmortemDrafter build() {
            return new PostmortemDrafter(this);
        }
    }
}
