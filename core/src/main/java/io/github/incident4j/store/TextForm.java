package io.github.incident4j.store;

import io.github.incident4j.escalation.EscalationLevel;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JDBC store's own small text forms for an escalation policy and a label map (the store may not use
 * Jackson). Every free-text token is URL-encoded, so it never holds a space, a newline, ':', '=' or '&amp;';
 * durations are ISO-8601 ({@link Duration#toString()}), which {@link Duration#parse} reads back exactly.
 *
 * <pre>
 * policy 1
 * name Backend+On-Call
 * repeat 2
 * ack PT1H
 * level 1 PT15M oncall:Backend+On-Call person:Alice
 * level 2 - role:engineering_lead
 * </pre>
 */
final class TextForm {

    private static final String HEADER = "policy 1";

    private TextForm() {
    }

    static String policy(EscalationPolicy p) {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        s.append("name ").append(enc(p.name())).append('\n');
        s.append("repeat ").append(p.repeat()).append('\n');
        s.append("ack ").append(p.ackTimeout().map(Duration::toString).orElse("-")).append('\n');
        for (EscalationLevel l : p.levels()) {
            s.append("level ").append(l.number()).append(' ').append(l.timeout().map(Duration::toString).orElse("-"));
            for (Target t : l.targets()) {
                s.append(' ').append(kind(t)).append(':').append(enc(t.name()));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String kind(Target t) {
        if (t instanceof Target.OnCall) {
            return "oncall";
        }
        return t instanceof Target.Person ? "person" : "role";
    }

    /**
     * Reads a policy written by {@link #policy(EscalationPolicy)}.
     *
     * @throws IllegalArgumentException if the text is not in that form
     * @throws java.time.DateTimeException if a duration is unreadable
     * @throws io.github.incident4j.ValidationException if the policy it holds is invalid
     */
    static EscalationPolicy parsePolicy(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 5 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("not a stored policy (expected header '" + HEADER + "')");
        }
        String name = dec(field(lines[1], "name"));
        int repeat = Integer.parseInt(field(lines[2], "repeat"));
        Optional<Duration> ack = duration(field(lines[3], "ack"));
        List<EscalationLevel> levels = new ArrayList<>();
        for (int i = 4; i < lines.length; i++) {
            if (lines[i].isEmpty() && i == lines.length - 1) {
                break;
            }
            String[] parts = field(lines[i], "level").split(" ");
            if (parts.length < 3) {
                throw new IllegalArgumentException("level line without targets: " + lines[i]);
            }
            List<Target> targets = new ArrayList<>(parts.length - 2);
            for (int j = 2; j < parts.length; j++) {
                targets.add(target(parts[j]));
            }
            levels.add(new EscalationLevel(Integer.parseInt(parts[0]), targets, duration(parts[1])));
        }
        return new EscalationPolicy(name, levels, repeat, ack);
    }

    private static Target target(String token) {
        int colon = token.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("target without kind: " + token);
        }
        String name = dec(token.substring(colon + 1));
        return switch (token.substring(0, colon)) {
            case "oncall" -> new Target.OnCall(name);
            case "person" -> new Target.Person(name);
            case "role" -> new Target.Role(name);
            default -> throw new IllegalArgumentException("unknown target kind: " + token);
        };
    }

    private static String field(String line, String key) {
        if (!line.startsWith(key + " ")) {
            throw new IllegalArgumentException("expected '" + key + " ...' but found: " + line);
        }
        return line.substring(key.length() + 1);
    }

    private static Optional<Duration> duration(String token) {
        return token.equals("-") ? Optional.empty() : Optional.of(Duration.parse(token));
    }

    /** Labels as {@code k=v&k=v}, sorted by key (so equal maps give equal text). */
    static String labels(Map<String, String> labels) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            s.append(s.length() == 0 ? "" : "&").append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        }
        return s.toString();
    }

    /**
     * Reads labels written by {@link #labels(Map)}.
     *
     * @throws IllegalArgumentException if the text is not in that form
     */
    static Map<String, String> parseLabels(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return result;
        }
        for (String pair : text.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("label without '=': " + pair);
            }
            result.put(dec(pair.substring(0, eq)), dec(pair.substring(eq + 1)));
        }
        return result;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
