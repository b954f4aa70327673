package dev.hexsync.ports.api.collection;

import java.util.Comparator;

/** The rows of a collection that match a filter, kept up to date incrementally, optionally ordered. */
public interface LiveSubset<T> extends LiveView<T> {

    /**
     * This subset's rows in {@code comparator}'s order (ties by id), as a live subset of its own; closing it
     * does not close this one.
     */
    LiveSubset<T> orderBy(Comparator<? super T> comparator);
}
