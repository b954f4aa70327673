package dev.hexsync.adapters.sqlite.schema;

import java.util.List;

/**
 * The two capture points the view triggers write to, standing in for the engine's {@code powersync_crud}
 * and {@code powersync_crud_} virtual tables with the same observable effects:
 * <ul>
 *   <li>the first capture in a transaction allocates a transaction id from {@code ps_tx}, even when the
 *       entry is then dropped as an empty update (the engine does the same);</li>
 *   <li>{@code ps_crud} gets the entry; a captured view write also queues the row in {@code ps_updated_rows}
 *       and raises the write gate in {@code ps_kv} (target = MAX, seen/applied ids cleared);</li>
 *   <li>a PATCH whose data is exactly {@code {}} on a table with {@code ignore_empty_update} records nothing.</li>
 * </ul>
 * {@code hexsync_begin_crud_tx()} is a per-connection function that answers true once per transaction.
 */
public final class CaptureSql {
    private CaptureSql() {
    }

    private static final String KEEP = "NOT (NEW.op = 'PATCH' AND (coalesce(NEW.options, 0) & 16) != 0 AND NEW.data = '{}')";
    private static final String KEEP_RAW =
            "NOT ((coalesce(NEW.options, 0) & 16) != 0 AND json_extract(NEW.data, '$.op') = 'PATCH' AND json_extract(NEW.data, '$.data') = '{}')";

    /** Statements creating the capture views and their triggers, idempotently. */
    public static List<String> statements() {
        return List.of(
                "CREATE VIEW IF NOT EXISTS " + TableSql.CAPTURE
                        + "(op, id, type, data, old_values, metadata, options) AS SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE 0",
                "CREATE TRIGGER IF NOT EXISTS hexsync_crud_capture INSTEAD OF INSERT ON " + TableSql.CAPTURE
                        + " FOR EACH ROW BEGIN\n"
                        + "UPDATE ps_tx SET next_tx = next_tx + 1 WHERE id = 1 AND hexsync_begin_crud_tx();\n"
                        + "INSERT INTO ps_crud(tx_id, data) SELECT (SELECT next_tx - 1 FROM ps_tx WHERE id = 1), "
                        + "hexsync_crud_entry(NEW.op, NEW.id, NEW.type, NEW.data, NEW.old_values, NEW.metadata) WHERE " + KEEP + ";\n"
                        + "INSERT OR IGNORE INTO ps_updated_rows(row_type, row_id) SELECT NEW.type, NEW.id WHERE " + KEEP + ";\n"
                        + "INSERT OR REPLACE INTO ps_kv(key, value) SELECT 'target_checkpoint_request_id', 9223372036854775807 WHERE " + KEEP + ";\n"
                        + "DELETE FROM ps_kv WHERE key IN ('last_seen_checkpoint_request_id', 'last_applied_checkpoint_request_id') AND " + KEEP + ";\n"
                        + "END",
                "CREATE VIEW IF NOT EXISTS " + TableSql.CAPTURE_RAW + "(data, options) AS SELECT NULL, NULL WHERE 0",
                "CREATE TRIGGER IF NOT EXISTS hexsync_crud_raw_capture INSTEAD OF INSERT ON " + TableSql.CAPTURE_RAW
                        + " FOR EACH ROW BEGIN\n"
                        + "UPDATE ps_tx SET next_tx = next_tx + 1 WHERE id = 1 AND hexsync_begin_crud_tx();\n"
                        + "INSERT INTO ps_crud(tx_id, data) SELECT (SELECT next_tx - 1 FROM ps_tx WHERE id = 1), NEW.data WHERE "
                        + KEEP_RAW + ";\n"
                        + "END");
    }
}
