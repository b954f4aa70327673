package dev.hexsync.domain.collection;

import dev.hexsync.ports.api.collection.Change;
import java.util.Optional;

/** A row before and after one step; {@code null} on a side where it was not visible. */
record RowChange<T>(String id, Row<T> before, Row<T> after) {

    /** The public change, for a row that changed within the view. */
    Change<T> toChange() {
        if (before == null) {
            return new Change<>(Change.Kind.ADDED, id, after.value(), Optional.empty());
        }
        if (after == null) {
            return new Change<>(Change.Kind.REMOVED, id, before.value(), Optional.empty());
        }
        return new Change<>(Change.Kind.UPDATED, id, after.value(), Optional.of(before.value()));
    }
}
