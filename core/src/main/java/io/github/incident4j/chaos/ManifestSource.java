package io.github.incident4j.chaos;

/**
 * How a parsed experiment was written: the manifest's text and what its reader needs to write it back. A reader
 * ({@code format.ChaosEngineYaml}) attaches one to each experiment it reads and its writer uses it, so that an
 * unchanged experiment renders to the very bytes it was read from and a changed one rewrites only what changed. It
 * is not part of what an experiment is: two experiments that differ only in their source are equal, and
 * {@link ChaosExperiment#toBuilder()} keeps it so edits still render in place.
 */
public interface ManifestSource {

    /** The text the experiment was read from. */
    String text();
}
