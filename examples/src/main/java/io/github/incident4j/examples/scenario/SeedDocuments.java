package io.github.incident4j.examples.scenario;

import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.format.ChaosEngineYaml;
import io.github.incident4j.format.EscalationMatrixText;
import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.runbook.Runbook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The seed documents shipped in this module ({@code /seed/} on the classpath), parsed by the library's readers.
 *
 * @param runbook the runbook, bound to the scenario's service (see {@link #load})
 * @param runbookPlaceholders how many times the runbook's placeholder service name was replaced
 * @param oncall the rotation and its escalation policy
 * @param matrix the escalation matrix
 * @param chaos the chaos experiment
 * @param postmortemTemplate the postmortem template (its placeholders read as absent values)
 */
record SeedDocuments(Runbook runbook, int runbookPlaceholders, OnCallConfig oncall, EscalationMatrix matrix,
                     ChaosExperiment chaos, Postmortem postmortemTemplate) {

    /** The service name the seed runbook is written for. */
    static final String RUNBOOK_PLACEHOLDER = "service-name";

    static final String RUNBOOK = "runbook-template.md";
    static final String ROTATION = "oncall-rotation.yaml";
    static final String MATRIX = "escalation-matrix.txt";
    static final String CHAOS = "chaos-pod-delete.yaml";
    static final String POSTMORTEM = "postmortem-template.md";

    /**
     * Loads and parses every seed. The seed runbook names its service {@code service-name} in plain text (it has
     * no {@code ${...}} variables to bind), so it is bound to {@code service} by rendering a copy with that
     * placeholder replaced, then parsing the copy: every command, the overview and the recovery checks then
     * name the real service, exactly as a team would fill in the template.
     */
    static SeedDocuments load(String service) {
        String runbookText = read(RUNBOOK);
        int placeholders = runbookText.split(RUNBOOK_PLACEHOLDER, -1).length - 1;
        Runbook runbook = RunbookMarkdown.parse(runbookText.replace(RUNBOOK_PLACEHOLDER, service));
        return new SeedDocuments(runbook, placeholders, OnCallYaml.parse(read(ROTATION)),
                EscalationMatrixText.parse(read(MATRIX)), ChaosEngineYaml.parse(read(CHAOS)),
                PostmortemMarkdown.parse(read(POSTMORTEM)));
    }

    /** A seed document's text. */
    static String read(String name) {
        try (InputStream in = SeedDocuments.class.getResourceAsStream("/seed/" + name)) {
            if (in == null) {
                throw new IllegalStateException("seed/" + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
