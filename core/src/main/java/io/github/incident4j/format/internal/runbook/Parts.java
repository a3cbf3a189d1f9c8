package io.github.incident4j.format.internal.runbook;

import io.github.incident4j.runbook.RunbookPart;
import java.util.Optional;

/** Section headings matched by meaning: the synonyms of each known part of a runbook. */
final class Parts {

    private Parts() {
    }

    /** The part a heading names, matched by meaning (see {@link RunbookPart#forHeading}). */
    static Optional<RunbookPart> of(String heading) {
        return RunbookPart.forHeading(heading);
    }

    /** The headings the reader knows, for messages. */
    static String known() {
        return "Overview/Summary/Meaning, Detection/Alert, Diagnosis/Investigation/Troubleshooting, "
                + "Mitigation/Remediation/Resolution/Fix, Recovery/Verification/Validation";
    }
}
