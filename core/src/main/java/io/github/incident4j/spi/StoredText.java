package io.github.incident4j.spi;

import io.github.incident4j.common.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The text contract every {@link IncidentStore} keeps, so that no behaviour depends on the store: a store keeps
 * every text of a record <b>exactly</b> as given (compared with {@code equals}: right-to-left marks, emoji,
 * combining marks, line breaks, tabs and 1 MiB summaries included), and <b>refuses the whole record</b> with a
 * {@link StoreRefusedException} naming every bad field, before writing anything, when a text
 *
 * <ul>
 *   <li>holds a character {@link Text#textProblem(String)} names: NUL or another C0 control other than tab, line
 *       feed and carriage return, DEL, or an unpaired surrogate (PostgreSQL refuses NUL and turns a lone surrogate
 *       into {@code ?}: what one database would refuse or alter, every store refuses);</li>
 *   <li>or is longer than its field's limit: {@value #ID_LIMIT} characters for the id, {@value #SEVERITY_LIMIT} for
 *       the severity, {@value #NAME_LIMIT} for the short, indexed or matched texts (dedup key, service, category,
 *       assignee, and each timeline row's actor, recipient and response). The summary, labels, annotations and each
 *       row's detail have no limit.</li>
 * </ul>
 *
 * <p>The engine never sends such a record: it makes outside text storable and bounded first
 * ({@link Text#storable(String, int)}) and does not page a person whose name cannot be stored. This class is
 * public so that a host's own store can apply the same contract: {@code StoredText.check(record, stored)} at the
 * start of its save. The store compatibility kit checks every field against {@code HostileStrings}.
 */
public final class StoredText {

    /** Longest id, in characters. */
    public static final int ID_LIMIT = 100;
    /** Longest severity label, in characters. */
    public static final int SEVERITY_LIMIT = 20;
    /** Longest dedup key, service, category, assignee, actor, recipient and response, in characters. */
    public static final int NAME_LIMIT = 500;

    private StoredText() {
    }

    /**
     * Refuses {@code record} if it breaks the contract. Only what a save over {@code stored} (the record as stored
     * now, or null for an insert) would write is looked at: the origin when it is not the stored one, the assignee
     * when it changed, and the timeline rows past the stored ones. Cheap: no copy, one pass over the new text.
     *
     * @throws StoreRefusedException naming every bad field
     */
    public static void check(IncidentRecord record, @Nullable IncidentRecord stored) {
        List<String> problems = null;
        if (stored == null || record.origin() != stored.origin()) {
            problems = origin(record, problems);
        }
        if (stored == null || !java.util.Objects.equals(record.assignee(), stored.assignee())) {
            problems = check("assignee", record.assignee(), NAME_LIMIT, problems);
        }
        List<IncidentRecord.Event> rows = record.timeline();
        for (int i = stored == null ? 0 : Math.min(stored.timeline().size(), rows.size()); i < rows.size(); i++) {
            problems = row(i, rows.get(i), problems);
        }
        if (problems != null) {
            throw new StoreRefusedException(record.id(), problems);
        }
    }

    /** What is wrong with {@code value} as a stored text of at most {@code limit} characters, if anything. */
    public static @Nullable String problem(@Nullable String value, int limit) {
        if (value == null) {
            return null;
        }
        if (value.length() > limit) {
            return "is " + value.length() + " characters long, more than the " + limit + " a store keeps";
        }
        return Text.textProblem(value).map(p -> "must hold no control character but tab and line breaks, nor an "
                + "unpaired surrogate, but holds " + p).orElse(null);
    }

    private static @Nullable List<String> origin(IncidentRecord r, @Nullable List<String> problems) {
        problems = check("id", r.id(), ID_LIMIT, problems);
        problems = check("dedupKey", r.dedupKey(), NAME_LIMIT, problems);
        problems = check("service", r.service(), NAME_LIMIT, problems);
        problems = check("summary", r.summary(), Integer.MAX_VALUE, problems);
        problems = check("severity", r.severity(), SEVERITY_LIMIT, problems);
        problems = check("category", r.category(), NAME_LIMIT, problems);
        problems = map("labels", r.labels(), problems);
        return map("annotations", r.annotations(), problems);
    }

    private static @Nullable List<String> map(String field, Map<String, String> map,
            @Nullable List<String> problems) {
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (problem(e.getKey(), Integer.MAX_VALUE) == null && problem(e.getValue(), Integer.MAX_VALUE) == null) {
                continue; // names built only for a problem
            }
            String key = Text.shown(e.getKey());
            problems = check(field + " key '" + key + "'", e.getKey(), Integer.MAX_VALUE, problems);
            problems = check(field + "['" + key + "']", e.getValue(), Integer.MAX_VALUE, problems);
        }
        return problems;
    }

    private static @Nullable List<String> row(int i, IncidentRecord.Event e, @Nullable List<String> problems) {
        // the field's name is built only for a problem: every save of every store runs this for its new rows
        if (problem(e.actor(), NAME_LIMIT) == null && problem(e.recipient(), NAME_LIMIT) == null
                && problem(e.response(), NAME_LIMIT) == null && problem(e.detail(), Integer.MAX_VALUE) == null) {
            return problems;
        }
        problems = check("timeline[" + i + "].actor", e.actor(), NAME_LIMIT, problems);
        problems = check("timeline[" + i + "].recipient", e.recipient(), NAME_LIMIT, problems);
        problems = check("timeline[" + i + "].response", e.response(), NAME_LIMIT, problems);
        return check("timeline[" + i + "].detail", e.detail(), Integer.MAX_VALUE, problems);
    }

    private static @Nullable List<String> check(String field, @Nullable String value, int limit,
            @Nullable List<String> problems) {
        String p = problem(value, limit);
        if (p == null) {
            return problems;
        }
        List<String> out = problems == null ? new ArrayList<>(2) : problems;
        out.add(field + " " + p + ": '" + Text.shown(value) + "'");
        return out;
    }
}
