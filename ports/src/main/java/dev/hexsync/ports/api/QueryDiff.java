package dev.hexsync.ports.api;

import java.util.List;
import java.util.Objects;

/**
 * How a watched query's result changed since the previous emission, by key. Rows that did not change are the
 * very objects of the previous emission, so identity comparisons (a UI skipping re-renders) work.
 *
 * @param added rows whose key is new, in result order
 * @param removed rows whose key is gone, in the previous result's order
 * @param updated rows whose key stayed but whose values changed, in result order
 * @param unchanged rows that stayed as they were, in result order
 * @param all the whole current result, in result order
 */
public record QueryDiff<T>(List<T> added, List<T> removed, List<Updated<T>> updated, List<T> unchanged, List<T> all) {

    public QueryDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        all = List.copyOf(all);
    }

    /** Whether anything was added, removed or updated. */
    public boolean hasChanges() {
        return !added.isEmpty() || !removed.isEmpty() || !updated.isEmpty();
    }

    /** A row whose values changed: as it is now and as it was. */
    public record Updated<T>(T current, T previous) {
        public Updated {
            Objects.requireNonNull(current, "current is null");
            Objects.requireNonNull(previous, "previous is null");
        }
    }
}
