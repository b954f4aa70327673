package dev.hexsync.bootstrap.examples;

import dev.hexsync.ports.api.collection.Change;
import dev.hexsync.ports.api.collection.ChangeBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Function;
import javax.swing.AbstractListModel;

/**
 * The example of docs/LIVE_COLLECTIONS.md: a Swing list model bound to a live view. Subscribe it to the view's
 * changes on the event dispatch thread (open the collection with
 * {@code withListenerExecutor(SwingUtilities::invokeLater)}); it keeps its rows in the view's order and tells the
 * {@code JList} exactly which rows came, went or changed, so the list repaints only those.
 */
public final class LiveListModel<T> extends AbstractListModel<T> implements Flow.Subscriber<ChangeBatch<T>> {
    private final List<T> rows = new ArrayList<>();
    private final Function<T, String> id;
    private final Comparator<T> order;

    /** @param order the view's order (ties by id, as the view breaks them) */
    public LiveListModel(Function<T, String> id, Comparator<? super T> order) {
        this.id = id;
        Comparator<T> byOrder = order::compare;
        this.order = byOrder.thenComparing(id);
    }

    @Override
    public int getSize() {
        return rows.size();
    }

    @Override
    public T getElementAt(int index) {
        return rows.get(index);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ChangeBatch<T> batch) {
        for (Change<T> change : batch.changes()) {
            switch (change.kind()) {
                case ADDED -> add(change.value());
                case REMOVED -> remove(change.id());
                case UPDATED -> {
                    int at = indexOf(change.id());
                    rows.remove(at);
                    int to = position(change.value());
                    rows.add(to, change.value());
                    if (at == to) {
                        fireContentsChanged(this, at, at);
                    } else {
                        fireIntervalRemoved(this, at, at);
                        fireIntervalAdded(this, to, to);
                    }
                }
                default -> throw new IllegalStateException("Unknown change " + change.kind());
            }
        }
    }

    private void add(T row) {
        int at = position(row);
        rows.add(at, row);
        fireIntervalAdded(this, at, at);
    }

    private void remove(String rowId) {
        int at = indexOf(rowId);
        rows.remove(at);
        fireIntervalRemoved(this, at, at);
    }

    private int position(T row) {
        int found = Collections.binarySearch(rows, row, order);
        return found >= 0 ? found : -found - 1;
    }

    private int indexOf(String rowId) {
        for (int i = 0; i < rows.size(); i++) {
            if (id.apply(rows.get(i)).equals(rowId)) {
                return i;
            }
        }
        throw new IllegalStateException("The model holds no row '" + rowId + "': it missed a batch");
    }

    @Override
    public void onError(Throwable throwable) {
        throw new IllegalStateException("The live view failed", throwable);
    }

    @Override
    public void onComplete() {
        // The view closed: the model keeps showing what it last held.
    }
}
