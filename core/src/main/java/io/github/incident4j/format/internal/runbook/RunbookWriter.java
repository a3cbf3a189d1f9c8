package io.github.incident4j.format.internal.runbook;

import io.github.incident4j.common.Origin;
import io.github.incident4j.runbook.Runbook;

/** Chooses how a runbook is written: into the document it was read from, else in the template layout. */
public final class RunbookWriter {

    private RunbookWriter() {
    }

    /** The runbook written into its origin when that is a Markdown document this package read, else the template. */
    public static String render(Runbook runbook, Origin origin) {
        if (origin instanceof RunbookSource source) {
            return RunbookSplicer.render(runbook, source);
        }
        return RunbookTemplate.render(runbook);
    }
}
