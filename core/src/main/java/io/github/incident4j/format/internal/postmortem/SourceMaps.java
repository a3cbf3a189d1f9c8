package io.github.incident4j.format.internal.postmortem;

import io.github.incident4j.postmortem.Postmortem;
import java.util.OptionalInt;

/** Questions about the source of a postmortem this package read. */
public final class SourceMaps {

    private SourceMaps() {
    }

    /** The line of a model path in the postmortem's source, when it has one this package made. */
    public static OptionalInt lineOf(Postmortem p, String path) {
        return p.source() instanceof SourceMap m ? m.line(path) : OptionalInt.empty();
    }
}
