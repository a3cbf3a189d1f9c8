package io.github.incident4j.chaos;

import io.github.incident4j.common.Problems;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Limits what a chaos run may touch: only namespaces on an allow-list, never a production namespace
 * ({@code production}, {@code prod}, {@code prod-*}, {@code production-*}) unless the host opts in explicitly,
 * and at most so many pods per strike. The default guard allows nothing.
 *
 * <pre>{@code
 * BlastRadiusGuard guard = BlastRadiusGuard.allowing("staging", "chaos-lab").maxPodsAffected(2);
 * BlastRadiusGuard prod = BlastRadiusGuard.allowing("production").allowProduction().maxPodsAffected(1);
 * }</pre>
 *
 * @param namespaces the namespaces a run may target
 * @param productionAllowed whether a production namespace on the list may be targeted
 * @param maxPodsAffected the most pods one strike may hit
 */
public record BlastRadiusGuard(Set<String> namespaces, boolean productionAllowed, int maxPodsAffected) {

    /** Allows nothing. */
    public static final BlastRadiusGuard DENY_ALL = new BlastRadiusGuard(Set.of(), false, 0);

    /** Validates and copies. */
    public BlastRadiusGuard {
        namespaces = Set.copyOf(namespaces);
        Problems problems = new Problems();
        problems.check(maxPodsAffected >= 0, "maxPodsAffected", maxPodsAffected, "must not be negative");
        problems.throwIfAny("blast-radius guard");
    }

    /** A guard allowing these namespaces (production ones still need {@link #allowProduction()}), any pod count. */
    public static BlastRadiusGuard allowing(String... namespaces) {
        return new BlastRadiusGuard(Set.of(namespaces), false, Integer.MAX_VALUE);
    }

    /** A copy that lets a production namespace on the allow-list be targeted. */
    public BlastRadiusGuard allowProduction() {
        return new BlastRadiusGuard(namespaces, true, maxPodsAffected);
    }

    /** A copy that hits at most {@code max} pods per strike. */
    public BlastRadiusGuard maxPodsAffected(int max) {
        return new BlastRadiusGuard(namespaces, productionAllowed, max);
    }

    /** Why a namespace may not be targeted, or empty when it may. */
    public Optional<String> refusal(String namespace) {
        if (isProduction(namespace) && !productionAllowed) {
            return Optional.of("namespace '" + namespace + "' is production; the host has not opted in to chaos there");
        }
        if (!namespaces.contains(namespace)) {
            return Optional.of("namespace '" + namespace + "' is not on the allow-list " + namespaces.stream().sorted().toList());
        }
        return Optional.empty();
    }

    /** Whether a namespace counts as production. */
    public static boolean isProduction(String namespace) {
        String n = namespace.toLowerCase(Locale.ROOT);
        return n.equals("production") || n.equals("prod") || n.startsWith("prod-") || n.startsWith("production-");
    }
}
