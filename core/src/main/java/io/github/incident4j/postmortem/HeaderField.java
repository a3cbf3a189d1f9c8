package io.github.incident4j.postmortem;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A header field of a postmortem that the model does not know, such as {@code **Incident**: INC-4821} or
 * PagerDuty's {@code Meeting Scheduled For: …}; kept in order and written after the known fields.
 *
 * <p>The known fields, and the names read as each ({@link #knownAs(String)}): {@code date} (Incident Date, Date of
 * Incident), {@code duration} (Incident Duration), {@code severity} (Sev, Severity Level, Incident Severity),
 * {@code impact}, {@code authors} (Author, Author(s), Written By, Prepared By, Postmortem Owner, Name(s)),
 * {@code status} (Postmortem Status, Document Status), {@code id} (Postmortem ID, Report ID) and {@code timezone}
 * (Time Zone, TZ).
 *
 * @param name the name as written, without its bold marks and colon
 * @param value the value as written (one line)
 */
public record HeaderField(String name, String value) {

    private static final Map<String, String> KNOWN = new HashMap<>();

    static {
        known("date", "date", "incident date", "date of incident", "date of the incident", "incident date and time",
                "incident date & time", "day");
        known("duration", "duration", "incident duration", "time window", "window");
        known("severity", "severity", "sev", "severity level", "incident severity");
        known("impact", "impact", "customer impact", "user impact");
        known("authors", "authors", "author", "author(s)", "written by", "prepared by", "postmortem owner",
                "post-mortem owner", "name(s)", "names", "postmortem author", "postmortem authors");
        known("status", "status", "postmortem status", "document status", "report status");
        known("id", "id", "postmortem id", "pm id", "report id", "document id");
        known("timezone", "timezone", "time zone", "tz", "zone", "times in");
    }

    private static void known(String key, String... names) {
        for (String n : names) {
            KNOWN.put(n, key);
        }
    }

    /** Strips both. */
    public HeaderField {
        name = name.strip();
        value = value.strip();
    }

    /**
     * The known field a name means ({@code date}, {@code duration}, {@code severity}, {@code impact}, {@code authors},
     * {@code status}, {@code id} or {@code timezone}), ignoring case, spacing, bold marks and a trailing colon.
     */
    public static Optional<String> knownAs(String name) {
        String n = name.replace("*", "").replace("__", "").strip().toLowerCase(Locale.ROOT);
        while (n.endsWith(":")) {
            n = n.substring(0, n.length() - 1).strip();
        }
        return Optional.ofNullable(KNOWN.get(n.replaceAll("\\s+", " ")));
    }

    /** The keys {@link #knownAs} returns, in the order the template writes them. */
    public static List<String> knownKeys() {
        return List.of("date", "duration", "severity", "impact", "authors", "status", "id", "timezone");
    }
}
