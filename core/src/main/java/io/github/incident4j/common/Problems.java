package io.github.incident4j.common;

import io.github.incident4j.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects the problems of one validation pass, so a builder reports all of them in one
 * {@link ValidationException} rather than failing on the first.
 *
 * <pre>{@code
 * Problems problems = new Problems();
 * problems.check(!name.isBlank(), "name", name, "must not be blank");
 * problems.throwIfAny("schedule");
 * }</pre>
 */
public final class Problems {

    private final List<ValidationException.Problem> found = new ArrayList<>();

    /** Records a problem unless {@code ok} holds. Returns {@code ok}. */
    public boolean check(boolean ok, String field, @Nullable Object value, String message) {
        if (!ok) {
            add(field, value, message);
        }
        return ok;
    }

    /** Records a problem. */
    public void add(String field, @Nullable Object value, String message) {
        found.add(new ValidationException.Problem(field, value == null ? null : String.valueOf(value), message));
    }

    /**
     * Records a problem if {@code value} is not fit as an identifier under {@link Text the text rule} (NUL, another
     * control character, DEL or an unpaired surrogate), echoing the value as {@link Text#shown(String)} writes it.
     * A null value passes (say elsewhere whether it is required). Returns whether it was fit.
     */
    public boolean identifier(String field, @Nullable String value) {
        if (value == null) {
            return true;
        }
        return Text.identifierProblem(value).map(problem -> {
            add(field, Text.shown(value), "must hold no control character or unpaired surrogate; it " + problem);
            return false;
        }).orElse(true);
    }

    /**
     * As {@link #identifier}, for free text a document or the DSL carries, which may also hold tab and line breaks.
     */
    public boolean text(String field, @Nullable String value) {
        if (value == null) {
            return true;
        }
        return Text.textProblem(value).map(problem -> {
            add(field, Text.shown(value), "must hold no control character other than tab and line breaks, nor an "
                    + "unpaired surrogate; it " + problem);
            return false;
        }).orElse(true);
    }

    /** Records every problem of a nested validation under a field prefix such as {@code layers[2]}. */
    public void addAll(String prefix, ValidationException nested) {
        for (ValidationException.Problem p : nested.problems()) {
            found.add(new ValidationException.Problem(prefix + "." + p.field(), p.value(), p.message()));
        }
    }

    /** Whether nothing was recorded. */
    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** How many problems were recorded so far. */
    public int size() {
        return found.size();
    }

    /** The problems recorded so far. */
    public List<ValidationException.Problem> list() {
        return List.copyOf(found);
    }

    /** Throws a {@link ValidationException} about {@code subject} if anything was recorded. */
    public void throwIfAny(String subject) {
        if (!found.isEmpty()) {
            throw new ValidationException(subject, found);
        }
    }
}
