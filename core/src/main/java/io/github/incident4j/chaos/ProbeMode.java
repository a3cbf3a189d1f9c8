package io.github.incident4j.chaos;

import java.util.Optional;

/** When a probe runs, with Litmus's names. */
public enum ProbeMode {
    /** Start of test: before injecting. */
    SOT("SOT"),
    /** End of test: after recovery. */
    EOT("EOT"),
    /** Before and after: must pass both times. */
    EDGE("Edge"),
    /** Repeatedly at its interval while the fault is injected. */
    CONTINUOUS("Continuous"),
    /** Repeatedly at its interval, only while the fault is injected. */
    ON_CHAOS("OnChaos");

    private final String litmusName;

    ProbeMode(String litmusName) {
        this.litmusName = litmusName;
    }

    /** The word Litmus writes. */
    public String litmusName() {
        return litmusName;
    }

    /** Whether the probe runs before injecting. */
    public boolean before() {
        return this == SOT || this == EDGE;
    }

    /** Whether the probe runs after recovery. */
    public boolean after() {
        return this == EOT || this == EDGE;
    }

    /** Whether the probe runs during the fault. */
    public boolean during() {
        return this == CONTINUOUS || this == ON_CHAOS;
    }

    /** The mode for a Litmus word, if it is one. */
    public static Optional<ProbeMode> fromLitmus(String text) {
        for (ProbeMode m : values()) {
            if (m.litmusName.equals(text.strip())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
