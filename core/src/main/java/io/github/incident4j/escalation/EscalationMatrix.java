package io.github.incident4j.escalation;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What each tier of responders does for each category of incident, as a table of categories by tiers:
 * the seed's App crash / Data issue / Security / Infra/Cloud / Third-party by L1 (On-Call) / L2 (Lead) / L3.
 * Tier n corresponds to escalation level n, so the engine can tell the lead paged at level 2 for a
 * Security incident that the expected response is "SecOps".
 *
 * <pre>{@code
 * EscalationMatrix matrix = EscalationMatrix.builder()
 *         .tiers("L1 (On-Call)", "L2 (Lead)", "L3")
 *         .category("Security", "Isolate", "SecOps", "CISO")
 *         .build();
 * matrix.response("Security", "L2");   // "SecOps"
 * }</pre>
 *
 * @param tiers tier headings in order, e.g. {@code L2 (Lead)}
 * @param categories category names in order
 * @param cells responses: one row per category, one cell per tier (empty text for an empty cell)
 */
public record EscalationMatrix(List<String> tiers, List<String> categories, List<List<String>> cells) {

    /**
     * Validates the shape and the text: tier and category names not blank and unique (ignoring case, as lookups
     * match them), one row per category, one cell per tier, and every name and response an identifier under
     * {@link Text the text rule} (no control character, no unpaired surrogate: a response is paged and stored).
     * The checks cost time linear in the matrix's size.
     */
    public EscalationMatrix {
        tiers = List.copyOf(tiers);
        categories = List.copyOf(categories);
        List<List<String>> copy = new ArrayList<>(cells.size());
        for (List<String> row : cells) {
            copy.add(List.copyOf(row));
        }
        cells = List.copyOf(copy);
        Problems p = new Problems();
        p.check(!tiers.isEmpty(), "tiers", tiers.size(), "a matrix needs at least one tier");
        checkNames(p, "tiers", tiers);
        checkNames(p, "categories", categories);
        p.check(cells.size() == categories.size(), "cells", cells.size(), "needs one row per category ("
                + categories.size() + ")");
        for (int i = 0; i < cells.size(); i++) {
            List<String> row = cells.get(i);
            p.check(row.size() == tiers.size(), "cells[" + i + "]", row.size(),
                    "needs one cell per tier (" + tiers.size() + ")");
            for (int j = 0; j < row.size(); j++) {
                p.identifier("cells[" + i + "][" + j + "]", row.get(j));
            }
        }
        p.throwIfAny("escalation matrix");
    }

    /** Blank, badly written and repeated names; a hash of the names seen keeps it linear (no indexOf per name). */
    private static void checkNames(Problems p, String field, List<String> names) {
        Map<String, Integer> first = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String at = field + "[" + i + "]";
            p.check(!name.isBlank(), at, name, "must not be blank");
            p.identifier(at, name);
            Integer earlier = first.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
            if (earlier != null) {
                p.add(at, Text.shown(name), "is listed twice (first as " + field + "[" + earlier
                        + "]; names match ignoring case)");
            }
        }
    }

    /** Starts an empty matrix. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this matrix's values. */
    public Builder toBuilder() {
        Builder b = new Builder().tiers(tiers.toArray(String[]::new));
        for (int i = 0; i < categories.size(); i++) {
            b.category(categories.get(i), cells.get(i).toArray(String[]::new));
        }
        return b;
    }

    /**
     * The response for a category at a tier. Names match ignoring case, and a tier may be named by its
     * short form before any parenthesis ({@code "L2"} for {@code "L2 (Lead)"}).
     *
     * @throws ValidationException naming the unknown category or tier and the known ones
     */
    public String response(String category, String tier) {
        int row = categoryIndex(category).orElseThrow(() -> ValidationException.of("category", category,
                "unknown; the matrix has " + categories));
        int col = tierIndex(tier).orElseThrow(() -> ValidationException.of("tier", tier,
                "unknown; the matrix has " + tiers));
        return cells.get(row).get(col);
    }

    /**
     * The response for a category at escalation level {@code level} (tier n is level n; levels beyond the
     * last tier use the last tier), or empty when the category is not in the matrix.
     */
    public Optional<String> responseAtLevel(String category, int level) {
        if (level < 1) {
            return Optional.empty();
        }
        return categoryIndex(category).map(row -> cells.get(row).get(Math.min(level, tiers.size()) - 1));
    }

    /** The tier heading for escalation level {@code level} (clamped to the last tier). */
    public String tierAtLevel(int level) {
        return tiers.get(Math.max(1, Math.min(level, tiers.size())) - 1);
    }

    /** The index of a category, matched ignoring case. */
    public Optional<Integer> categoryIndex(String category) {
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i).equalsIgnoreCase(category.strip())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The index of a tier, matched ignoring case, by full heading or short form ({@code L2}). */
    public Optional<Integer> tierIndex(String tier) {
        String wanted = tier.strip();
        for (int i = 0; i < tiers.size(); i++) {
            String t = tiers.get(i);
            String shortForm = t.contains("(") ? t.substring(0, t.indexOf('(')).strip() : t;
            if (t.equalsIgnoreCase(wanted) || shortForm.equalsIgnoreCase(wanted)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Fluent builder. */
    public static final class Builder {
        private final List<String> tiers = new ArrayList<>();
        private final Map<String, List<String>> rows = new LinkedHashMap<>();
        private final List<String> duplicates = new ArrayList<>();

        private Builder() {
        }

        /** Sets the tier headings in order. */
        public Builder tiers(String... names) {
            tiers.clear();
            tiers.addAll(List.of(names));
            return this;
        }

        /** Adds a category with one response per tier. */
        public Builder category(String name, String... responses) {
            Objects.requireNonNull(name, "name");
            if (rows.put(name, List.of(responses)) != null) {
                duplicates.add(name);
            }
            return this;
        }

        /** Builds and validates the matrix. */
        public EscalationMatrix build() {
            if (!duplicates.isEmpty()) {
                throw ValidationException.of("categories", duplicates, "categories added twice");
            }
            return new EscalationMatrix(tiers, new ArrayList<>(rows.keySet()), new ArrayList<>(rows.values()));
        }
    }
}
