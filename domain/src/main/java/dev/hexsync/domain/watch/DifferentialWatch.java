package dev.hexsync.domain.watch;

import dev.hexsync.ports.api.QueryDiff;
import dev.hexsync.ports.api.RowMapper;
import dev.hexsync.ports.api.SqlRow;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A watched query published as row-level differences, keyed by one column. Results come from a watch of
 * plain rows; each subscriber keeps the previous result by key, compares rows by value, and hands out the
 * previous mapped object for a row that did not change. It asks the underlying watch for a result only while
 * its own subscriber has demand, so a slow subscriber gets one diff against the latest result rather than a
 * backlog.
 */
public final class DifferentialWatch<T> implements Flow.Publisher<QueryDiff<T>> {
    private final Flow.Publisher<List<SqlRow>> results;
    private final RowMapper<T> mapper;
    private final String keyColumn;

    public DifferentialWatch(Flow.Publisher<List<SqlRow>> results, RowMapper<T> mapper, String keyColumn) {
        this.results = Objects.requireNonNull(results, "results is null");
        this.mapper = Objects.requireNonNull(mapper, "mapper is null");
        this.keyColumn = Objects.requireNonNull(keyColumn, "keyColumn is null");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super QueryDiff<T>> subscriber) {
        results.subscribe(new Relay(Objects.requireNonNull(subscriber, "subscriber is null")));
    }

    private record Known<T>(SqlRow row, T value) {
    }

    private final class Relay implements Flow.Subscriber<List<SqlRow>>, Flow.Subscription {
        private final Flow.Subscriber<? super QueryDiff<T>> subscriber;
        private Flow.Subscription upstream;
        // Guarded by this.
        private long demand;
        private boolean requested;
        private boolean done;
        // Touched by onNext only, which the upstream calls one at a time.
        private Map<Object, Known<T>> previous = new LinkedHashMap<>();
        private boolean emitted;

        Relay(Flow.Subscriber<? super QueryDiff<T>> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            subscriber.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("Flow rule 3.9: request must be positive, was " + n));
                return;
            }
            synchronized (this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            pull();
        }

        @Override
        public void cancel() {
            synchronized (this) {
                done = true;
            }
            upstream.cancel();
        }

        /** Asks upstream for one result when the subscriber wants one and none is on its way. */
        private void pull() {
            synchronized (this) {
                if (done || requested || demand == 0) {
                    return;
                }
                requested = true;
            }
            upstream.request(1);
        }

        @Override
        public void onNext(List<SqlRow> rows) {
            synchronized (this) {
                requested = false;
                if (done) {
                    return;
                }
            }
            QueryDiff<T> diff;
            try {
                diff = diff(rows);
            } catch (RuntimeException e) {
                cancel();
                subscriber.onError(e);
                return;
            }
            // No emission for an empty first result, nor for a re-run that only reordered rows.
            if (emitted ? diff.hasChanges() : !diff.all().isEmpty()) {
                emitted = true;
                synchronized (this) {
                    demand--;
                }
                subscriber.onNext(diff);
            }
            pull();
        }

        private QueryDiff<T> diff(List<SqlRow> rows) {
            Map<Object, Known<T>> current = new LinkedHashMap<>();
            List<T> added = new ArrayList<>();
            List<QueryDiff.Updated<T>> updated = new ArrayList<>();
            List<T> unchanged = new ArrayList<>();
            List<T> all = new ArrayList<>(rows.size());
            for (SqlRow row : rows) {
                Object key = key(row);
                Known<T> before = previous.get(key);
                T value;
                if (before == null) {
                    value = mapper.map(row);
                    added.add(value);
                } else if (before.row().equals(row)) {
                    value = before.value();
                    unchanged.add(value);
                } else {
                    value = mapper.map(row);
                    updated.add(new QueryDiff.Updated<>(value, before.value()));
                }
                if (current.put(key, new Known<>(row, value)) != null) {
                    throw new IllegalStateException("Differential watch: two rows have the key " + row.get(keyColumn)
                            + " in column '" + keyColumn + "'; the key column must be unique in the result");
                }
                all.add(value);
            }
            List<T> removed = new ArrayList<>();
            for (Map.Entry<Object, Known<T>> entry : previous.entrySet()) {
                if (!current.containsKey(entry.getKey())) {
                    removed.add(entry.getValue().value());
                }
            }
            previous = current;
            return new QueryDiff<>(added, removed, updated, unchanged, all);
        }

        /** The row's key; blobs by content, so that equal keys compare equal. */
        private Object key(SqlRow row) {
            Object key = row.get(keyColumn);
            if (key == null) {
                throw new IllegalStateException("Differential watch: a row has no value in the key column '"
                        + keyColumn + "': " + row);
            }
            return key instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : key;
        }

        @Override
        public void onError(Throwable throwable) {
            synchronized (this) {
                done = true;
            }
            subscriber.onError(throwable);
        }

        @Override
        public void onComplete() {
            synchronized (this) {
                done = true;
            }
            subscriber.onComplete();
        }
    }
}
