package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.chaos.ExperimentResult;
import io.github.incident4j.chaos.Fault;
import io.github.incident4j.chaos.ProbeMode;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.oncall.Layer;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.oncall.Participant;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.oncall.ScheduleOverride;
import io.github.incident4j.postmortem.ActionItem;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.postmortem.Priority;
import io.github.incident4j.postmortem.TimelineEntry;
import io.github.incident4j.runbook.DiagnosisStep;
import io.github.incident4j.runbook.Mitigation;
import io.github.incident4j.runbook.Runbook;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.ListArbitrary;
import net.jqwik.api.statistics.Histogram;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Bounded everywhere, the writers' half (issue 22): every writer's output is at most {@value #FACTOR} times its input
 * plus a constant for the fixed parts of its layout. The input of a model writer is measured by the model's own
 * {@code toString()}, which holds every text of the model once (the matrix, whose writers promise a tighter bound,
 * is measured by its text and cells: see {@link EscalationMatrixBoundsTest#bound}). The generated models mix many
 * short texts with a few long ones, the shape that made the matrix writer pad every row to the widest cell.
 */
class WriterBoundsProperties {

    /** How many times its input a writer may write. */
    static final long FACTOR = 8;
    /** The fixed text of a layout: headings, keys, a calendar's header. */
    static final long CONSTANT = 4_096;

    static void bounded(String writer, String output, long input) {
        assertThat((long) output.length()).as("%s wrote %s characters for an input of %s", writer, output.length(), input)
                .isLessThanOrEqualTo(FACTOR * input + CONSTANT);
        Statistics.label(writer).collect(Math.round(10.0 * output.length() / Math.max(1, input)) / 10.0);
    }

    /** Mostly short words, now and then a long text: the skew that exposes per-row padding. */
    static Arbitrary<String> text() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abcdefghXYZ0123").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> longText = Arbitraries.integers().between(200, 6_000).map(n -> "L" + "x".repeat(n));
        return Arbitraries.frequencyOf(Tuple.of(30, word.map(w -> "W" + w)), Tuple.of(1, longText));
    }

    static ListArbitrary<String> texts(int max) {
        return text().list().ofMaxSize(max);
    }

    @Provide
    Arbitrary<EscalationMatrix> matrices() {
        return Arbitraries.integers().between(1, 4).flatMap(tiers -> texts(150).flatMap(rows -> texts(rows.size() * tiers)
                .ofSize(rows.size() * tiers).map(cells -> {
                    EscalationMatrix.Builder b = EscalationMatrix.builder();
                    List<String> names = new ArrayList<>();
                    for (int t = 0; t < tiers; t++) {
                        names.add("L" + (t + 1));
                    }
                    b.tiers(names.toArray(String[]::new));
                    for (int r = 0; r < rows.size(); r++) {
                        b.category("C" + r + rows.get(r), cells.subList(r * tiers, (r + 1) * tiers).toArray(String[]::new));
                    }
                    return b.build();
                })));
    }

    @Property(tries = 60)
    @Label("the matrix writers write a small multiple of the matrix: 20 times its text and cells, plus 64")
    @StatisticsReport(format = Histogram.class)
    void matrix(@ForAll("matrices") EscalationMatrix m) {
        long size = EscalationMatrixBoundsTest.size(m);
        for (String out : List.of(EscalationMatrixText.render(m), EscalationMatrixText.renderMarkdown(m))) {
            assertThat((long) out.length()).isLessThanOrEqualTo(EscalationMatrixBoundsTest.bound(size));
        }
        Statistics.label("matrix box").collect(Math.round(10.0 * EscalationMatrixText.render(m).length() / size) / 10.0);
    }

    @Provide
    Arbitrary<Postmortem> postmortems() {
        return texts(150).flatMap(actions -> texts(150).map(events -> {
            List<ActionItem> items = new ArrayList<>();
            for (int i = 0; i < actions.size(); i++) {
                items.add(new ActionItem(Priority.values()[i % Priority.values().length], actions.get(i),
                        i % 3 == 0 ? null : "owner" + i, null, ActionItem.Status.OPEN));
            }
            List<TimelineEntry> timeline = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                timeline.add(new TimelineEntry(LocalTime.of(i / 60 % 24, i % 60), events.get(i)));
            }
            return Postmortem.titled("Payments outage").timeline(timeline).actionItems(items).build();
        }));
    }

    @Property(tries = 60)
    @Label("PostmortemMarkdown.render writes a small multiple of the postmortem, its tables included")
    void postmortem(@ForAll("postmortems") Postmortem p) {
        bounded("postmortem", PostmortemMarkdown.render(p), p.toString().length());
    }

    @Provide
    Arbitrary<Runbook> runbooks() {
        return texts(80).flatMap(steps -> texts(40).map(commands -> {
            Runbook.Builder b = Runbook.forService("payment-service").title("Payment Service", "High error rate")
                    .alert("ServiceHighErrorRate", "error rate > 5% for 5m");
            for (String s : steps) {
                b.diagnose(new DiagnosisStep(s, Optional.of("kubectl get pods -n production"), List.of()));
            }
            for (int i = 0; i < commands.size(); i++) {
                b.mitigation(new Mitigation("Mitigation " + i, Optional.empty(),
                        List.of("kubectl rollout undo deployment/" + commands.get(i).toLowerCase(java.util.Locale.ROOT)), ""));
            }
            steps.forEach(b::recovery);
            return b.build();
        }));
    }

    @Property(tries = 60)
    @Label("RunbookMarkdown.render writes a small multiple of the runbook")
    void runbook(@ForAll("runbooks") Runbook r) {
        bounded("runbook", RunbookMarkdown.render(r), r.toString().length());
    }

    @Property(tries = 60)
    @Label("PrometheusRules.render writes a small multiple of the runbook's alerts and their PromQL")
    void prometheusRules(@ForAll("texts") List<String> names, @ForAll("texts") List<String> queries) {
        Runbook.Builder b = Runbook.forService("payment-service").title("Payment Service", "");
        for (int i = 0; i < names.size(); i++) {
            b.alert(names.get(i) + i, "error rate > 5% for 5m");
        }
        if (names.isEmpty()) {
            b.alert("ServiceHighErrorRate", "error rate > 5% for 5m");
        }
        Runbook r = b.build();
        // PrometheusRules refuses what is not PromQL: each generated text becomes a label value of its own term
        StringBuilder promql = new StringBuilder("sum(rate(http_requests_total{code=~\"5..\"}[5m]))");
        for (String q : queries) {
            promql.append(" + count(up{note=\"").append(q.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")).append("\"})");
        }
        String url = "https://runbooks.example.com/" + (queries.isEmpty() ? "x" : queries.get(0));
        // each rule carries its metric's PromQL in full (the format has no sharing): the input of a rule is its
        // alert and the expression it uses
        bounded("prometheus rules", PrometheusRules.render(r, url, Map.of("error rate", promql.toString())),
                r.toString().length() + (long) r.alerts().size() * promql.length() + url.length());
    }

    @Provide
    Arbitrary<List<String>> texts() {
        return texts(100);
    }

    @Provide
    Arbitrary<OnCallConfig> configs() {
        return texts(100).flatMap(people -> texts(30).map(overrides -> {
            List<Participant> participants = new ArrayList<>();
            for (int i = 0; i < people.size(); i++) {
                participants.add(Participant.named(people.get(i) + i));
            }
            if (participants.isEmpty()) {
                participants.add(Participant.named("Alice"));
            }
            Schedule.Builder s = Schedule.named("Backend On-Call").layer(Layer.of(participants));
            Instant t = Instant.parse("2026-03-02T09:00:00Z");
            for (int i = 0; i < overrides.size(); i++) {
                s.override(ScheduleOverride.of(overrides.get(i), t.plus(Duration.ofHours(i)), t.plus(Duration.ofHours(i + 1)))
                        .because(overrides.get(overrides.size() - 1 - i)));
            }
            EscalationPolicy policy = EscalationPolicy.named("Backend On-Call")
                    .level(1, Duration.ofMinutes(15), Target.onCall("Backend On-Call"))
                    .level(2, Target.person(participants.get(participants.size() - 1).name())).build();
            return OnCallConfig.of(s.build(), policy);
        }));
    }

    @Property(tries = 60)
    @Label("OnCallYaml.render writes a small multiple of the configuration")
    void onCall(@ForAll("configs") OnCallConfig c) {
        bounded("on-call YAML", OnCallYaml.render(c), c.toString().length());
    }

    @Provide
    Arbitrary<ChaosExperiment> experiments() {
        return texts(100).map(values -> {
            Fault.Builder f = Fault.named(Fault.POD_DELETE).env("TOTAL_CHAOS_DURATION", "30");
            for (int i = 0; i < values.size(); i++) {
                f.env("NOTE_" + i, values.get(i));
            }
            return ChaosExperiment.named("pod-delete-test").target("production", "app=payment-service")
                    .serviceAccount("litmus-admin").fault(f.build()).build();
        });
    }

    @Property(tries = 60)
    @Label("ChaosEngineYaml.render writes a small multiple of the experiment")
    void chaosEngine(@ForAll("experiments") ChaosExperiment e) {
        bounded("ChaosEngine YAML", ChaosEngineYaml.render(e), e.toString().length());
    }

    @Property(tries = 60)
    @Label("ChaosResultYaml.render writes a small multiple of the result")
    void chaosResult(@ForAll("texts") List<String> checks, @ForAll("texts") List<String> reasons) {
        List<ExperimentResult.Check> list = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            list.add(new ExperimentResult.Check(checks.get(i), "promProbe", ProbeMode.CONTINUOUS, i, i % 2,
                    i % 2 == 0 ? ExperimentResult.ProbeVerdict.PASSED : ExperimentResult.ProbeVerdict.FAILED));
        }
        Instant t = Instant.parse("2026-03-02T09:00:00Z");
        ExperimentResult r = new ExperimentResult("pod-delete-test", "production", ExperimentResult.Verdict.FAIL,
                String.join(" ", reasons), t, t.plusSeconds(60), list, List.of(), List.of(), List.of(), 50);
        bounded("ChaosResult YAML", ChaosResultYaml.render(r, "pod-delete"), r.toString().length());
    }

    @Property(tries = 60)
    @Label("ICalendar.render writes a small multiple of its events, folding and escaping included")
    void calendar(@ForAll("texts") List<String> summaries) {
        Map<String, String> byUid = new LinkedHashMap<>();
        for (int i = 0; i < summaries.size(); i++) {
            byUid.put("shift-" + i + "@incident4j", summaries.get(i).replace('X', ',').replace('Y', ';'));
        }
        Instant t = Instant.parse("2026-03-02T09:00:00Z");
        List<ICalendar.Event> events = new ArrayList<>();
        long input = 0;
        int i = 0;
        for (Map.Entry<String, String> e : byUid.entrySet()) {
            events.add(new ICalendar.Event(e.getKey(), e.getValue(), t.plus(Duration.ofHours(i)),
                    t.plus(Duration.ofHours(i + 1)), e.getValue()));
            input += e.getKey().length() + 2L * e.getValue().length() + 64; // two instants of ~20 characters each
            i++;
        }
        bounded("iCalendar", ICalendar.render("Backend On-Call", t, events), input);
    }
}
