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

    private final String heading;

    RunbookPart(String heading) {
        this.heading = heading;
    }

    /** The heading the part is written under. */
    public String heading() {
        return heading;
    }
}
