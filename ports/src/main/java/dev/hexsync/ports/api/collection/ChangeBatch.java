package dev.hexsync.ports.api.collection;

import java.util.List;
import java.util.Objects;

/** The changes of one step (a flush of the diff trigger, a mutation, a rollback), in the order they happened. */
public record ChangeBatch<T>(List<Change<T>> changes) {

    public ChangeBatch {
        changes = List.copyOf(Objects.requireNonNull(changes, "changes is null"));
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
