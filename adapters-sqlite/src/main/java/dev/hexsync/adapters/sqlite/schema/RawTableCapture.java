package dev.hexsync.adapters.sqlite.schema;

import java.util.List;

/**
 * Writable stand-ins for the engine's capture virtual tables, {@code powersync_crud} and
 * {@code powersync_crud_}: views whose INSTEAD OF triggers do what the virtual tables do. Raw tables need
 * them, because the application's own triggers on a raw table write to {@code powersync_crud} by name.
 * They exist only while the schema has raw tables: a PowerSync core opening such a file would find these
 * views in place of its virtual tables.
 *
 * <p>As with the virtual tables, a transaction takes its CRUD id when anything is written to them, even
 * while the engine publishes (when the entry itself is ignored), and a PATCH with data {@code {}} is dropped
 * when the options ask to ignore empty updates.
 */
final class RawTableCapture {
    private RawTableCapture() {
    }

    static final String VIEW = "powersync_crud";
    static final String MANUAL_VIEW = "powersync_crud_";

    private static final String ALLOCATE =
            "UPDATE ps_tx SET next_tx = next_tx + 1 WHERE id = 1 AND hexsync_begin_crud_tx(next_tx)";

    private static final String KEEP = "NOT powersync_in_sync_operation()"
            + " AND NOT (NEW.op = 'PATCH' AND (coalesce(NEW.options, 0) & 16) != 0 AND NEW.data = '{}')";

    private static final String KEEP_MANUAL = "NOT powersync_in_sync_operation()"
            + " AND NOT ((coalesce(NEW.options, 0) & 16) != 0 AND json_extract(NEW.data, '$.op') = 'PATCH'"
            + " AND json_extract(NEW.data, '$.data') = '{}')";

    /** Creates the views and their triggers if missing. */
    static List<String> create() {
        return List.of(
                "CREATE VIEW IF NOT EXISTS " + VIEW + "(op, id, type, data, old_values, metadata, options)"
                        + " AS SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE 0",
                "CREATE TRIGGER IF NOT EXISTS " + VIEW + "_capture INSTEAD OF INSERT ON " + VIEW + " FOR EACH ROW BEGIN\n"
                        + ALLOCATE + ";\n"
                        + "SELECT hexsync_crud_insert(next_tx - 1, hexsync_crud_entry(NEW.op, NEW.id, NEW.type,"
                        + " NEW.data, NEW.old_values, NEW.metadata)) FROM ps_tx WHERE id = 1 AND " + KEEP + ";\n"
                        + "INSERT OR IGNORE INTO ps_updated_rows(row_type, row_id) SELECT NEW.type, NEW.id WHERE " + KEEP + ";\n"
                        + "INSERT OR REPLACE INTO ps_kv(key, value) SELECT 'target_checkpoint_request_id', 9223372036854775807"
                        + " WHERE " + KEEP + ";\n"
                        + "DELETE FROM ps_kv WHERE key IN ('last_seen_checkpoint_request_id', 'last_applied_checkpoint_request_id')"
                        + " AND " + KEEP + ";\nEND",
                "CREATE VIEW IF NOT EXISTS " + MANUAL_VIEW + "(data, options) AS SELECT NULL, NULL WHERE 0",
                "CREATE TRIGGER IF NOT EXISTS " + MANUAL_VIEW + "_capture INSTEAD OF INSERT ON " + MANUAL_VIEW
                        + " FOR EACH ROW BEGIN\n"
                        + ALLOCATE + ";\n"
                        + "SELECT hexsync_crud_insert(next_tx - 1, NEW.data) FROM ps_tx WHERE id = 1 AND "
                        + KEEP_MANUAL + ";\nEND");
    }

    /** Drops the views (their triggers go with them). */
    static List<String> drop() {
        return List.of("DROP VIEW IF EXISTS " + VIEW, "DROP VIEW IF EXISTS " + MANUAL_VIEW);
    }
}
