package io.github.incident4j.format;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Durations;
import io.github.incident4j.escalation.EscalationLevel;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.format.internal.YamlNode;
import io.github.incident4j.format.internal.YamlTree;
import io.github.incident4j.oncall.Layer;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.oncall.ScheduleOverride;
import io.github.incident4j.oncall.Participant;
import io.github.incident4j.oncall.Restriction;
import io.github.incident4j.oncall.Schedule;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One reading of an on-call file. Collects every problem with its place and goes on where it can, so a
 * file's problems are reported together; returns a config only when there were none.
 */
final class OnCallYamlReader {

    static final String CURRENT_ON_CALL = "current_on_call";

    /** {@code routes} is the alert routing table, read by {@code ingest.AlertRoutesYaml} from the same file. */
    private static final Set<String> ROOT_KEYS = Set.of("schedule", "routes");
    private static final List<String> LAYER_KEYS = List.of("type", "turn_length", "start", "handoff", "layer_start",
            "layer_end", "restrictions", "participants");
    private static final Set<String> SCHEDULE_KEYS = union(List.of("name", "timezone", "layers", "overrides",
            "escalation_policy"), LAYER_KEYS);
    private static final Set<String> NAMED_LAYER_KEYS = union(List.of("name", "timezone"), LAYER_KEYS);
    private static final Set<String> PARTICIPANT_KEYS = Set.of("name", "escalation_delay", "timezone");
    private static final Set<String> HANDOFF_KEYS = Set.of("day", "time");
    private static final Set<String> RESTRICTION_KEYS = Set.of("daily", "weekly");
    private static final Set<String> OVERRIDE_KEYS = Set.of("who", "from", "until", "replaces", "reason");
    private static final Set<String> POLICY_KEYS = Set.of("name", "repeat", "ack_timeout", "levels");
    private static final Set<String> LEVEL_KEYS = Set.of("level", "targets", "timeout");
    private static final Set<String> TARGET_KEYS = Set.of("person", "role", "schedule");
    private static final List<String> TYPES = List.of("weekly_rotation", "daily_rotation", "custom");
    private static final Pattern DAILY = Pattern.compile("(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s*-\\s*(\\d{1,2}:\\d{2}(?::\\d{2})?)");
    private static final Pattern WEEKLY = Pattern.compile(
            "([A-Za-z]+)\\s+(\\d{1,2}:\\d{2}(?::\\d{2})?)\\s*(?:to|-)\\s*([A-Za-z]+)\\s+(\\d{1,2}:\\d{2}(?::\\d{2})?)");
    private static final Pattern WEEKS = Pattern.compile("(\\d{1,6})\\s*(?:w|weeks?)");
    private static final LocalDateTime DEFAULT_BASE = LocalDate.of(2024, 1, 1).atStartOfDay();
    private static final LocalTime DEFAULT_HANDOFF_TIME = LocalTime.of(9, 0);

    private final List<FormatException.Problem> problems = new ArrayList<>();

    OnCallConfig read(String yaml) {
        YamlNode root = YamlTree.parse(yaml);
        YamlNode.Mapping rootMap = mapping(root, "the document");
        YamlNode.Mapping scheduleMap = null;
        if (rootMap != null) {
            checkKeys(rootMap, "the document", ROOT_KEYS);
            scheduleMap = rootMap.get("schedule").map(n -> mapping(n, "schedule")).orElse(null);
            if (scheduleMap == null && rootMap.get("schedule").isEmpty()) {
                error(rootMap, "missing 'schedule' section");
            }
        }
        OnCallConfig config = scheduleMap == null ? null : readSchedule(scheduleMap);
        if (!problems.isEmpty() || config == null) {
            if (problems.isEmpty()) {
                error(root, "no on-call schedule could be read");
            }
            problems.sort(Comparator.comparingInt(FormatException.Problem::line)
                    .thenComparingInt(FormatException.Problem::column));
            throw new FormatException(problems);
        }
        return config;
    }

    private @Nullable OnCallConfig readSchedule(YamlNode.Mapping m) {
        checkKeys(m, "schedule", SCHEDULE_KEYS);
        String name = requiredText(m, "name", "schedule");
        ZoneId zone = m.get("timezone").map(n -> zone(n, "schedule.timezone")).orElse(Schedule.DEFAULT_ZONE);
        List<Layer> layers = new ArrayList<>();
        Optional<YamlNode> layersNode = m.get("layers");
        if (layersNode.isPresent()) {
            for (String key : LAYER_KEYS) {
                m.get(key).ifPresent(n -> error(n, "'" + key + "' belongs inside a layer when the schedule has 'layers'"));
            }
            YamlNode.Sequence seq = sequence(layersNode.get(), "schedule.layers");
            if (seq != null) {
                if (seq.items().isEmpty()) {
                    error(seq, "schedule.layers is empty; give at least one layer");
                }
                for (int i = 0; i < seq.items().size(); i++) {
                    String path = "schedule.layers[" + i + "]";
                    YamlNode.Mapping lm = mapping(seq.items().get(i), path);
                    if (lm != null) {
                        checkKeys(lm, path, NAMED_LAYER_KEYS);
                        addIfPresent(layers, readLayer(lm, path, zone, true));
                    }
                }
            }
        } else {
            addIfPresent(layers, readLayer(m, "schedule", zone, false));
        }
        List<ScheduleOverride> overrides = m.get("overrides").map(n -> readOverrides(n, zone)).orElse(List.of());
        EscalationPolicy policy = null;
        Optional<YamlNode> policyNode = m.get("escalation_policy");
        if (policyNode.isEmpty()) {
            error(m, "missing 'escalation_policy' in schedule");
        } else {
            // Read the policy even without a name, so its problems are reported with the others.
            policy = readPolicy(policyNode.get(), name == null ? "schedule" : name);
        }
        if (!problems.isEmpty() || name == null || policy == null) {
            return null;
        }
        try {
            Schedule schedule = Schedule.named(name).zone(zone).layers(layers).overrides(overrides).build();
            return OnCallConfig.of(schedule, policy);
        } catch (ValidationException e) {
            invalid(m, "schedule", e);
            return null;
        }
    }

    private @Nullable Layer readLayer(YamlNode.Mapping m, String path, ZoneId scheduleZone, boolean named) {
        int before = problems.size();
        Layer.Builder b = Layer.of(List.of());
        ZoneId zone = scheduleZone;
        if (named) {
            Optional<YamlNode> nameNode = m.get("name");
            if (nameNode.isPresent()) {
                String n = text(nameNode.get(), path + ".name");
                if (n != null) {
                    b.name(n);
                }
            }
            Optional<YamlNode> zoneNode = m.get("timezone");
            if (zoneNode.isPresent()) {
                ZoneId own = zone(zoneNode.get(), path + ".timezone");
                if (own != null) {
                    b.zone(own);
                    zone = own;
                }
            }
        }
        String written = m.get("type").map(n -> text(n, path + ".type")).orElse(null);
        Optional<YamlNode> turnNode = m.get("turn_length");
        if (written != null && !TYPES.contains(written)) {
            error(m.get("type").orElseThrow(), "unknown type '" + written + "' at " + path + ".type; did you mean '"
                    + nearest(written, TYPES) + "'? (valid: " + String.join(", ", TYPES) + ")");
        }
        String type = written != null && TYPES.contains(written) ? written : null;
        boolean custom = "custom".equals(type) || type == null && turnNode.isPresent();
        boolean weekly = !custom && !"daily_rotation".equals(type);
        if (custom) {
            if (turnNode.isEmpty()) {
                error(m, path + " has type custom but no turn_length (such as 12h or 2 weeks)");
            } else {
                Duration turn = turnLength(turnNode.get(), path + ".turn_length");
                if (turn != null) {
                    b.turnLength(turn);
                }
            }
        } else {
            turnNode.ifPresent(n -> error(n, path + ".turn_length needs type custom; " + type + " has a fixed turn"));
            b.turnLength(weekly ? Layer.WEEK : Layer.DAY);
        }
        LocalDateTime anchor = anchor(m, path, weekly);
        if (anchor != null) {
            b.rotationStart(anchor);
        }
        Optional<YamlNode> ls = m.get("layer_start");
        Optional<YamlNode> le = m.get("layer_end");
        if (ls.isPresent()) {
            Instant t = instant(ls.get(), path + ".layer_start", zone);
            if (t != null) {
                b.startingAt(t);
            }
        }
        if (le.isPresent()) {
            Instant t = instant(le.get(), path + ".layer_end", zone);
            if (t != null) {
                b.endingAt(t);
            }
        }
        m.get("restrictions").ifPresent(n -> readRestrictions(n, path + ".restrictions", b));
        Optional<YamlNode> participantsNode = m.get("participants");
        if (participantsNode.isEmpty()) {
            error(m, "missing 'participants' in " + path);
        } else {
            YamlNode.Sequence seq = sequence(participantsNode.get(), path + ".participants");
            if (seq != null && seq.items().isEmpty()) {
                error(seq, path + ".participants is empty; a rotation needs at least one participant");
            } else if (seq != null) {
                for (int i = 0; i < seq.items().size(); i++) {
                    Participant p = participant(seq.items().get(i), path + ".participants[" + i + "]");
                    if (p != null) {
                        b.participant(p);
                    }
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return b.build();
        } catch (ValidationException e) {
            invalid(m, path, e);
            return null;
        }
    }

    private @Nullable LocalDateTime anchor(YamlNode.Mapping m, String path, boolean weekly) {
        Optional<YamlNode> startNode = m.get("start");
        Optional<YamlNode> handoffNode = m.get("handoff");
        LocalDateTime base = DEFAULT_BASE;
        boolean exact = false;
        if (startNode.isPresent()) {
            String s = text(startNode.get(), path + ".start");
            if (s == null) {
                return null;
            }
            try {
                if (s.length() <= 10) {
                    base = LocalDate.parse(s).atStartOfDay();
                } else {
                    base = LocalDateTime.parse(s.replace(' ', 'T'));
                    exact = true;
                }
            } catch (DateTimeException e) {
                error(startNode.get(), "bad date-time '" + s + "' at " + path
                        + ".start; write a local date or date-time such as 2026-01-05 or 2026-01-05T09:00");
                return null;
            }
        }
        DayOfWeek day = weekly ? DayOfWeek.MONDAY : null;
        LocalTime time = DEFAULT_HANDOFF_TIME;
        if (handoffNode.isPresent()) {
            exact = false;
            YamlNode h = handoffNode.get();
            String hp = path + ".handoff";
            String dayText = null;
            String timeText = null;
            if (h instanceof YamlNode.Mapping hm) {
                checkKeys(hm, hp, HANDOFF_KEYS);
                dayText = hm.get("day").map(n -> text(n, hp + ".day")).orElse(null);
                timeText = hm.get("time").map(n -> text(n, hp + ".time")).orElse(null);
            } else {
                String t = text(h, hp);
                if (t == null) {
                    return null;
                }
                String[] parts = t.strip().split("\\s+");
                if (parts.length == 2) {
                    dayText = parts[0];
                    timeText = parts[1];
                } else {
                    timeText = parts[0];
                }
            }
            if (dayText != null) {
                day = dayOfWeek(dayText);
                if (day == null) {
                    error(h, "unknown day '" + dayText + "' at " + hp + "; write monday .. sunday");
                    return null;
                }
            } else {
                day = null;
            }
            if (timeText != null) {
                time = localTime(timeText);
                if (time == null) {
                    error(h, "bad time '" + timeText + "' at " + hp + "; write HH:MM such as 09:00");
                    return null;
                }
            }
        }
        if (exact) {
            return base;
        }
        return day == null ? Layer.firstHandoff(base, time) : Layer.firstHandoff(base, day, time);
    }

    private void readRestrictions(YamlNode node, String path, Layer.Builder b) {
        YamlNode.Sequence seq = sequence(node, path);
        if (seq == null) {
            return;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            String ip = path + "[" + i + "]";
            YamlNode.Mapping rm = mapping(seq.items().get(i), ip);
            if (rm == null) {
                continue;
            }
            checkKeys(rm, ip, RESTRICTION_KEYS);
            if (rm.entries().size() != 1) {
                error(rm, ip + " needs exactly one of 'daily' or 'weekly'");
                continue;
            }
            rm.get("daily").ifPresent(n -> addRestriction(daily(n, ip + ".daily"), b));
            rm.get("weekly").ifPresent(n -> addRestriction(weekly(n, ip + ".weekly"), b));
        }
    }

    private static void addRestriction(@Nullable Restriction r, Layer.Builder b) {
        if (r != null) {
            b.restrictTo(r);
        }
    }

    private @Nullable Restriction daily(YamlNode n, String path) {
        String t = text(n, path);
        Matcher matcher = t == null ? null : DAILY.matcher(t.strip());
        if (matcher == null || !matcher.matches()) {
            if (t != null) {
                error(n, "bad daily window '" + t + "' at " + path + "; write e.g. 09:00-17:00");
            }
            return null;
        }
        LocalTime start = localTime(matcher.group(1));
        LocalTime end = localTime(matcher.group(2));
        if (start == null || end == null) {
            error(n, "bad time in daily window '" + t + "' at " + path);
            return null;
        }
        if (start.equals(end)) {
            error(n, "daily window '" + t + "' at " + path + " ends when it starts; give it a length");
            return null;
        }
        return Restriction.daily(start, end);
    }

    private @Nullable Restriction weekly(YamlNode n, String path) {
        String t = text(n, path);
        Matcher matcher = t == null ? null : WEEKLY.matcher(t.strip());
        if (matcher == null || !matcher.matches()) {
            if (t != null) {
                error(n, "bad weekly window '" + t + "' at " + path + "; write e.g. Mon 09:00 to Fri 17:00");
            }
            return null;
        }
        DayOfWeek startDay = dayOfWeek(matcher.group(1));
        LocalTime start = localTime(matcher.group(2));
        DayOfWeek endDay = dayOfWeek(matcher.group(3));
        LocalTime end = localTime(matcher.group(4));
        if (startDay == null || start == null || endDay == null || end == null) {
            error(n, "bad day or time in weekly window '" + t + "' at " + path + "; write e.g. Mon 09:00 to Fri 17:00");
            return null;
        }
        if (startDay == endDay && start.equals(end)) {
            error(n, "weekly window '" + t + "' at " + path + " ends when it starts; give it a length");
            return null;
        }
        return Restriction.weekly(startDay, start, endDay, end);
    }

    private @Nullable Participant participant(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar) {
            String n = text(node, path);
            return n == null ? null : build(node, path, () -> Participant.named(n));
        }
        YamlNode.Mapping m = mapping(node, path);
        if (m == null) {
            return null;
        }
        checkKeys(m, path, PARTICIPANT_KEYS);
        String name = requiredText(m, "name", path);
        Duration delay = m.get("escalation_delay").map(n -> positiveDuration(n, path + ".escalation_delay")).orElse(null);
        ZoneId zone = m.get("timezone").map(n -> zone(n, path + ".timezone")).orElse(null);
        if (name == null) {
            return null;
        }
        return build(m, path, () -> new Participant(name, Optional.ofNullable(delay), Optional.ofNullable(zone)));
    }

    private List<ScheduleOverride> readOverrides(YamlNode node, ZoneId zone) {
        YamlNode.Sequence seq = sequence(node, "schedule.overrides");
        List<ScheduleOverride> result = new ArrayList<>();
        if (seq == null) {
            return result;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            String path = "schedule.overrides[" + i + "]";
            YamlNode.Mapping m = mapping(seq.items().get(i), path);
            if (m == null) {
                continue;
            }
            checkKeys(m, path, OVERRIDE_KEYS);
            String who = requiredText(m, "who", path);
            Instant from = required(m, "from", path) ? instant(m.get("from").orElseThrow(), path + ".from", zone) : null;
            Instant until = required(m, "until", path) ? instant(m.get("until").orElseThrow(), path + ".until", zone) : null;
            String replaces = m.get("replaces").map(n -> text(n, path + ".replaces")).orElse(null);
            String reason = m.get("reason").map(n -> text(n, path + ".reason")).orElse(null);
            if (who != null && from != null && until != null) {
                addIfPresent(result, build(m, path,
                        () -> new ScheduleOverride(who, from, until, Optional.ofNullable(replaces), Optional.ofNullable(reason))));
            }
        }
        return result;
    }

    private @Nullable EscalationPolicy readPolicy(YamlNode node, String scheduleName) {
        String path = "schedule.escalation_policy";
        EscalationPolicy.Builder b;
        YamlNode levelsNode;
        if (node instanceof YamlNode.Mapping m) {
            checkKeys(m, path, POLICY_KEYS);
            String name = m.get("name").map(n -> text(n, path + ".name")).orElse(scheduleName);
            b = EscalationPolicy.named(name == null ? scheduleName : name);
            m.get("repeat").ifPresent(n -> {
                Integer repeat = integer(n, path + ".repeat");
                if (repeat != null) {
                    b.repeat(repeat);
                }
            });
            m.get("ack_timeout").ifPresent(n -> {
                Duration d = positiveDuration(n, path + ".ack_timeout");
                if (d != null) {
                    b.ackTimeout(d);
                }
            });
            if (m.get("levels").isEmpty()) {
                error(m, "missing 'levels' in " + path);
                return null;
            }
            levelsNode = m.get("levels").orElseThrow();
        } else {
            b = EscalationPolicy.named(scheduleName);
            levelsNode = node;
        }
        YamlNode.Sequence seq = sequence(levelsNode, path);
        if (seq == null) {
            return null;
        }
        if (seq.items().isEmpty()) {
            error(seq, path + " has no levels; give at least one");
        }
        for (int i = 0; i < seq.items().size(); i++) {
            EscalationLevel level = level(seq.items().get(i), path + "[" + i + "]", i + 1, scheduleName);
            if (level != null) {
                b.level(level);
            }
        }
        return build(node, path, b::build);
    }

    private @Nullable EscalationLevel level(YamlNode node, String path, int position, String scheduleName) {
        YamlNode.Mapping m = mapping(node, path);
        if (m == null) {
            return null;
        }
        checkKeys(m, path, LEVEL_KEYS);
        Integer number = m.get("level").map(n -> integer(n, path + ".level")).orElse(position);
        Duration timeout = m.get("timeout").map(n -> positiveDuration(n, path + ".timeout")).orElse(null);
        List<Target> targets = new ArrayList<>();
        Optional<YamlNode> targetsNode = m.get("targets");
        if (targetsNode.isEmpty()) {
            error(m, "missing 'targets' in " + path);
        } else {
            YamlNode tn = targetsNode.get();
            List<YamlNode> items = tn instanceof YamlNode.Sequence s ? s.items() : List.of(tn);
            if (items.isEmpty()) {
                error(tn, path + ".targets is empty; name at least one target");
            }
            for (int i = 0; i < items.size(); i++) {
                addIfPresent(targets, target(items.get(i), path + ".targets[" + i + "]", scheduleName));
            }
        }
        if (number == null || targets.isEmpty()) {
            return null;
        }
        return build(m, path, () -> new EscalationLevel(number, targets, Optional.ofNullable(timeout)));
    }

    private @Nullable Target target(YamlNode node, String path, String scheduleName) {
        if (node instanceof YamlNode.Scalar) {
            String t = text(node, path);
            if (t == null) {
                return null;
            }
            return build(node, path, () -> t.equals(CURRENT_ON_CALL) ? Target.onCall(scheduleName) : Target.role(t));
        }
        YamlNode.Mapping m = mapping(node, path);
        if (m == null) {
            return null;
        }
        checkKeys(m, path, TARGET_KEYS);
        if (m.entries().size() != 1) {
            error(m, path + " needs exactly one of 'person', 'role' or 'schedule'");
            return null;
        }
        YamlNode.Entry e = m.entries().values().iterator().next();
        String value = text(e.value(), path + "." + e.key().name());
        if (value == null || !TARGET_KEYS.contains(e.key().name())) {
            return null;
        }
        return build(m, path, () -> switch (e.key().name()) {
            case "person" -> Target.person(value);
            case "schedule" -> Target.onCall(value);
            default -> Target.role(value);
        });
    }

    // ---- scalars ----

    private @Nullable ZoneId zone(YamlNode n, String path) {
        String id = text(n, path);
        if (id == null) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            error(n, "unknown time zone '" + id + "' at " + path + "; use an IANA name such as Europe/Berlin or UTC");
            return null;
        }
    }

    private @Nullable Duration turnLength(YamlNode n, String path) {
        String t = text(n, path);
        if (t == null) {
            return null;
        }
        Matcher weeks = WEEKS.matcher(t.strip().toLowerCase(Locale.ROOT));
        if (weeks.matches()) {
            return Duration.ofDays(7L * Long.parseLong(weeks.group(1)));
        }
        return positiveDuration(n, path);
    }

    private @Nullable Duration positiveDuration(YamlNode n, String path) {
        String t = text(n, path);
        if (t == null) {
            return null;
        }
        try {
            Duration d = Durations.parse(t);
            if (d.isZero()) {
                error(n, path + " must be greater than zero, but was '" + t + "'");
                return null;
            }
            return d;
        } catch (ValidationException e) {
            error(n, "bad duration '" + t + "' at " + path + ": " + e.problems().get(0).message());
            return null;
        }
    }

    private @Nullable Integer integer(YamlNode n, String path) {
        String t = text(n, path);
        if (t == null) {
            return null;
        }
        try {
            return Integer.parseInt(t.strip());
        } catch (NumberFormatException e) {
            error(n, "expected a whole number at " + path + ", but was '" + t + "'");
            return null;
        }
    }

    private @Nullable Instant instant(YamlNode n, String path, ZoneId zone) {
        String t = text(n, path);
        if (t == null) {
            return null;
        }
        String s = t.strip().replace(' ', 'T');
        try {
            if (s.endsWith("Z") || s.lastIndexOf('+') > 9 || s.lastIndexOf('-') > 9) {
                return OffsetDateTime.parse(s).toInstant();
            }
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            error(n, "bad date-time '" + t + "' at " + path
                    + "; write 2026-03-02T09:00 (in the schedule's zone) or 2026-03-02T08:00:00Z");
            return null;
        }
    }

    private static @Nullable LocalTime localTime(String text) {
        try {
            String s = text.strip();
            return LocalTime.parse(s.length() == 4 || s.length() == 7 ? "0" + s : s);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static @Nullable DayOfWeek dayOfWeek(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.length() < 3) {
            return null;
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(t)) {
                return d;
            }
        }
        return null;
    }

    // ---- structure ----

    private @Nullable String requiredText(YamlNode.Mapping m, String key, String path) {
        return required(m, key, path) ? text(m.get(key).orElseThrow(), path + "." + key) : null;
    }

    private boolean required(YamlNode.Mapping m, String key, String path) {
        if (m.get(key).isEmpty()) {
            error(m, "missing '" + key + "' in " + path);
            return false;
        }
        return true;
    }

    private @Nullable String text(YamlNode n, String path) {
        if (!(n instanceof YamlNode.Scalar s)) {
            error(n, "expected a single value at " + path + ", but found " + n.kind());
            return null;
        }
        if (s.tag() != null) {
            error(n, "YAML tags are not accepted (found " + s.tag() + " at " + path + "); write the plain value");
            return null;
        }
        if (s.isNull() || s.text().isBlank()) {
            error(n, "empty value at " + path);
            return null;
        }
        return s.text();
    }

    private YamlNode.@Nullable Mapping mapping(YamlNode n, String path) {
        if (n instanceof YamlNode.Mapping m) {
            return m;
        }
        error(n, "expected a mapping at " + path + ", but found " + n.kind());
        return null;
    }

    private YamlNode.@Nullable Sequence sequence(YamlNode n, String path) {
        if (n instanceof YamlNode.Sequence s) {
            return s;
        }
        error(n, "expected a list at " + path + ", but found " + n.kind());
        return null;
    }

    private void checkKeys(YamlNode.Mapping m, String path, Set<String> allowed) {
        for (YamlNode.Key key : m.keys()) {
            if (!allowed.contains(key.name())) {
                problems.add(new FormatException.Problem(key.line(), key.column(), "unknown field '" + key.name()
                        + "' in " + path + "; did you mean '" + nearest(key.name(), allowed) + "'? (valid: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")"));
            }
        }
    }

    private <T> @Nullable T build(YamlNode at, String path, java.util.function.Supplier<T> builder) {
        try {
            return builder.get();
        } catch (ValidationException e) {
            invalid(at, path, e);
            return null;
        } catch (IllegalArgumentException e) {
            error(at, path + ": " + e.getMessage());
            return null;
        }
    }

    private void invalid(YamlNode at, String path, ValidationException e) {
        for (ValidationException.Problem p : e.problems()) {
            error(at, path + "." + p);
        }
    }

    private void error(YamlNode at, String message) {
        problems.add(new FormatException.Problem(at.line(), at.column(), message));
    }

    private static <T> void addIfPresent(List<T> list, @Nullable T value) {
        if (value != null) {
            list.add(value);
        }
    }

    private static Set<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** The valid name closest to {@code name} by edit distance. */
    static String nearest(String name, java.util.Collection<String> valid) {
        String best = "";
        int bestDistance = Integer.MAX_VALUE;
        for (String v : valid.stream().sorted().toList()) {
            int d = distance(name.toLowerCase(Locale.ROOT), v);
            if (d < bestDistance) {
                best = v;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
