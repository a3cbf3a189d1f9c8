package io.github.incident4j.runbook;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Problems;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values for the {@code ${name}} and {@code $NAME} variables of a runbook, given when it runs. Text (descriptions,
 * criteria) takes a value as it is; a command checks each value against the grammar of the place it
 * lands in (a Kubernetes name, a label value, a host, a URL) before anything runs, see {@link Command#bind}.
 *
 * <pre>{@code
 * Bindings b = Bindings.of(Map.of("namespace", "production")).and("service", "payment-service");
 * b.expand("kubectl get pods -n ${namespace}");   // "kubectl get pods -n production"
 * }</pre>
 */
public final class Bindings {

    /**
     * The syntax of a variable: {@code ${NAME}} or {@code $NAME} (a shell variable as runbooks write them), with a
     * name of letters, digits and underscores not starting with a digit. {@code $(..)}, {@code $1} or {@code $?} are
     * not variables.
     */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Bindings EMPTY = new Bindings(Map.of());

    private final Map<String, String> values;

    private Bindings(Map<String, String> values) {
        this.values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No values: only runbooks without variables run. */
    public static Bindings empty() {
        return EMPTY;
    }

    /**
     * The given values.
     *
     * @throws ValidationException for a name that is not a variable name
     */
    public static Bindings of(Map<String, String> values) {
        Problems problems = new Problems();
        values.forEach((k, v) -> {
            problems.check(NAME.matcher(k).matches(), "bindings." + k, k, "is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
            problems.check(v != null, "bindings." + k, null, "must have a value");
        });
        problems.throwIfAny("bindings");
        return new Bindings(values);
    }

    /** A copy with one more (or a replaced) value. */
    public Bindings and(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return of(copy);
    }

    /** The value of a variable, if bound. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Every value, in the order given. */
    public Map<String, String> asMap() {
        return values;
    }

    /**
     * Replaces every {@code ${name}} in plain text.
     *
     * @throws ValidationException naming every variable that has no value
     */
    public String expand(String text) {
        Problems problems = new Problems();
        String result = expand(text, "text", problems);
        problems.throwIfAny("bindings");
        return result;
    }

    /** Replaces variables, recording unbound ones under {@code field}. */
    String expand(String text, String field, Problems problems) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = name(m);
            String value = values.get(name);
            if (value == null) {
                problems.add(field, text, "variable ${" + name + "} has no value");
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The variable names used in a text, in order of first use. */
    public static Set<String> variablesIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(name(m));
        }
        return names;
    }

    /** Replaces the variables that have values and leaves the others as written (for text shown to a person). */
    public String expandKnown(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(name(m));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String name(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bindings other && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Bindings" + values;
    }
}
