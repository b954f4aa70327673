package dev.hexsync.domain.collection;

import dev.hexsync.ports.api.collection.Change;
import dev.hexsync.ports.api.collection.ChangeBatch;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change batches of one view, delivered to each subscriber in order on the application's executor. Batches
 * are queued while the view's lock is held (so their order is the order of the changes) and delivered by
 * {@link #deliver()} after it is released (so a listener never runs under the lock). A subscriber's queue is
 * unbounded: a slow UI thread delays batches, it never loses one.
 */
final class BatchPublisher<T> implements Flow.Publisher<ChangeBatch<T>> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchPublisher.class);
    private static final Object COMPLETE = new Object();

    private final Executor executor;
    private final Object lock;
    private final Supplier<List<Change<T>>> snapshot;
    private final List<Delivery> subscribers = new CopyOnWriteArrayList<>();
    private boolean completed;

    /**
     * @param lock the view's lock, held by the caller of {@link #queue} and taken here to subscribe
     * @param snapshot the view's rows as additions, read under {@code lock}
     */
    BatchPublisher(Executor executor, Object lock, Supplier<List<Change<T>>> snapshot) {
        this.executor = executor;
        this.lock = lock;
        this.snapshot = snapshot;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ChangeBatch<T>> subscriber) {
        Delivery delivery = new Delivery(subscriber);
        synchronized (lock) {
            if (completed) {
                delivery.queue.add(COMPLETE);
            } else {
                List<Change<T>> current = snapshot.get();
                if (!current.isEmpty()) {
                    delivery.queue.add(new ChangeBatch<>(current));
                }
                subscribers.add(delivery);
            }
        }
        delivery.signal();
    }

    /** Queues a batch for every subscriber; the caller holds the view's lock. */
    void queue(List<Change<T>> changes) {
        if (changes.isEmpty()) {
            return;
        }
        ChangeBatch<T> batch = new ChangeBatch<>(changes);
        for (Delivery delivery : subscribers) {
            delivery.queue.add(batch);
        }
    }

    /** Completes every subscriber after what is queued; the caller holds the view's lock. */
    void complete() {
        completed = true;
        for (Delivery delivery : subscribers) {
            delivery.queue.add(COMPLETE);
        }
    }

    /** Hands what is queued to the executor; call without holding the view's lock. */
    void deliver() {
        for (Delivery delivery : subscribers) {
            if (!delivery.queue.isEmpty()) {
                delivery.signal();
            }
        }
    }

    boolean hasSubscribers() {
        return !subscribers.isEmpty();
    }

    /** One subscriber's queue and demand, drained by one task at a time. */
    private final class Delivery implements Flow.Subscription {
        private final Flow.Subscriber<? super ChangeBatch<T>> subscriber;
        private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean cancelled;
        private boolean started;
        private Throwable badRequest;

        Delivery(Flow.Subscriber<? super ChangeBatch<T>> subscriber) {
            this.subscriber = subscriber;
        }

        void signal() {
            if (work.getAndIncrement() == 0) {
                executor.execute(this::drain);
            }
        }

        @SuppressWarnings("unchecked")
        private void drain() {
            int missed = 1;
            do {
                try {
                    if (!started) {
                        started = true;
                        subscriber.onSubscribe(this);
                    }
                    if (badRequest != null && !cancelled) {
                        cancel();
                        subscriber.onError(badRequest);
                    }
                    while (!cancelled && !queue.isEmpty()) {
                        Object head = queue.peek();
                        if (head == COMPLETE) {
                            queue.clear();
                            cancel();
                            subscriber.onComplete();
                        } else if (requested.get() > 0) {
                            queue.poll();
                            requested.decrementAndGet();
                            subscriber.onNext((ChangeBatch<T>) head);
                        } else {
                            break;
                        }
                    }
                } catch (RuntimeException e) {
                    LOG.warn("A change listener failed; it gets no more batches", e);
                    cancel();
                }
                missed = work.addAndGet(-missed);
            } while (missed != 0);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("request(" + n + "): demand must be positive (§3.9)");
            } else {
                requested.getAndUpdate(current -> current + n < 0 ? Long.MAX_VALUE : current + n);
            }
            signal();
        }

        @Override
        public void cancel() {
            cancelled = true;
            subscribers.remove(this);
        }
    }
}
