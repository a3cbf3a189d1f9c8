package io.github.incident4j.chaos;

import java.util.Locale;
import java.util.Optional;

/** Litmus writes several enums as their lower-case names ({@code active}, {@code retain}). */
final class LitmusNames {

    private LitmusNames() {
    }

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(text.strip())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
