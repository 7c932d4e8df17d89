package io.counterpower.common.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects every field error of a request so that the client learns all of them at once. */
public final class FieldErrors {
    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public FieldErrors check(boolean ok, String field, String message) {
        if (!ok) {
            add(field, message);
        }
        return this;
    }

    public void forEach(java.util.function.Consumer<FieldError> action) {
        errors.forEach(action);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /**
     * The parsed value, or null with the parser's field errors added here (other problems pass
     * through): a request with several bad parameters learns of all of them at once.
     */
    public <T> T collect(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ApiProblem e) {
            if (e.status() != 400) {
                throw e;
            }
            e.errors().forEach(x -> add(x.field(), x.message()));
            return null;
        }
    }

    /** Throws a 400 problem listing every error collected, if any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }
}
