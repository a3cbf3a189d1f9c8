package io.github.incident4j.format;

import io.github.incident4j.common.Durations;
import io.github.incident4j.escalation.EscalationLevel;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.format.internal.YamlWriters;
import io.github.incident4j.oncall.Layer;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.oncall.Participant;
import io.github.incident4j.oncall.Restriction;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.oncall.ScheduleOverride;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes on-call files: the PagerDuty-style rotation of the seed ({@code schedule:} with
 * {@code type}, {@code participants}, {@code overrides} and {@code escalation_policy}) and its extended
 * form with time zones, rotation start, handoff, custom turn lengths, layers, restrictions, overrides and
 * policy repeats. The format, its defaults and a full example are documented in
 * {@code core/docs/oncall-yaml.md}.
 *
 * <p>Defaults for what a file leaves out: zone {@code UTC}; type {@code weekly_rotation}; handoff Monday
 * 09:00 for weekly turns and 09:00 for others; rotation start 2024-01-01 09:00 in the schedule's zone.
 * In escalation targets, {@code current_on_call} is the schedule's own on-call and any other bare name is
 * a role; {@code {person: X}}, {@code {role: X}} and {@code {schedule: X}} say it explicitly.
 *
 * <pre>{@code
 * OnCallConfig config = OnCallYaml.parse(Files.readString(Path.of("oncall-rotation.yaml")));
 * Optional<String> who = config.schedule().onCallAt(clock.instant());
 * String yaml = OnCallYaml.render(config);   // parse(yaml) equals config
 * }</pre>
 */
public final class OnCallYaml {


    private OnCallYaml() {
    }

    /**
     * Reads an on-call file.
     *
     * @throws FormatException listing every problem found, each with line and column; nothing is returned
     *     half-built
     */
    public static OnCallConfig parse(String yaml) {
        return new OnCallYamlReader().read(yaml);
    }

    /** Writes a config so that {@link #parse(String)} reads back an equal one. */
    public static String render(OnCallConfig config) {
        Schedule schedule = config.schedule();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", schedule.name());
        s.put("timezone", schedule.zone().getId());
        List<Layer> layers = schedule.layers();
        if (layers.size() == 1 && layers.get(0).name().isEmpty() && layers.get(0).zone().isEmpty()) {
            putLayer(layers.get(0), s);
        } else {
            List<Object> list = new ArrayList<>();
            for (Layer layer : layers) {
                Map<String, Object> l = new LinkedHashMap<>();
                layer.name().ifPresent(n -> l.put("name", n));
                layer.zone().ifPresent(z -> l.put("timezone", z.getId()));
                putLayer(layer, l);
                list.add(l);
            }
            s.put("layers", list);
        }
        List<Object> overrides = new ArrayList<>();
        for (ScheduleOverride o : schedule.overrides()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("who", o.who());
            m.put("from", o.from().toString());
            m.put("until", o.until().toString());
            o.replaces().ifPresent(r -> m.put("replaces", r));
            o.reason().ifPresent(r -> m.put("reason", r));
            overrides.add(m);
        }
        s.put("overrides", overrides);
        s.put("escalation_policy", policy(config.escalationPolicy(), schedule.name()));
        return YamlWriters.write(YamlWriters.Style.MINIMAL_QUOTES, Map.of("schedule", s));
    }

    private static void putLayer(Layer layer, Map<String, Object> m) {
        Duration turn = layer.turnLength();
        if (turn.equals(Layer.WEEK)) {
            m.put("type", "weekly_rotation");
        } else if (turn.equals(Layer.DAY)) {
            m.put("type", "daily_rotation");
        } else {
            m.put("type", "custom");
            m.put("turn_length", Durations.format(turn));
        }
        m.put("start", layer.rotationStart().toString());
        layer.start().ifPresent(t -> m.put("layer_start", t.toString()));
        layer.end().ifPresent(t -> m.put("layer_end", t.toString()));
        if (!layer.restrictions().isEmpty()) {
            List<Object> windows = new ArrayList<>();
            for (Restriction r : layer.restrictions()) {
                windows.add(Map.of(r instanceof Restriction.Daily ? "daily" : "weekly", r.toString()));
            }
            m.put("restrictions", windows);
        }
        List<Object> participants = new ArrayList<>();
        for (Participant p : layer.participants()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            p.escalationDelay().ifPresent(d -> pm.put("escalation_delay", Durations.format(d)));
            p.zone().ifPresent(z -> pm.put("timezone", z.getId()));
            participants.add(pm);
        }
        m.put("participants", participants);
    }

    private static Object policy(EscalationPolicy policy, String scheduleName) {
        List<Object> levels = new ArrayList<>();
        for (EscalationLevel level : policy.levels()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", level.number());
            List<Object> targets = new ArrayList<>();
            for (Target t : level.targets()) {
                targets.add(target(t, scheduleName));
            }
            m.put("targets", targets);
            level.timeout().ifPresent(d -> m.put("timeout", Durations.format(d)));
            levels.add(m);
        }
        if (policy.name().equals(scheduleName) && policy.repeat() == 0 && policy.ackTimeout().isEmpty()) {
            return levels; // the seed's plain list of levels
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", policy.name());
        m.put("repeat", policy.repeat());
        policy.ackTimeout().ifPresent(d -> m.put("ack_timeout", Durations.format(d)));
        m.put("levels", levels);
        return m;
    }

    private static Object target(Target target, String scheduleName) {
        if (target instanceof Target.OnCall o && o.schedule().equals(scheduleName)) {
            return OnCallYamlReader.CURRENT_ON_CALL;
        }
        if (target instanceof Target.Role r && !r.name().equals(OnCallYamlReader.CURRENT_ON_CALL)) {
            return r.name();
        }
        String key = target instanceof Target.OnCall ? "schedule" : target instanceof Target.Person ? "person" : "role";
        return Map.of(key, target.name());
    }

}
