package dev.hexsync.testkit.storage;

import dev.hexsync.json.Json;
import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.ColumnType;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.OplogRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.RowKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A sync storage contract's engine as the in-memory fakes ({@link InMemorySyncStorage} and its roles), so that the
 * fakes the domain's tests use are held to the same contract as the SQL engines. The fakes have no transactions;
 * a {@link #write} takes a copy of the state first and puts it back when the work throws, as a rollback would.
 * A schema declares its tables; a view reads a table's JSON rows and casts each column as the PowerSync view does.
 */
public final class InMemorySyncStorageFixture implements SyncStorageFixture, LayoutObservation {
    private final InMemorySyncStorage storage = new InMemorySyncStorage();
    private Schema schema = Schema.empty();

    /** The fakes' shared state, for tests that arrange or inspect what the contract does not name. */
    public InMemorySyncStorage storage() {
        return storage;
    }

    @Override
    public <T> T write(Function<SyncStorage, T> work) {
        InMemorySyncStorage before = new InMemorySyncStorage();
        before.copyFrom(storage);
        try {
            return work.apply(storage.storage());
        } catch (RuntimeException | Error e) {
            storage.copyFrom(before);
            throw e;
        }
    }

    @Override
    public void applySchema(Schema newSchema) {
        for (Table table : newSchema.tables()) {
            if (table.options().localOnly()) {
                storage.declareLocalTable(table.name());
            } else {
                storage.declareTable(table.name());
            }
        }
        schema = newSchema;
    }

    @Override
    public void insertLocally(String table, String id, String column, String value) {
        Table target = table(table);
        String data = Json.write(Map.of(column, value));
        if (target.options().localOnly()) {
            storage.putLocalRow(target.name(), id, data);
        } else {
            storage.putRow(target.name(), id, data);
            storage.setPendingUploads(storage.pendingUploads() + 1);
        }
    }

    @Override
    public void putSyncedRow(String type, String id, String data) {
        storage.putRow(type, id, data);
    }

    @Override
    public void putUntyped(String type, String id, String data) {
        storage.putUntyped(type, id, data);
    }

    @Override
    public void markPendingDelete(String bucket) {
        storage.markPendingDelete(bucket);
    }

    @Override
    public LayoutObservation observe() {
        return this;
    }

    @Override
    public List<BucketRow> buckets() {
        return storage.buckets();
    }

    @Override
    public List<OplogRow> oplog() {
        return storage.oplog();
    }

    @Override
    public List<RowKey> updatedRows() {
        return List.copyOf(storage.updatedRows());
    }

    @Override
    public Map<RowKey, String> untyped() {
        return storage.untyped();
    }

    @Override
    public Map<String, String> syncedRows(String type) {
        return storage.rows(type);
    }

    @Override
    public List<Map<String, Object>> viewRows(String view, List<String> columns) {
        Table table = table(view);
        Map<String, String> stored = table.options().localOnly() ? storage.localRows(table.name())
                : storage.rows(table.name());
        List<Map<String, Object>> rows = new ArrayList<>();
        stored.forEach((id, data) -> {
            Map<String, Object> values = Json.parseObject(data);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            for (String column : columns) {
                ColumnType type = table.column(column).map(Column::type)
                        .orElseThrow(() -> new IllegalArgumentException(view + " has no column " + column));
                row.put(column, cast(values.get(column), type));
            }
            rows.add(row);
        });
        return rows;
    }

    @Override
    public Map<String, Object> keyValues() {
        return new TreeMap<>(storage.kv());
    }

    @Override
    public Map<Integer, Long> syncStates() {
        return storage.storage().keyValues().syncStates();
    }

    @Override
    public List<String> subscriptionParams() {
        return storage.subscriptionRows.values().stream()
                .map(InMemoryStreamSubscriptionStore.SubscriptionRow::localParams).toList();
    }

    @Override
    public long uploadQueueSize() {
        return storage.pendingUploads();
    }

    @Override
    public void close() {
    }

    private Table table(String view) {
        return schema.tables().stream().filter(t -> t.viewName().equals(view)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No table or view " + view + " in the schema"));
    }

    /** The view's {@code CAST(json_extract(data, '$.column') AS type)}, for the values the contracts store. */
    private static Object cast(Object value, ColumnType type) {
        if (value == null) {
            return null;
        }
        String name = type.sqlName().toLowerCase(Locale.ROOT);
        if (name.equals("text")) {
            return value.toString();
        }
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("The fake casts only numbers to " + type + ", not " + value);
        }
        return name.equals("integer") ? (Object) number.longValue() : (Object) number.doubleValue();
    }
}
