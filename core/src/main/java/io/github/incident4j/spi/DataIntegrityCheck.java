package io.github.incident4j.spi;

import java.util.Objects;
import java.util.function.Function;

/**
 * A host-supplied check that data survived an experiment: "no data loss or corruption". The runner
 * takes a {@link Snapshot} before injecting and asks {@link #verify} after recovery; a host compares
 * what it can (a record count, a checksum of a table, the last sequence number).
 *
 * <pre>{@code
 * DataIntegrityCheck check = DataIntegrityCheck.fingerprint(tolerance -> orders.count() + ":" + orders.checksum());
 * }</pre>
 */
public interface DataIntegrityCheck {

    /** Records the state to compare against later, for the tolerance as written. */
    Snapshot snapshot(String tolerance);

    /** Compares the current state with {@code before}. */
    Outcome verify(String tolerance, Snapshot before);

    /**
     * A check that is intact when a fingerprint (record count, checksum) is the same after as before.
     */
    static DataIntegrityCheck fingerprint(Function<String, String> fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return new DataIntegrityCheck() {
            @Override
            public Snapshot snapshot(String tolerance) {
                return new Snapshot(fingerprint.apply(tolerance));
            }

            @Override
            public Outcome verify(String tolerance, Snapshot before) {
                String now = fingerprint.apply(tolerance);
                return now.equals(before.fingerprint())
                        ? new Outcome(true, "unchanged: " + now)
                        : new Outcome(false, "was " + before.fingerprint() + ", now " + now);
            }
        };
    }

    /**
     * The state before.
     *
     * @param fingerprint a record count, checksum or whatever the host compares
     */
    record Snapshot(String fingerprint) {
        /** Validates the part. */
        public Snapshot {
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /**
     * The answer.
     *
     * @param intact whether the data is as it was
     * @param detail the evidence, e.g. {@code was 1200 records, now 1187}
     */
    record Outcome(boolean intact, String detail) {
        /** Validates the part. */
        public Outcome {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
