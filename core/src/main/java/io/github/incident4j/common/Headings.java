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
}
