package dev.hexsync.ports.api.collection;

import dev.hexsync.ports.api.TriggerStorage;
import dev.hexsync.ports.api.WatchOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * How to open a live collection. Start with {@link #of(String, Class)} and refine with the {@code with…}
 * methods.
 *
 * @param table the schema table (or view name)
 * @param type the row type: a record, unless {@code mapping} is given
 * @param mapping a custom row mapping; empty for the record mapping
 * @param converters per-column converters that replace the record mapping's choice for those columns
 * @param validator checks each inserted or updated row before anything is applied or written
 * @param batchSize rows per page while hydrating (default 1,000)
 * @param onDemand hold only the rows covered by the open subsets' filters, not the whole table
 * @param flushInterval how long the diff trigger's changes gather before they are applied (default 30 ms)
 * @param listenerExecutor where change batches are delivered (default: on the thread that made the change,
 *     right after it; a UI passes its thread's executor, such as {@code SwingUtilities::invokeLater})
 * @param storage where the diff trigger lives; empty for the database's default (persisted for a file, so
 *     writes of other processes reach the collection)
 */
public record CollectionOptions<T>(
        String table,
        Class<T> type,
        Optional<RowMapping<T>> mapping,
        Map<String, ColumnConverter<?>> converters,
        RowValidator<T> validator,
        int batchSize,
        boolean onDemand,
        Duration flushInterval,
        Executor listenerExecutor,
        Optional<TriggerStorage> storage) {

    /** Rows per hydration page unless told otherwise, as in the TanStack DB integration. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    public CollectionOptions {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(mapping, "mapping is null");
        converters = Map.copyOf(converters);
        Objects.requireNonNull(validator, "validator is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        Objects.requireNonNull(flushInterval, "flushInterval is null");
        if (flushInterval.isNegative()) {
            throw new IllegalArgumentException("flushInterval must not be negative, was " + flushInterval);
        }
        Objects.requireNonNull(listenerExecutor, "listenerExecutor is null");
        Objects.requireNonNull(storage, "storage is null");
    }

    /** The whole of {@code table} as rows of the record type {@code type}. */
    public static <T> CollectionOptions<T> of(String table, Class<T> type) {
        return new CollectionOptions<>(table, type, Optional.empty(), Map.of(), RowValidator.none(),
                DEFAULT_BATCH_SIZE, false, WatchOptions.DEFAULT_THROTTLE, Runnable::run, Optional.empty());
    }

    public CollectionOptions<T> withMapping(RowMapping<T> custom) {
        return new CollectionOptions<>(table, type, Optional.of(custom), converters, validator, batchSize, onDemand,
                flushInterval, listenerExecutor, storage);
    }

    /** Converts {@code column} with {@code converter} instead of the record mapping's choice. */
    public CollectionOptions<T> withConverter(String column, ColumnConverter<?> converter) {
        Map<String, ColumnConverter<?>> changed = new HashMap<>(converters);
        changed.put(column, converter);
        return new CollectionOptions<>(table, type, mapping, changed, validator, batchSize, onDemand, flushInterval,
                listenerExecutor, storage);
    }

    public CollectionOptions<T> withValidator(RowValidator<T> hook) {
        return new CollectionOptions<>(table, type, mapping, converters, hook, batchSize, onDemand, flushInterval,
                listenerExecutor, storage);
    }

    public CollectionOptions<T> withBatchSize(int rows) {
        return new CollectionOptions<>(table, type, mapping, converters, validator, rows, onDemand, flushInterval,
                listenerExecutor, storage);
    }

    /** Holds only the rows the open subsets' filters cover. */
    public CollectionOptions<T> loadOnDemand() {
        return new CollectionOptions<>(table, type, mapping, converters, validator, batchSize, true, flushInterval,
                listenerExecutor, storage);
    }

    public CollectionOptions<T> withFlushInterval(Duration interval) {
        return new CollectionOptions<>(table, type, mapping, converters, validator, batchSize, onDemand, interval,
                listenerExecutor, storage);
    }

    public CollectionOptions<T> withListenerExecutor(Executor executor) {
        return new CollectionOptions<>(table, type, mapping, converters, validator, batchSize, onDemand,
                flushInterval, executor, storage);
    }

    public CollectionOptions<T> withStorage(TriggerStorage where) {
        return new CollectionOptions<>(table, type, mapping, converters, validator, batchSize, onDemand,
                flushInterval, listenerExecutor, Optional.of(where));
    }
}
