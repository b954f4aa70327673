package dev.hexsync.domain.watch;

import dev.hexsync.ports.time.Scheduler;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.function.UnaryOperator;

/**
 * A value that changes over time, published to any number of subscribers: each gets the current value on
 * subscribing and then every change, conflated to the latest when it falls behind.
 */
public final class LatestValuePublisher<T> implements Flow.Publisher<T> {
    private final Scheduler scheduler;
    private final Set<ConflatingSubscription<T>> subscriptions = ConcurrentHashMap.newKeySet();
    private T current;
    private boolean closed;

    public LatestValuePublisher(Scheduler scheduler, T initial) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler is null");
        this.current = Objects.requireNonNull(initial, "initial is null");
    }

    public synchronized T current() {
        return current;
    }

    /** Changes the value; subscribers are told only when it differs from the current one. */
    public void update(UnaryOperator<T> change) {
        T next;
        synchronized (this) {
            next = Objects.requireNonNull(change.apply(current), "new value is null");
            if (next.equals(current)) {
                return;
            }
            current = next;
        }
        for (ConflatingSubscription<T> subscription : subscriptions) {
            subscription.offer(next);
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        ConflatingSubscription<T>[] holder = new ConflatingSubscription[1];
        ConflatingSubscription<T> subscription = new ConflatingSubscription<>(subscriber, scheduler, (older, newer) -> newer,
                () -> subscriptions.remove(holder[0]));
        holder[0] = subscription;
        subscriber.onSubscribe(subscription);
        T value;
        boolean isClosed;
        synchronized (this) {
            subscriptions.add(subscription);
            value = current;
            isClosed = closed;
        }
        subscription.offer(value);
        if (isClosed) {
            subscription.complete();
        }
    }

    /** Completes every subscription after its last value. */
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (ConflatingSubscription<T> subscription : subscriptions) {
            subscription.complete();
        }
    }
}
