package io.github.incident4j.format.internal.postmortem;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Times, dates and zones as postmortems write them. Every pattern is anchored and free of nested repetition, so a
 * reading is linear in the text.
 *
 * <ul>
 *   <li>times: {@code 14:05}, {@code 9:05}, {@code 14:05:30}, {@code 14:05:30.250}, {@code 2:05 PM}, {@code 9am};</li>
 *   <li>dates: {@code 2021-06-30}, {@code 2021/06/30}, {@code June 30, 2021}, {@code 30 June 2021},
 *       {@code Wednesday 30th June 2021}, {@code Jun 30 2021};</li>
 *   <li>both: {@code 2021-06-30 08:32}, {@code 2021-06-30T08:32:00Z}, {@code 2020-02-03T11:21:00+01:00};</li>
 *   <li>zones after a time or in a note: {@code UTC}, {@code GMT}, {@code Z}, an offset ({@code +01:00},
 *       {@code +0100}, {@code UTC+2}), a region ({@code Europe/Berlin}), an abbreviation with a fixed offset
 *       ({@code PST} is UTC-8, {@code PDT} UTC-7, {@code CET} UTC+1, {@code CEST} UTC+2, …), or a generic name that
 *       follows daylight saving time ({@code PT}, {@code Pacific Time}: America/Los_Angeles; {@code ET}, {@code CT},
 *       {@code MT}; {@code Central European Time}: Europe/Berlin).</li>
 * </ul>
 */
public final class TimeText {

    /**
     * What a time text says.
     *
     * @param date the date it gives, or null
     * @param time the time of day it gives, or null
     * @param zone the zone it gives, or null
     * @param end where the reading ends in the text it was read from
     */
    public record Reading(@Nullable LocalDate date, @Nullable LocalTime time, @Nullable ZoneId zone, int end) {
    }

    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d{1,9})?)?");
    private static final Pattern AMPM = Pattern.compile("\\s?([AaPp])\\.?[Mm]\\.?(?![A-Za-z])");
    private static final Pattern HOUR_AMPM = Pattern.compile("(\\d{1,2})\\s?([AaPp])\\.?[Mm]\\.?(?![A-Za-z])");
    private static final Pattern OFFSET = Pattern.compile("(?:UTC|GMT)?\\s?([+\\-−])(\\d{1,2})(?::?(\\d{2}))?(?![\\d:])");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z]*(?:/[A-Za-z_]+(?:/[A-Za-z_]+)?)?");
    private static final Pattern ZONE_NOTE = Pattern.compile(
            "(?i)\\b(?:time(?:s|stamps?)?|tz|timezone|time zone)\\b(?:\\s+(?:are|is|shown|given|listed|below|here|all))*"
                    + "(?:\\s*[:=]|\\s+(?:in|as))?\\s+");
    private static final Map<String, Integer> MONTHS = new HashMap<>();
    private static final Map<String, ZoneId> ZONES = new HashMap<>();

    static {
        String[] names = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december"};
        for (int i = 0; i < names.length; i++) {
            MONTHS.put(names[i], i + 1);
            MONTHS.put(names[i].substring(0, 3), i + 1);
        }
        MONTHS.put("sept", 9);
        zone(ZoneOffset.UTC, "utc", "gmt", "z", "uct", "zulu", "coordinated universal time");
        fixed(-8, 0, "pst");
        fixed(-7, 0, "pdt", "mst");
        fixed(-6, 0, "mdt", "cst");
        fixed(-5, 0, "cdt", "est");
        fixed(-4, 0, "edt");
        fixed(-9, 0, "akst");
        fixed(-8, 0, "akdt");
        fixed(-10, 0, "hst");
        fixed(-3, 0, "brt");
        fixed(0, 0, "wet");
        fixed(1, 0, "cet", "west", "bst");
        fixed(2, 0, "cest", "eet");
        fixed(3, 0, "eest", "msk");
        fixed(5, 30, "ist");
        fixed(8, 0, "sgt", "hkt", "awst");
        fixed(9, 0, "jst", "kst");
        fixed(9, 30, "acst");
        fixed(10, 0, "aest");
        fixed(11, 0, "aedt");
        fixed(12, 0, "nzst");
        fixed(13, 0, "nzdt");
        zone(ZoneId.of("America/Los_Angeles"), "pt", "pacific time", "us pacific");
        zone(ZoneId.of("America/Denver"), "mt", "mountain time");
        zone(ZoneId.of("America/Chicago"), "ct", "central time");
        zone(ZoneId.of("America/New_York"), "et", "eastern time", "us eastern");
        zone(ZoneId.of("Europe/Berlin"), "central european time");
        zone(ZoneId.of("Europe/London"), "uk time", "london time");
    }

    private static void fixed(int hours, int minutes, String... names) {
        zone(ZoneOffset.ofHoursMinutes(hours, hours < 0 ? -minutes : minutes), names);
    }

    private static void zone(ZoneId z, String... names) {
        for (String n : names) {
            ZONES.put(n, z);
        }
    }

    private TimeText() {
    }

    /** The text without surrounding emphasis, code or brackets ({@code **14:05**}, {@code `14:05`}, {@code [14:05]}). */
    public static String unwrap(String text) {
        String t = text.strip();
        boolean changed = true;
        while (changed && t.length() >= 2) {
            changed = false;
            for (String[] pair : new String[][] {{"**", "**"}, {"__", "__"}, {"*", "*"}, {"_", "_"}, {"`", "`"},
                {"[", "]"}, {"(", ")"}}) {
                if (t.length() >= pair[0].length() + pair[1].length() && t.startsWith(pair[0]) && t.endsWith(pair[1])) {
                    t = t.substring(pair[0].length(), t.length() - pair[1].length()).strip();
                    changed = true;
                    break;
                }
            }
        }
        return t;
    }

    private static final Pattern RANGE_END = Pattern.compile("(?:[-–—]|to)\\s*\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[AaPp]\\.?[Mm]\\.?)?");
    private static final Pattern DATE_SHAPE = Pattern.compile("~?\\s*(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2}))?.*");
    private static final Pattern CLOCK_SHAPE = Pattern.compile("~?\\s*(\\d{1,2}):(\\d{2})(?![\\d:]*\\s?[AaPp]\\.?[Mm]).*");

    /**
     * What a text written in the usual shape of a date or a time ({@code 2025-02-30}, {@code 2025-03-14 24:10},
     * {@code 25:10}) names that does not exist: {@code "date"} or {@code "time"}; empty when the text is not in
     * that shape or is a real date and time.
     */
    public static Optional<String> impossible(String text) {
        String t = unwrap(text);
        Matcher d = DATE_SHAPE.matcher(t);
        if (d.matches()) {
            if (date(d.group(1), d.group(2), d.group(3)) == null) {
                return Optional.of("date");
            }
            if (d.group(4) != null && (Integer.parseInt(d.group(4)) > 23 || Integer.parseInt(d.group(5)) > 59)) {
                return Optional.of("time");
            }
            return Optional.empty();
        }
        Matcher c = CLOCK_SHAPE.matcher(t);
        if (c.matches() && (Integer.parseInt(c.group(1)) > 23 || Integer.parseInt(c.group(2)) > 59)) {
            return Optional.of("time");
        }
        return Optional.empty();
    }

    /**
     * Reads a whole cell or field as a time: all of it must be a date, a time or both (with an optional zone, and a
     * trailing {@code +} or leading {@code ~} for an approximate time). Empty when it is not.
     */
    public static Optional<Reading> whole(String text) {
        String t = unwrap(text);
        if (t.startsWith("~")) {
            t = t.substring(1).stripLeading();
        }
        Optional<Reading> r = leading(t, 0);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        String rest = t.substring(r.get().end()).strip();
        if (RANGE_END.matcher(rest).matches()) {
            // "14:00-14:30", "14:00 – 14:30": the entry starts at the first time
            return r;
        }
        if (rest.equals("+") || rest.equals("?") || rest.isEmpty() || rest.equalsIgnoreCase("(approx.)")
                || rest.equalsIgnoreCase("approx.") || rest.equalsIgnoreCase("approx")) {
            return r;
        }
        return Optional.empty();
    }

    /**
     * Reads a date, a time or both at {@code from}, with a zone after it when one follows; empty when the text there
     * is neither. {@code end} is where the reading stops.
     */
    public static Optional<Reading> leading(String text, int from) {
        int at = from;
        LocalDate date = null;
        Matcher d = ISO_DATE.matcher(text).region(at, text.length());
        if (d.lookingAt()) {
            date = date(d.group(1), d.group(2), d.group(3));
            if (date == null) {
                return Optional.empty();
            }
            at = d.end();
            int next = at;
            if (next < text.length() && (text.charAt(next) == 'T' || text.charAt(next) == ' ')) {
                next++;
            } else if (text.startsWith(", ", next)) {
                next += 2;
            }
            Optional<Reading> time = clock(text, next);
            if (time.isEmpty()) {
                return Optional.of(new Reading(date, null, null, at));
            }
            return Optional.of(new Reading(date, time.get().time(), time.get().zone(), time.get().end()));
        }
        return clock(text, at);
    }

    private static Optional<Reading> clock(String text, int from) {
        Matcher c = CLOCK.matcher(text).region(from, text.length());
        LocalTime time;
        int at;
        if (c.lookingAt()) {
            at = c.end();
            // "2:05 PM": a 12-hour clock only for hours 1 to 12 ("16:01 Am..." is a 24-hour time and a word)
            Matcher ampm = AMPM.matcher(text).region(at, text.length());
            int hour = Integer.parseInt(c.group(1));
            boolean twelve = hour >= 1 && hour <= 12 && ampm.lookingAt();
            time = time(c.group(1), c.group(2), c.group(3), twelve ? ampm.group(1) : null);
            if (twelve) {
                at = ampm.end();
            }
        } else {
            Matcher h = HOUR_AMPM.matcher(text).region(from, text.length());
            if (!h.lookingAt()) {
                return Optional.empty();
            }
            time = time(h.group(1), "00", null, h.group(2));
            at = h.end();
        }
        if (time == null || at < text.length() && Character.isDigit(text.charAt(at))) {
            return Optional.empty();
        }
        // a zone right after the time: "Z", "+01:00", " UTC", " PST", " (UTC)", " Europe/Berlin"
        ZoneId zone = null;
        int end = at;
        if (at < text.length() && text.charAt(at) == 'Z' && (at + 1 == text.length() || !Character.isLetter(text.charAt(at + 1)))) {
            zone = ZoneOffset.UTC;
            end = at + 1;
        } else {
            int z = at;
            while (z < text.length() && text.charAt(z) == ' ') {
                z++;
            }
            boolean paren = z < text.length() && text.charAt(z) == '(';
            Optional<ZoneAt> found = zoneStarting(text, paren ? z + 1 : z);
            // a zone needs a space before it, unless it is an offset ("14:05+01:00")
            if (found.isPresent() && (z > at || "+-−".indexOf(text.charAt(at)) >= 0)) {
                int ze = found.get().end();
                if (!paren || ze < text.length() && text.charAt(ze) == ')') {
                    zone = found.get().zone();
                    end = paren ? ze + 1 : ze;
                }
            }
        }
        return Optional.of(new Reading(null, time, zone, end));
    }

    /**
     * A zone at an offset of a text and where it ends.
     *
     * @param zone the zone
     * @param start the offset where it is written
     * @param end the offset after it
     */
    public record ZoneAt(ZoneId zone, int start, int end) {
    }

    /** Reads a zone written at {@code from}: an offset, an abbreviation, a name (up to three words) or a region. */
    public static Optional<ZoneAt> zoneStarting(String text, int from) {
        if (from >= text.length()) {
            return Optional.empty();
        }
        Matcher o = OFFSET.matcher(text).region(from, text.length());
        if (o.lookingAt()) {
            try {
                int hours = Integer.parseInt(o.group(2));
                int minutes = o.group(3) == null ? 0 : Integer.parseInt(o.group(3));
                int sign = o.group(1).equals("+") ? 1 : -1;
                ZoneOffset off = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
                return Optional.of(new ZoneAt(off.getTotalSeconds() == 0 ? ZoneOffset.UTC : off, from, o.end()));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        Matcher w = WORD.matcher(text).region(from, text.length());
        if (!w.lookingAt()) {
            return Optional.empty();
        }
        String first = w.group();
        if (first.indexOf('/') > 0) {
            try {
                return Optional.of(new ZoneAt(ZoneId.of(first), from, w.end()));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        // the longest run of up to three words that names a zone
        int[] ends = new int[3];
        String[] words = new String[3];
        int n = 0;
        int at = from;
        while (n < 3) {
            Matcher m = WORD.matcher(text).region(at, text.length());
            if (!m.lookingAt() || m.group().indexOf('/') >= 0) {
                break;
            }
            words[n] = m.group().toLowerCase(Locale.ROOT);
            ends[n] = m.end();
            n++;
            at = m.end();
            if (at < text.length() && text.charAt(at) == ' ') {
                at++;
            } else {
                break;
            }
        }
        for (int k = n; k >= 1; k--) {
            String name = String.join(" ", java.util.Arrays.copyOf(words, k));
            ZoneId z = ZONES.get(name);
            // one-letter "z" only right after a time; abbreviations of one word must be written in capitals
            if (z != null && !(k == 1 && name.length() <= 4 && !text.substring(from, ends[0]).equals(
                    text.substring(from, ends[0]).toUpperCase(Locale.ROOT)))) {
                if (k == 1 && name.equals("z")) {
                    continue;
                }
                // an offset right after the name: "UTC+2", "GMT -5"
                Optional<ZoneAt> off = k == 1 && (name.equals("utc") || name.equals("gmt"))
                        ? offsetAfter(text, ends[0]) : Optional.empty();
                return Optional.of(off.map(x -> new ZoneAt(x.zone(), from, x.end())).orElse(new ZoneAt(z, from, ends[k - 1])));
            }
        }
        return Optional.empty();
    }

    private static Optional<ZoneAt> offsetAfter(String text, int at) {
        int i = at;
        if (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i >= text.length() || "+-−".indexOf(text.charAt(i)) < 0) {
            return Optional.empty();
        }
        return zoneStarting(text, i);
    }

    /** A whole text that names a zone ({@code UTC}, {@code PST}, {@code Pacific Time}, {@code Europe/Berlin}). */
    public static Optional<ZoneId> zone(String text) {
        String t = unwrap(text);
        Optional<ZoneAt> z = zoneStarting(t, 0);
        return z.isPresent() && t.substring(z.get().end()).strip().isEmpty() ? Optional.of(z.get().zone())
                : Optional.empty();
    }

    /**
     * The zone a note names: {@code All times in UTC.}, {@code All times are CET}, {@code Times in Pacific Time (PT)},
     * {@code (all times UTC)}, {@code Timezone: Europe/Berlin}; or the note itself when it is only a zone
     * ({@code (UTC)}). Returns where the zone is written in the note.
     */
    public static Optional<ZoneAt> zoneNote(String note) {
        String t = note;
        int lead = 0;
        while (lead < t.length() && (t.charAt(lead) == '(' || t.charAt(lead) == ' ' || t.charAt(lead) == '*'
                || t.charAt(lead) == '_')) {
            lead++;
        }
        Optional<ZoneAt> whole = zoneStarting(t, lead);
        if (whole.isPresent() && t.substring(whole.get().end()).replaceAll("[)*_.\\s]", "").isEmpty()) {
            return whole;
        }
        Matcher m = ZONE_NOTE.matcher(t);
        while (m.find()) {
            Optional<ZoneAt> z = zoneStarting(t, m.end());
            if (z.isPresent()) {
                return z;
            }
        }
        return Optional.empty();
    }

    /**
     * A whole text that is a date: ISO ({@code 2021-06-30}), or with a month name ({@code June 30, 2021},
     * {@code 30 June 2021}, {@code Wednesday 30th June 2021}); a weekday and ordinal suffixes are ignored.
     */
    public static Optional<LocalDate> date(String text) {
        String t = unwrap(text);
        Matcher iso = ISO_DATE.matcher(t);
        if (iso.matches()) {
            return Optional.ofNullable(date(iso.group(1), iso.group(2), iso.group(3)));
        }
        return Optional.ofNullable(wordyDate(t));
    }

    /** A date at the start of a text and where it ends (for a field such as {@code 2025-03-14 14:00 UTC}). */
    public static Optional<Reading> leadingDate(String text) {
        String t = text.strip();
        Matcher iso = ISO_DATE.matcher(t);
        if (iso.lookingAt()) {
            LocalDate d = date(iso.group(1), iso.group(2), iso.group(3));
            return d == null ? Optional.empty() : Optional.of(new Reading(d, null, null, iso.end()));
        }
        // a worded date: try ever shorter prefixes of up to six words
        String[] words = t.split("\\s+", 7);
        for (int k = Math.min(words.length, 6); k >= 2; k--) {
            String candidate = String.join(" ", java.util.Arrays.copyOf(words, k));
            LocalDate d = wordyDate(candidate);
            if (d != null) {
                return Optional.of(new Reading(d, null, null, t.indexOf(words[k - 1]) + words[k - 1].length()));
            }
        }
        return Optional.empty();
    }

    private static @Nullable LocalDate wordyDate(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace(",", " ").replace(".", " ").strip();
        String[] parts = t.split("\\s+");
        Integer month = null;
        Integer day = null;
        Integer year = null;
        for (String p : parts) {
            if (p.isEmpty() || isWeekday(p) || p.equals("of") || p.equals("the")) {
                continue;
            }
            Integer m = MONTHS.get(p);
            if (m != null && month == null) {
                month = m;
                continue;
            }
            String digits = p.replaceFirst("(st|nd|rd|th)$", "");
            if (!digits.matches("\\d{1,4}")) {
                return null;
            }
            int v = Integer.parseInt(digits);
            if (digits.length() == 4 && year == null) {
                year = v;
            } else if (digits.length() <= 2 && day == null) {
                day = v;
            } else {
                return null;
            }
        }
        if (month == null || day == null || year == null) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isWeekday(String word) {
        return switch (word) {
            case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
                 "wed", "thu", "thur", "thurs", "fri", "sat", "sun" -> true;
            default -> false;
        };
    }

    private static @Nullable LocalDate date(String y, String m, String d) {
        try {
            return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable LocalTime time(String h, String m, @Nullable String s, @Nullable String ampm) {
        int hour = Integer.parseInt(h);
        int minute = Integer.parseInt(m);
        int second = s == null ? 0 : Integer.parseInt(s);
        if (ampm != null) {
            if (hour < 1 || hour > 12) {
                return null;
            }
            boolean pm = ampm.equalsIgnoreCase("p");
            hour = hour % 12 + (pm ? 12 : 0);
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        return LocalTime.of(hour, minute, second);
    }
}
