package dev.hexsync.ports.api;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A {@link Flow.Subscriber} that hands every item to a callback and an error to an error handler, requesting
 * without limit (watched publishers conflate, so the latest result is never held back by demand). An exception
 * thrown by the callback cancels the watch and goes to the error handler, rather than vanishing on a watch thread.
 */
final class CallbackSubscriber<T> implements Flow.Subscriber<T>, WatchSubscription {
    private final Consumer<? super T> onItem;
    private final Consumer<? super Throwable> onError;
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;

    CallbackSubscriber(Consumer<? super T> onItem, Consumer<? super Throwable> onError) {
        this.onItem = Objects.requireNonNull(onItem, "onItem is null");
        this.onError = Objects.requireNonNull(onError, "onError is null");
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(T item) {
        if (closed) return;
        try {
            onItem.accept(item);
        } catch (RuntimeException e) {
            close();
            onError.accept(e);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        if (closed) return;
        closed = true;
        onError.accept(throwable);
    }

    @Override
    public void onComplete() {
        closed = true;
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
