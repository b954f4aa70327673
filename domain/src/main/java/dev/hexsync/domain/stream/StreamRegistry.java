package dev.hexsync.domain.stream;

import dev.hexsync.json.Json;
import dev.hexsync.ports.api.SubscribeOptions;
import dev.hexsync.ports.api.SyncStream;
import dev.hexsync.ports.api.SyncStreamSubscription;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's stream subscriptions: handles counted per stream and parameters. A stream is active while
 * a handle is open; the set of active streams goes to the running sync iteration on every change. Handles
 * garbage collected without being closed are released and logged as leaked.
 */
public final class StreamRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);

    /** Where subscriptions are persisted and who is told about changes. */
    public interface Backend {
        /** Persists an explicit subscription (upsert; see the engine's subscription rules). */
        void subscribe(StreamKey key, Integer priority, long ttlSeconds);

        /** Ends the explicit subscription now. */
        void unsubscribe(StreamKey key);

        /** The set of active streams changed. */
        void activeStreamsChanged(List<StreamKey> active);

        /** Completes once the stream has synced. */
        CompletableFuture<Void> firstSync(StreamKey key);
    }

    private final Backend backend;
    private final Map<StreamKey, Integer> handles = new LinkedHashMap<>();
    private Cleaner cleaner;

    public StreamRegistry(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend is null");
    }

    /** A stream with parameters (JSON-compatible values; empty for none). */
    public SyncStream stream(String name, Map<String, Object> parameters) {
        Objects.requireNonNull(name, "name is null");
        String params = parameters == null || parameters.isEmpty() ? null : canonical(parameters);
        return new Stream(new StreamKey(name, params), parameters == null ? Map.of() : Map.copyOf(parameters));
    }

    /** The streams with an open handle, in subscription order. */
    public synchronized List<StreamKey> active() {
        return List.copyOf(handles.keySet());
    }

    /** JSON with object keys sorted at every level, so equal parameters always give the same text. */
    static String canonical(Object value) {
        return Json.write(sorted(value));
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(k.toString(), sorted(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(sorted(v)));
            return copy;
        }
        return value;
    }

    private SyncStreamSubscription subscribe(StreamKey key, SubscribeOptions options) {
        backend.subscribe(key, options.priority().orElse(null),
                options.ttl().map(java.time.Duration::toSeconds).orElse(Subscriptions.DEFAULT_TTL_SECONDS));
        boolean added;
        synchronized (this) {
            Integer count = handles.merge(key, 1, Integer::sum);
            added = count == 1;
            if (cleaner == null) {
                cleaner = Cleaner.create();
            }
        }
        if (added) {
            backend.activeStreamsChanged(active());
        }
        return new Handle(key);
    }

    private void release(StreamKey key, boolean leaked) {
        if (leaked) {
            LOG.warn("A subscription to stream {} (parameters {}) was garbage collected"
                    + " without being closed; releasing it. Close subscriptions (try-with-resources) when done.",
                    key.name(), key.serializedParams());
        }
        boolean removed;
        synchronized (this) {
            Integer count = handles.get(key);
            if (count == null) {
                return;
            }
            removed = count == 1;
            if (removed) {
                handles.remove(key);
            } else {
                handles.put(key, count - 1);
            }
        }
        if (removed) {
            backend.activeStreamsChanged(active());
        }
    }

    private void unsubscribeAll(StreamKey key) {
        backend.unsubscribe(key);
        synchronized (this) {
            handles.remove(key);
        }
        // Even without an open handle the explicit request changed: a running sync must drop the stream now.
        backend.activeStreamsChanged(active());
    }

    private final class Stream implements SyncStream {
        private final StreamKey key;
        private final Map<String, Object> values;

        Stream(StreamKey key, Map<String, Object> values) {
            this.key = key;
            this.values = values;
        }

        @Override
        public String name() {
            return key.name();
        }

        @Override
        public String parameters() {
            return key.params();
        }

        @Override
        public Map<String, Object> parameterValues() {
            return Collections.unmodifiableMap(values);
        }

        @Override
        public SyncStreamSubscription subscribe(SubscribeOptions options) {
            return StreamRegistry.this.subscribe(key, options);
        }

        @Override
        public void unsubscribeAll() {
            StreamRegistry.this.unsubscribeAll(key);
        }
    }

    /** What releases a handle: run by unsubscribe(), or by the cleaner once the handle is unreachable. */
    private static final class Release implements Runnable {
        private final StreamRegistry registry;
        private final StreamKey key;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile boolean explicit;

        Release(StreamRegistry registry, StreamKey key) {
            this.registry = registry;
            this.key = key;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                registry.release(key, !explicit);
            }
        }
    }

    private final class Handle implements SyncStreamSubscription {
        private final StreamKey key;
        private final Release release;
        private final Cleaner.Cleanable cleanable;

        Handle(StreamKey key) {
            this.key = key;
            this.release = new Release(StreamRegistry.this, key);
            Cleaner activeCleaner;
            synchronized (StreamRegistry.this) {
                activeCleaner = cleaner;
            }
            this.cleanable = activeCleaner.register(this, release);
        }

        @Override
        public String name() {
            return key.name();
        }

        @Override
        public String parameters() {
            return key.params();
        }

        @Override
        public CompletableFuture<Void> waitForFirstSync() {
            return backend.firstSync(key);
        }

        @Override
        public void unsubscribe() {
            release.explicit = true;
            cleanable.clean();
        }
    }
}
