package io.github.incident4j.common;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How document headings are matched by meaning, the same for every reader: {@code "2. **Diagnosis**:"},
 * {@code "Timeline (UTC)"} and {@code "🔥 Mitigation"} normalise to {@code diagnosis}, {@code timeline} and
 * {@code mitigation}.
 */
public final class Headings {

    private static final Pattern NUMBERING = Pattern.compile("^(?:\\d{1,3}(?:\\.\\d{1,3})*[.)]?|[ivx]{1,4}[.)])\\s+");
    private static final Pattern PARENTHESIS = Pattern.compile("\\s*\\([^()]*\\)\\s*$");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Headings() {
    }

    /**
     * A heading as readers match it: lower case, emphasis and code marks removed, leading symbols (emoji) and numbering
     * ({@code 2.}, {@code 3.1}, {@code iv.}) removed, a trailing parenthesis ({@code (UTC)}), colon or full stop
     * removed, spaces collapsed.
     */
    public static String normalize(String heading) {
        String simple = simple(heading);
        if (simple != null) {
            return simple;
        }
        String h = heading.replace("*", "").replace("`", "").replace("_", " ").strip();
        int i = 0;
        while (i < h.length() && !Character.isLetterOrDigit(h.codePointAt(i))) {
            i += Character.charCount(h.codePointAt(i));
        }
        h = h.substring(i).toLowerCase(Locale.ROOT);
        h = NUMBERING.matcher(h).replaceFirst("");
        h = PARENTHESIS.matcher(h).replaceFirst("");
        while (h.endsWith(":") || h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return SPACES.matcher(h.strip()).replaceAll(" ");
    }

    /** The usual heading (letters, digits and single spaces, perhaps a trailing colon) normalised without regexes, else null. */
    private static String simple(String heading) {
        int end = heading.length();
        while (end > 0 && (heading.charAt(end - 1) == ':' || heading.charAt(end - 1) == ' ' || heading.charAt(end - 1) == '.')) {
            end--;
        }
        if (end == 0 || !Character.isLetter(heading.charAt(0))) {
            return null;
        }
        for (int i = 0; i < end; i++) {
            char c = heading.charAt(i);
            if (c == '*' || c == '`' || c == '_' || c == '(' || c == ')' || c == '.' || c == '\t' || c == ' ' && heading.charAt(i - 1) == ' '
                    || Character.isSurrogate(c)) {
                return null;
            }
        }
        return heading.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
