package dev.hexsync.bootstrap.e2e;

import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.emulator.BucketSnapshot;
import dev.hexsync.emulator.OplogOp;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares a local replica with what the service holds, and reads the client's bookkeeping tables. The
 * service's side is read from a bucket's oplog (the latest PUT or REMOVE of each row), which is exactly what a
 * client that synced the bucket must end up with; values are compared after normalizing numbers, since the
 * local views type them by column while the source keeps whatever JSON gave.
 */
final class Replica {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The target a write checkpoint has before the service named one ("uploaded, not known yet"). */
    private static final long UNKNOWN_TARGET = Long.MAX_VALUE;

    private Replica() {
    }

    /** The rows of {@code table} that {@code bucket} holds at the emulator's latest checkpoint, by id. */
    static Map<String, Map<String, Object>> serviceRows(SyncServiceEmulator service, String bucket, String table) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        BucketSnapshot snapshot = service.bucket(bucket).orElse(null);
        if (snapshot == null) {
            return rows;
        }
        for (OplogOp op : snapshot.ops()) {
            if (!table.equals(op.objectType())) {
                continue;
            }
            if (op.type() == OplogOp.Type.PUT) {
                rows.put(op.objectId(), parse(op.data()));
            } else if (op.type() == OplogOp.Type.REMOVE) {
                rows.remove(op.objectId());
            }
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        return JSON.readValue(json, LinkedHashMap.class);
    }

    /** Every row of the local view of {@code table}, by id. */
    static Map<String, Map<String, Object>> localRows(SyncDatabase db, String table) {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (SqlRow row : db.getAll("SELECT * FROM " + db.schema().table(table).orElseThrow().viewName())) {
            rows.put(row.getString("id"), row.toMap());
        }
        return rows;
    }

    /**
     * How the local table differs from {@code expected} (by id, compared on the table's schema columns), or
     * an empty string when it does not.
     */
    static String differences(SyncDatabase db, String table, Map<String, Map<String, Object>> expected) {
        Table schema = db.schema().table(table).orElseThrow();
        Map<String, Map<String, Object>> local = localRows(db, table);
        List<String> problems = new ArrayList<>();
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(local.keySet());
        TreeSet<String> extra = new TreeSet<>(local.keySet());
        extra.removeAll(expected.keySet());
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " rows missing locally, e.g. " + first(missing));
        }
        if (!extra.isEmpty()) {
            problems.add(extra.size() + " rows only local, e.g. " + first(extra));
        }
        for (Map.Entry<String, Map<String, Object>> row : expected.entrySet()) {
            Map<String, Object> localRow = local.get(row.getKey());
            if (localRow == null) {
                continue;
            }
            for (Column column : schema.columns()) {
                Object want = normalize(row.getValue().get(column.name()));
                Object have = normalize(localRow.get(column.name()));
                if (!Objects.equals(want, have)) {
                    problems.add(table + " " + row.getKey() + "." + column.name() + ": local " + have + ", expected "
                            + want);
                    if (problems.size() > 10) {
                        return String.join("; ", problems);
                    }
                }
            }
        }
        return String.join("; ", problems);
    }

    /** The differences between the local table and the rows {@code bucket} holds at the service. */
    static String differencesFromService(SyncDatabase db, SyncServiceEmulator service, String bucket, String table) {
        return differences(db, table, serviceRows(service, bucket, table));
    }

    /** Local views type values by column; JSON gives Integer or Long, true or 1: compare the value only. */
    static Object normalize(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof Double || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        return value;
    }

    /** Rows in the upload queue. */
    static long queued(SyncDatabase db) {
        return db.get("SELECT count(*) AS n FROM ps_crud").getLong("n");
    }

    /**
     * Whether every upload was confirmed: nothing queued, and the write checkpoint the last upload waits for
     * (if any) was seen in a validated checkpoint.
     */
    static boolean uploadsConfirmed(SyncDatabase db) {
        if (queued(db) != 0) {
            return false;
        }
        Long target = kv(db, "target_checkpoint_request_id");
        if (target == null) {
            return true;
        }
        Long seen = kv(db, "last_seen_checkpoint_request_id");
        return target != UNKNOWN_TARGET && seen != null && seen >= target;
    }

    /** The write checkpoint the local writes wait for, once the service named it; else null. */
    static Long knownTarget(SyncDatabase db) {
        Long target = kv(db, "target_checkpoint_request_id");
        return target == null || target == UNKNOWN_TARGET ? null : target;
    }

    static Long kv(SyncDatabase db, String key) {
        return db.getOptional("SELECT value FROM ps_kv WHERE key = ?", key)
                .map(row -> row.get("value"))
                .map(value -> value instanceof Number n ? n.longValue() : Long.parseLong(value.toString()))
                .orElse(null);
    }

    /** The op id up to which a bucket was validated locally, or -1 when the client does not have it. */
    static long lastOp(SyncDatabase db, String bucket) {
        return db.getOptional("SELECT last_op FROM ps_buckets WHERE name = ?", bucket)
                .map(row -> row.getLong("last_op")).orElse(-1L);
    }

    /** SQLite's own verdict on the file: "ok" when nothing is corrupt. */
    static String integrity(SyncDatabase db) {
        List<SqlRow> rows = db.getAll("PRAGMA integrity_check");
        List<String> messages = new ArrayList<>();
        rows.forEach(row -> messages.add(String.valueOf(row.get(0))));
        return String.join("\n", messages);
    }

    private static String first(TreeSet<String> ids) {
        return ids.size() <= 3 ? ids.toString() : List.copyOf(ids).subList(0, 3) + "...";
    }
}
