package dev.hexsync.ports.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A watch with callbacks: items, errors, a failing callback, closing. Driven by hand, on the calling thread. */
class CallbackSubscriberTest {
    private final List<String> items = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private long requested;

    private final Flow.Subscription subscription = new Flow.Subscription() {
        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    };

    @Test
    void itemsReachTheCallbackUntilClosed() {
        CallbackSubscriber<String> subscriber = new CallbackSubscriber<>(items::add, errors::add);
        subscriber.onSubscribe(subscription);
        subscriber.onNext("a");
        subscriber.close();
        subscriber.onNext("b");

        assertThat(requested).isEqualTo(Long.MAX_VALUE);
        assertThat(items).containsExactly("a");
        assertThat(cancelled).isTrue();
        assertThat(subscriber.isClosed()).isTrue();
        assertThat(errors).isEmpty();
    }

    @Test
    void aFailingCallbackStopsTheWatchAndReachesTheErrorHandler() {
        IllegalStateException boom = new IllegalStateException("boom");
        CallbackSubscriber<String> subscriber = new CallbackSubscriber<>(item -> {
            throw boom;
        }, errors::add);
        subscriber.onSubscribe(subscription);
        subscriber.onNext("a");

        assertThat(errors).containsExactly(boom);
        assertThat(cancelled).isTrue();
        assertThat(subscriber.isClosed()).isTrue();
    }

    @Test
    void anErrorOfThePublisherIsHandedOverOnce() {
        CallbackSubscriber<String> subscriber = new CallbackSubscriber<>(items::add, errors::add);
        subscriber.onSubscribe(subscription);
        RuntimeException failure = new RuntimeException("query failed");
        subscriber.onError(failure);
        subscriber.onError(new RuntimeException("again"));

        assertThat(errors).containsExactly(failure);
        assertThat(subscriber.isClosed()).isTrue();
    }

    @Test
    void closedBeforeSubscribingCancelsAtSubscription() {
        CallbackSubscriber<String> subscriber = new CallbackSubscriber<>(items::add, errors::add);
        subscriber.close();
        subscriber.onSubscribe(subscription);

        assertThat(cancelled).isTrue();
        assertThat(requested).isZero();
    }
}
