package io.github.incident4j.format.internal.markdown;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What kind of document a text looks like, so that a reader refusing it can say so: a runbook given to the
 * postmortem reader "looks like a runbook (sections Diagnosis, Mitigation)", a postmortem given to the runbook
 * reader "looks like a postmortem (sections Timeline, Root Cause)", a Litmus file "looks like YAML (kind:
 * ChaosEngine)". Both Markdown readers use the same words, from here.
 *
 * @param kind the kind it resembles
 * @param evidence what shows it: the headings as written, or the YAML {@code kind}
 */
public record DocumentKind(Kind kind, List<String> evidence) {

    /** The kinds told apart. */
    public enum Kind {
        /** Sections such as Diagnosis, Mitigation, Troubleshooting. */
        RUNBOOK,
        /** Sections such as Timeline, Root Cause, Action Items, Lessons Learned. */
        POSTMORTEM,
        /** YAML rather than Markdown. */
        YAML,
        /** None of these. */
        UNKNOWN
    }

    /** Headings (normalised, see {@link #normalize}) only a runbook has. */
    public static final Set<String> RUNBOOK_HEADINGS = Set.of("diagnosis", "diagnostics", "investigation", "troubleshooting",
            "mitigation", "mitigations", "remediation", "recovery", "recovery verification", "verification", "validation",
            "meaning", "fix", "diagnosis steps", "mitigation steps", "remediation steps");
    /** Headings (normalised) only a postmortem has. */
    public static final Set<String> POSTMORTEM_HEADINGS = Set.of("timeline", "root cause", "root causes", "action items",
            "lessons learned", "what went well", "what went wrong", "where we got lucky", "trigger", "contributing factors",
            "follow-up actions", "follow-up", "corrective actions", "root cause analysis", "incident timeline",
            "five whys", "5 whys");

    private static final Pattern YAML_KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]*:(?:\\s|$)");
    private static final Pattern YAML_LINE = Pattern.compile("^\\s*(?:[A-Za-z_\"'][A-Za-z0-9_.\"' -]*:(?:\\s|$)|- |-$)");
    private static final Pattern YAML_KIND = Pattern.compile("(?m)^kind:\\s*['\"]?([A-Za-z][A-Za-z0-9]*)");

    /** Copies the evidence. */
    public DocumentKind {
        evidence = List.copyOf(evidence);
    }

    /** A heading as the readers match it: {@link io.github.incident4j.common.Headings#normalize}. */
    public static String normalize(String heading) {
        return io.github.incident4j.common.Headings.normalize(heading);
    }

    /**
     * What the text resembles: the kind whose distinctive headings it has more of, else YAML when its first lines
     * (after any front matter) read as YAML keys, else unknown.
     *
     * @param doc the text parsed as Markdown, or null when it could not be
     */
    public static DocumentKind of(String text, @Nullable MarkdownDocument doc) {
        if (doc != null) {
            Set<String> runbook = new LinkedHashSet<>();
            Set<String> postmortem = new LinkedHashSet<>();
            for (Block b : doc.blocks()) {
                if (b.kind() == Block.Kind.HEADING) {
                    String written = b.headingText();
                    String n = normalize(written);
                    if (RUNBOOK_HEADINGS.contains(n)) {
                        runbook.add(written);
                    } else if (POSTMORTEM_HEADINGS.contains(n) || n.startsWith("postmortem") || n.startsWith("post-mortem")
                            || n.startsWith("incident report")) {
                        postmortem.add(written);
                    }
                }
            }
            if (postmortem.size() > runbook.size()) {
                return new DocumentKind(Kind.POSTMORTEM, new ArrayList<>(postmortem));
            }
            if (runbook.size() > postmortem.size()) {
                return new DocumentKind(Kind.RUNBOOK, new ArrayList<>(runbook));
            }
        }
        int from = doc == null ? 0 : doc.frontMatter().map(FrontMatter::end).orElse(0);
        return yaml(from == 0 ? text : text.substring(from));
    }

    /** YAML when the first line that is neither blank, a comment, nor {@code ---} is a key and most such lines read as YAML. */
    private static DocumentKind yaml(String text) {
        int yamlish = 0;
        int other = 0;
        boolean first = true;
        int seen = 0;
        for (String line : text.split("\r\n|\r|\n", 200)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.equals("---") || t.equals("...")) {
                continue;
            }
            if (first && !YAML_KEY.matcher(line).find()) {
                return new DocumentKind(Kind.UNKNOWN, List.of());
            }
            first = false;
            if (YAML_LINE.matcher(line).find()) {
                yamlish++;
            } else {
                other++;
            }
            if (++seen == 100) {
                break;
            }
        }
        if (first || yamlish < 2 * other || yamlish < 2) {
            return new DocumentKind(Kind.UNKNOWN, List.of());
        }
        Matcher k = YAML_KIND.matcher(text);
        return new DocumentKind(Kind.YAML, k.find() ? List.of("kind: " + k.group(1)) : List.of());
    }

    /**
     * The words a refusal uses: {@code a postmortem (sections Timeline, Root Cause)}, {@code YAML (kind:
     * ChaosEngine)}, {@code a runbook (sections Diagnosis, Mitigation)}; empty for {@link Kind#UNKNOWN}.
     */
    public String describe() {
        String shown = evidence.isEmpty() ? "" : " (" + (kind == Kind.YAML ? "" : "sections ") + String.join(", ", evidence) + ")";
        return switch (kind) {
            case RUNBOOK -> "a runbook" + shown;
            case POSTMORTEM -> "a postmortem" + shown;
            case YAML -> "YAML" + shown;
            case UNKNOWN -> "";
        };
    }
}
