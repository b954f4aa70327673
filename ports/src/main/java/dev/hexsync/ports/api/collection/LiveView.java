package dev.hexsync.ports.api.collection;

import java.util.List;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * What a collection and its subsets share: synchronous reads of what memory holds now (the database's rows with
 * the pending optimistic mutations applied) and the changes to it.
 */
public interface LiveView<T> extends AutoCloseable {

    /** How many rows the view holds now. */
    int size();

    /** A snapshot of the rows, in the view's order (the subset's comparator; otherwise by id). */
    List<T> values();

    /** {@link #values()} as a stream. */
    default Stream<T> stream() {
        return values().stream();
    }

    /**
     * The changes, batch by batch, on the executor of {@link CollectionOptions#listenerExecutor()}: a new
     * subscriber first gets the current rows as one batch of additions (none when the view is empty), then
     * every change after it, in order.
     */
    Flow.Publisher<ChangeBatch<T>> changes();

    /** Stops the view: its subscribers complete; for an on-demand subset, its rows are no longer loaded. */
    @Override
    void close();
}
