package io.github.incident4j.runbook;

/** The known parts of a runbook, in the order they are written. */
public enum RunbookPart {
    /** Anything before the title, such as front matter. */
    PREAMBLE("Preamble"),
    /** The {@code # Runbook: Service — Issue} line and prose under it. */
    TITLE("Title"),
    /** Service, owner, escalation path, namespace. */
    OVERVIEW("Overview"),
    /** Alerts and dashboards. */
    DETECTION("Detection"),
    /** Diagnosis steps. */
    DIAGNOSIS("Diagnosis"),
    /** Mitigation procedures. */
    MITIGATION("Mitigation"),
    /** Recovery verification criteria. */
    RECOVERY("Recovery Verification");

    private static final java.util.Map<String, RunbookPart> SYNONYMS = new java.util.HashMap<>();

    static {
        synonyms(OVERVIEW, "overview", "summary", "meaning", "description", "about", "about this alert", "alert overview",
                "what this alert means");
        synonyms(DETECTION, "detection", "alert", "alerts", "alerting", "alert details", "detection and alerting",
                "how it is detected");
        synonyms(DIAGNOSIS, "diagnosis", "diagnostics", "diagnose", "investigation", "investigate", "troubleshooting",
                "troubleshoot", "diagnosis steps", "debugging", "triage", "investigation steps", "troubleshooting steps");
        synonyms(MITIGATION, "mitigation", "mitigations", "remediation", "resolution", "resolve", "fix", "fixes",
                "mitigation steps", "remediation steps", "workaround", "workarounds", "how to fix");
        synonyms(RECOVERY, "recovery", "recovery verification", "verification", "validation", "verify", "verify recovery",
                "validate", "verifying recovery", "recovery validation", "post-mitigation verification");
    }

    private final String heading;

    RunbookPart(String heading) {
        this.heading = heading;
    }

    private static void synonyms(RunbookPart part, String... names) {
        for (String n : names) {
            SYNONYMS.put(n, part);
        }
    }

    /**
     * The part a section heading names, matched by meaning ({@link io.github.incident4j.common.Headings#normalize}):
     * Overview/Summary/Meaning, Detection/Alert, Diagnosis/Investigation/Troubleshooting,
     * Mitigation/Remediation/Resolution/Fix, Recovery/Verification/Validation, and a few more of each.
     */
    public static java.util.Optional<RunbookPart> forHeading(String heading) {
        return java.util.Optional.ofNullable(SYNONYMS.get(io.github.incident4j.common.Headings.normalize(heading)));
    }

    /** The heading the part is written under. */
    public String heading() {
        return heading;
    }
}
