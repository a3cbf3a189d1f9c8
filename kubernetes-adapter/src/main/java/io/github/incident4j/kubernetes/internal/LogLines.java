package io.github.incident4j.kubernetes.internal;

import io.github.incident4j.spi.ClusterOperations.LogLine;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses container logs fetched with {@code timestamps=true}: every line starts with an RFC 3339 timestamp
 * (nanoseconds, as the kubelet writes them) and a space.
 */
public final class LogLines {

    /** Oldest first; ties keep pod, then container, then arrival order ({@link LogLine#CHRONOLOGICAL}). */
    public static final Comparator<LogLine> CHRONOLOGICAL = LogLine.CHRONOLOGICAL;

    private LogLines() {
    }

    /** The result of parsing one container's log. */
    public record Parsed(List<LogLine> lines, int unparseable) {
        /** Copies the lines. */
        public Parsed {
            lines = List.copyOf(lines);
        }
    }

    /**
     * The lines of {@code text} at or after {@code notBefore} that contain {@code contains} (after the timestamp),
     * counting those without a readable timestamp (a line cut by {@code limitBytes}, a server ignoring
     * {@code timestamps}) rather than guessing their instant.
     */
    public static Parsed parse(String pod, String container, String text, Instant notBefore, String contains) {
        List<LogLine> lines = new ArrayList<>();
        int unparseable = 0;
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            Instant at = space > 0 ? instant(line.substring(0, space)) : null;
            if (at == null) {
                unparseable++;
                continue;
            }
            String body = line.substring(space + 1);
            if (!at.isBefore(notBefore) && body.contains(contains)) {
                lines.add(new LogLine(pod, container, at, body));
            }
        }
        return new Parsed(lines, unparseable);
    }

    /** The newest {@code limit} lines in chronological order. */
    public static List<LogLine> newest(List<LogLine> lines, int limit) {
        List<LogLine> sorted = new ArrayList<>(lines);
        sorted.sort(CHRONOLOGICAL);
        return List.copyOf(sorted.subList(Math.max(0, sorted.size() - limit), sorted.size()));
    }

    /** An RFC 3339 timestamp (any fraction, {@code Z} or an offset), or null when {@code text} is not one. */
    public static @Nullable Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
