package dev.hexsync.adapters.sqlite.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * How a view trigger hands a change to the upload queue.
 *
 * <p>The engine's triggers insert into its virtual tables {@code powersync_crud} and {@code powersync_crud_},
 * which exist only inside the native extension. {@link #ENGINE} renders exactly that (so the generated SQL
 * can be compared with the engine's, byte for byte); {@link #INLINE} renders the same effects in plain SQL
 * with hexsync's functions, which is what hexsync installs:
 * <ul>
 *   <li>the first capture of a transaction takes a transaction id from {@code ps_tx}
 *       ({@code hexsync_begin_crud_tx(next_tx)} answers whether this transaction still needs one);</li>
 *   <li>{@code ps_crud} gets the entry JSON ({@code hexsync_crud_entry}), inserted by
 *       {@code hexsync_crud_insert} as a statement of its own, as the virtual table does: an INSERT in the
 *       trigger body would make SQLite touch {@code sqlite_sequence} for every statement on the view, even
 *       one that captures nothing, and the upload loop reads that sequence;</li>
 *   <li>a view capture also queues the row in {@code ps_updated_rows} and raises the write gate in
 *       {@code ps_kv} (target = MAX, last seen/applied ids removed);</li>
 *   <li>on tables that ignore empty updates, a PATCH whose data is {@code {}} records nothing, but the
 *       transaction id is taken all the same, as the engine does.</li>
 * </ul>
 * Keeping the capture inline (rather than in helper objects) leaves {@code sqlite_master} with exactly the
 * objects the engine creates.
 */
public enum Capture {
    ENGINE,
    INLINE;

    private static final String ALLOCATE =
            "UPDATE ps_tx SET next_tx = next_tx + 1 WHERE id = 1 AND hexsync_begin_crud_tx(next_tx)";

    /**
     * A view capture. Values are SQL expressions; {@code data}, {@code old} and {@code metadata} may be null
     * (not captured), {@code options} is null for inserts and deletes.
     *
     * @param dropIfEmpty true when an empty PATCH must record nothing (PATCH on an ignore-empty-update table)
     */
    String view(String op, String id, String type, String data, String old, String metadata, Integer options,
            boolean dropIfEmpty) {
        if (this == ENGINE) {
            List<String> columns = new ArrayList<>(List.of("op", "id", "type"));
            List<String> values = new ArrayList<>(List.of(op, id, type));
            add(columns, values, "data", data);
            add(columns, values, "old_values", old);
            add(columns, values, "metadata", metadata);
            add(columns, values, "options", options == null ? null : options.toString());
            return "INSERT INTO powersync_crud(" + String.join(",", columns) + ") VALUES (" + String.join(", ", values) + ")";
        }
        String entry = "hexsync_crud_entry(" + op + ", " + id + ", " + type + ", " + orNull(data) + ", " + orNull(old)
                + ", " + orNull(metadata) + ")";
        String keep = dropIfEmpty ? " AND hexsync_capture_keep(" + data + " != '{}')" : "";
        String kept = dropIfEmpty ? " WHERE hexsync_capture_kept()" : "";
        return ALLOCATE + ";\n"
                + "SELECT hexsync_crud_insert(next_tx - 1, " + entry + ") FROM ps_tx WHERE id = 1" + keep + ";\n"
                + "INSERT OR IGNORE INTO ps_updated_rows(row_type, row_id) SELECT " + type + ", " + id + kept + ";\n"
                + "INSERT OR REPLACE INTO ps_kv(key, value) SELECT 'target_checkpoint_request_id', 9223372036854775807"
                + kept + ";\n"
                + "DELETE FROM ps_kv WHERE key IN ('last_seen_checkpoint_request_id', 'last_applied_checkpoint_request_id')"
                + (dropIfEmpty ? " AND hexsync_capture_kept()" : "");
    }

    /** A capture of a pre-built entry (insert-only tables): no updated row, no write gate. */
    String raw(String entryJson) {
        if (this == ENGINE) {
            return "INSERT INTO powersync_crud_(data) VALUES(" + entryJson + ")";
        }
        return ALLOCATE + ";\n" + "SELECT hexsync_crud_insert(next_tx - 1, " + entryJson + ") FROM ps_tx WHERE id = 1";
    }

    private static void add(List<String> columns, List<String> values, String column, String value) {
        if (value != null) {
            columns.add(column);
            values.add(value);
        }
    }

    private static String orNull(String expression) {
        return expression == null ? "NULL" : expression;
    }
}
