package io.github.incident4j.format;

import io.github.incident4j.chaos.ExperimentResult;
import io.github.incident4j.format.internal.YamlWriters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an {@link ExperimentResult} in the shape of a Litmus {@code ChaosResult}: {@code status.experimentStatus}
 * (phase, verdict, failStep, probeSuccessPercentage), {@code status.probeStatuses} and {@code status.history}, with
 * the values litmus-go's result package gives: the verdict and percentage of the run, each probe's Passed, Failed or
 * N/A.
 *
 * <pre>{@code
 * String yaml = ChaosResultYaml.render(result, "pod-delete");
 * }</pre>
 */
public final class ChaosResultYaml {


    private ChaosResultYaml() {
    }

    /** The ChaosResult for the run of {@code fault} (named {@code <engine>-<fault>} as Litmus names it). */
    public static String render(ExperimentResult result, String fault) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", ChaosEngineYaml.API_VERSION);
        root.put("kind", "ChaosResult");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", result.experiment() + "-" + fault);
        metadata.put("namespace", result.namespace());
        root.put("metadata", metadata);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("engine", result.experiment());
        spec.put("experiment", fault);
        root.put("spec", spec);
        Map<String, Object> status = new LinkedHashMap<>();
        Map<String, Object> exp = new LinkedHashMap<>();
        exp.put("phase", result.phase());
        exp.put("verdict", result.verdict().litmusName());
        exp.put("failStep", result.passed() ? "N/A" : result.reason());
        exp.put("probeSuccessPercentage", String.valueOf(result.probeSuccessPercentage()));
        status.put("experimentStatus", exp);
        List<Object> probes = new ArrayList<>();
        for (ExperimentResult.Check c : result.checks()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", c.name());
            p.put("type", c.type());
            p.put("mode", c.mode().litmusName());
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("verdict", c.verdict().litmusName());
            st.put("description", c.passed() + " passed, " + c.failed() + " failed");
            p.put("status", st);
            probes.add(p);
        }
        status.put("probeStatuses", probes);
        Map<String, Object> history = new LinkedHashMap<>();
        String v = result.verdict().litmusName().toLowerCase(Locale.ROOT);
        history.put("passedRuns", v.equals("pass") ? 1 : 0);
        history.put("failedRuns", v.equals("fail") ? 1 : 0);
        history.put("stoppedRuns", v.equals("stopped") ? 1 : 0);
        status.put("history", history);
        root.put("status", status);
        return YamlWriters.write(YamlWriters.Style.PLAIN, root);
    }
}
