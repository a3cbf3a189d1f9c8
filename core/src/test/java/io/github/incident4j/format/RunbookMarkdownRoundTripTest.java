package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.runbook.DiagnosisStep;
import io.github.incident4j.runbook.Mitigation;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.runbook.RunbookPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RunbookMarkdownRoundTripTest {

    @Property(tries = 300)
    @Label("reading a rendered runbook gives the same runbook, and rendering it again gives the same text")
    void roundTrip(@ForAll("runbooks") Runbook runbook) {
        String markdown = RunbookMarkdown.render(runbook);
        Runbook back = RunbookMarkdown.parse(markdown);
        assertThat(back).isEqualTo(runbook);
        assertThat(RunbookMarkdown.render(back)).isEqualTo(markdown);
    }

    static Arbitrary<String> word() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789").ofMinLength(1).ofMaxLength(8);
    }

    /** A single line of prose with punctuation, beginning with a letter. */
    static Arbitrary<String> line() {
        Arbitrary<String> token = Arbitraries.oneOf(word(), word(), word(),
                Arbitraries.of(":", "-", "(x)", "#tag", "50%", "<", ">", "*", "**bold**", "a/b", "${var}", "→", "1.", "—"));
        return Combinators.combine(word(), token.list().ofMaxSize(6)).as((first, rest) -> {
            StringBuilder b = new StringBuilder("W" + first);
            rest.forEach(t -> b.append(' ').append(t));
            return b.toString();
        });
    }

    static Arbitrary<String> plainLine() {
        return word().list().ofMinSize(1).ofMaxSize(4).map(ws -> "P" + String.join(" ", ws));
    }

    static Arbitrary<String> prose() {
        return Arbitraries.oneOf(line(), line(), Arbitraries.just(""), Arbitraries.just("```"), Arbitraries.just("- item"))
                .list().ofMinSize(1).ofMaxSize(5)
                .map(ls -> {
                    List<String> lines = new ArrayList<>(ls);
                    long fences = lines.stream().filter(l -> l.equals("```")).count();
                    if (fences % 2 == 1) {
                        lines.add("```");
                    }
                    lines.add(0, "Note");
                    return String.join("\n", lines).strip();
                });
    }

    static Arbitrary<String> command() {
        return Arbitraries.oneOf(
                word().map(w -> "kubectl get pods -n production -l app=" + w.toLowerCase(java.util.Locale.ROOT)),
                word().map(w -> "kubectl rollout undo deployment/${service} -n ${ns}"),
                word().map(w -> "redis-cli -h " + w.toLowerCase(java.util.Locale.ROOT) + " ping"),
                Arbitraries.just("curl -s -o /dev/null -w \"%{http_code}\" https://upstream/health"),
                Arbitraries.just("kubectl logs -n production -l app=x --since=10m | grep 'two  spaces'"),
                line());
    }

    static Arbitrary<DiagnosisStep> substep() {
        return Combinators.combine(plainLine(), command().optional()).as((d, c) -> new DiagnosisStep(d, c, List.of()));
    }

    static Arbitrary<DiagnosisStep> step() {
        return Combinators.combine(Arbitraries.oneOf(line(), line().map(l -> l + ":")), command().optional(), substep().list().ofMaxSize(3))
                .as(DiagnosisStep::new);
    }

    static Arbitrary<Mitigation> mitigation() {
        return Combinators.combine(plainLine(), plainLine().optional(), command().list().ofMaxSize(3),
                        Arbitraries.oneOf(Arbitraries.just(""), line()))
                .as(Mitigation::new);
    }

    @Provide
    Arbitrary<Runbook> runbooks() {
        Arbitrary<Runbook.Builder> base = Combinators.combine(word(), plainLine(), Arbitraries.oneOf(Arbitraries.just(""), line()),
                        Arbitraries.oneOf(Arbitraries.just(""), word()), plainLine().list().ofMaxSize(3),
                        Arbitraries.of("production", "staging").optional())
                .as((service, title, issue, owner, escalation, ns) -> {
                    Runbook.Builder b = Runbook.forService(service.toLowerCase(java.util.Locale.ROOT)).title(title, issue.replace("—", "-"))
                            .owner(owner).escalation(escalation.toArray(String[]::new));
                    ns.ifPresent(b::namespace);
                    return b;
                });
        Arbitrary<List<String[]>> alerts = Combinators.combine(word(), Arbitraries.of("", "error rate > 5% for 5m", "latency p99 above 2s", "looks bad"))
                .as((n, c) -> new String[] {n, c}).list().ofMaxSize(3);
        Arbitrary<List<String>> dashboards = Arbitraries.of("https://grafana/d/1", "https://grafana/d/2 (main)").list().ofMaxSize(2);
        Arbitrary<List<Optional<String>>> notes = prose().optional(0.3).list().ofSize(RunbookPart.values().length);
        Arbitrary<List<String[]>> extras = Combinators.combine(plainLine().map(h -> "X " + h), prose().optional(),
                        Arbitraries.of(RunbookPart.TITLE, RunbookPart.OVERVIEW, RunbookPart.DETECTION, RunbookPart.DIAGNOSIS,
                                RunbookPart.MITIGATION, RunbookPart.RECOVERY))
                .as((h, body, after) -> new String[] {h, body.orElse(""), after.name()}).list().ofMaxSize(3);
        Arbitrary<List<String>> recovery = Arbitraries.oneOf(line(), Arbitraries.of("Error rate returns to baseline (< 0.1%)",
                "No new error log entries", "Confirm in dashboard for 15 minutes")).list().ofMaxSize(4);
        return Combinators.combine(base, alerts, dashboards, step().list().ofMaxSize(4), mitigation().list().ofMaxSize(3),
                        recovery, notes, extras)
                .as((b, as, ds, steps, ms, rs, ns, xs) -> {
                    as.forEach(a -> b.alert(a[0], a[1]));
                    ds.forEach(b::dashboard);
                    steps.forEach(b::diagnose);
                    for (int i = 0; i < ms.size(); i++) {
                        Mitigation m = ms.get(i);
                        b.mitigation(new Mitigation(m.name() + " " + i, m.condition(), m.commands(), m.notes()));
                    }
                    rs.forEach(b::recovery);
                    for (RunbookPart part : RunbookPart.values()) {
                        // what the template can hold as notes: no code in Mitigation, no lists or code in Diagnosis,
                        // no lists in Recovery (they would read as steps and criteria)
                        boolean noCode = part == RunbookPart.MITIGATION || part == RunbookPart.DIAGNOSIS;
                        boolean noLists = part == RunbookPart.DIAGNOSIS || part == RunbookPart.RECOVERY;
                        ns.get(part.ordinal()).ifPresent(n -> b.notes(part, (noLists ? n.replace("- item", "item") : n)
                                .replace("```", noCode ? "code" : "```")));
                    }
                    xs.forEach(x -> b.section(x[0], x[1], RunbookPart.valueOf(x[2])));
                    return b.build();
                });
    }
}
