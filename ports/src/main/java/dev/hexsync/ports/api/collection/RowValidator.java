package dev.hexsync.ports.api.collection;

import java.util.Optional;

/** Checks a row before anything is written or applied; a problem rejects it with an {@link InvalidRowException}. */
@FunctionalInterface
public interface RowValidator<T> {

    /** What is wrong with {@code row}, or empty when it may be written. */
    Optional<String> problem(T row);

    /** Accepts every row. */
    static <T> RowValidator<T> none() {
        return row -> Optional.empty();
    }
}
