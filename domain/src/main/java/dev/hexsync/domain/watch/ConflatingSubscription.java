package dev.hexsync.domain.watch;

import dev.hexsync.ports.time.Scheduler;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;

/**
 * A {@link Flow.Subscription} that holds at most one undelivered value: a new value is merged into the
 * waiting one (a watch keeps the latest result, a change feed unions the table names), so a slow
 * subscriber sees fewer, fresher values and memory stays bounded. Signals are delivered on the
 * scheduler, one at a time and in order, as the Flow rules require.
 */
final class ConflatingSubscription<T> implements Flow.Subscription {
    private final Flow.Subscriber<? super T> subscriber;
    private final Scheduler scheduler;
    private final BinaryOperator<T> merge;
    private final Runnable onCancel;
    private final AtomicInteger work = new AtomicInteger();

    // Guarded by this.
    private T pending;
    private long demand;
    private boolean completed;
    private Throwable failure;
    private boolean done;

    ConflatingSubscription(Flow.Subscriber<? super T> subscriber, Scheduler scheduler, BinaryOperator<T> merge,
            Runnable onCancel) {
        this.subscriber = Objects.requireNonNull(subscriber, "subscriber is null");
        this.scheduler = scheduler;
        this.merge = merge;
        this.onCancel = onCancel;
    }

    /** Queues a value, merging it with one not yet delivered. */
    void offer(T value) {
        synchronized (this) {
            if (done) {
                return;
            }
            pending = pending == null ? value : merge.apply(pending, value);
        }
        drainLater();
    }

    /** Completes the stream after the waiting value (if any) was delivered. */
    void complete() {
        synchronized (this) {
            completed = true;
        }
        drainLater();
    }

    /** Ends the stream with an error, dropping any waiting value. */
    void fail(Throwable error) {
        synchronized (this) {
            failure = error;
            pending = null;
        }
        drainLater();
    }

    synchronized boolean isDone() {
        return done;
    }

    @Override
    public void request(long n) {
        synchronized (this) {
            if (done) {
                return;
            }
            if (n <= 0) {
                failure = new IllegalArgumentException("Flow rule 3.9: request must be positive, was " + n);
                pending = null;
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
        }
        drainLater();
    }

    @Override
    public void cancel() {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            pending = null;
        }
        onCancel.run();
    }

    private void drainLater() {
        if (work.getAndIncrement() == 0) {
            scheduler.execute(this::drain);
        }
    }

    private void drain() {
        int missed = 1;
        while (true) {
            while (deliverOne()) {
                // keep delivering while there is demand and a value
            }
            missed = work.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Delivers one signal if one is due; true when something was delivered. */
    private boolean deliverOne() {
        T value = null;
        Throwable error = null;
        boolean complete = false;
        synchronized (this) {
            if (done) {
                return false;
            }
            if (failure != null) {
                error = failure;
                done = true;
            } else if (pending != null && demand > 0) {
                value = pending;
                pending = null;
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
            } else if (pending == null && completed) {
                complete = true;
                done = true;
            } else {
                return false;
            }
        }
        if (error != null) {
            onCancel.run();
            subscriber.onError(error);
        } else if (complete) {
            onCancel.run();
            subscriber.onComplete();
        } else {
            try {
                subscriber.onNext(value);
            } catch (RuntimeException e) {
                // Flow rule 2.13: a throwing subscriber is cancelled.
                cancel();
                return false;
            }
        }
        return true;
    }
}
