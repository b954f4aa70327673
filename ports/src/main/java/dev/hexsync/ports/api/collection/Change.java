package dev.hexsync.ports.api.collection;

import java.util.Objects;
import java.util.Optional;

/**
 * One row's change in a view.
 *
 * @param kind added, updated or removed
 * @param id the row's id
 * @param value the row now; for a removal, the row as it was
 * @param previous the row before an update; empty otherwise
 */
public record Change<T>(Kind kind, String id, T value, Optional<T> previous) {

    /** What happened to the row in the view. */
    public enum Kind {
        ADDED,
        UPDATED,
        REMOVED
    }

    public Change {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(value, "value is null");
        Objects.requireNonNull(previous, "previous is null");
    }
}
