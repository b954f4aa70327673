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
 *   <li>{@code ps_crud} gets the entry JSON, built in SQL where SQLite spells it as the engine does
 *       ({@link CaptureJson}) and by {@code hexsync_crud_entry} otherwise, inserted by
 *       {@code hexsync_crud_insert} as a statement of its own, as the virtual table does: an INSERT in the
 *       trigger body would make SQLite touch {@code sqlite_sequence} for every statement on the view, even
 *       one that captures nothing, and the upload loop reads that sequence;</li>
 *   <li>a view capture also queues the row in {@code ps_updated_rows} and raises the write gate in
 *       {@code ps_kv} (target = MAX, last seen/applied ids removed; the target is rewritten once per
 *       transaction, or when found changed, rather than per row);</li>
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
     * The write gate as the engine leaves it after a capture (target = MAX), written by the first capture of
     * the transaction (no queue entry with its id yet, so the tables it touches are the engine's) and by any
     * capture that finds it changed; otherwise the REPLACE would rewrite an equal row per captured row. Runs
     * before the entry is inserted, in the same statement: a rollback undoes both or neither.
     */
    private static final String RAISE_GATE = "INSERT OR REPLACE INTO ps_kv(key, value)"
            + " SELECT 'target_checkpoint_request_id', 9223372036854775807"
            + " WHERE (SELECT tx_id FROM ps_crud ORDER BY id DESC LIMIT 1) IS NOT (SELECT next_tx - 1 FROM ps_tx WHERE id = 1)"
            + " OR NOT EXISTS (SELECT 1 FROM ps_kv WHERE key = 'target_checkpoint_request_id'"
            + " AND value = 9223372036854775807)";

    private static final String LOWER_GATE =
            "DELETE FROM ps_kv WHERE key IN ('last_seen_checkpoint_request_id', 'last_applied_checkpoint_request_id')";

    /**
     * The entry JSON built in SQL for rows whose values SQLite spells as the engine does ({@link CaptureJson}).
     *
     * @param exact SQL that is true for such rows; null when every row qualifies
     * @param data the data built in SQL, or null when the entry has none
     * @param old the previous values built in SQL, or null when not captured
     */
    record SqlEntry(String exact, String data, String old) {
    }

    /**
     * A view capture. Values are SQL expressions; {@code data}, {@code old} and {@code metadata} may be null
     * (not captured), {@code options} is null for inserts and deletes. {@code sqlEntry}, when given, builds the
     * entry in SQL for the rows it covers; the others go through {@code hexsync_crud_entry} with {@code data}
     * and {@code old}.
     *
     * @param dropIfEmpty true when an empty PATCH must record nothing (PATCH on an ignore-empty-update table)
     */
    String view(String op, String id, String type, String data, String old, String metadata, Integer options,
            boolean dropIfEmpty, SqlEntry sqlEntry) {
        if (this == ENGINE) {
            List<String> columns = new ArrayList<>(List.of("op", "id", "type"));
            List<String> values = new ArrayList<>(List.of(op, id, type));
            add(columns, values, "data", data);
            add(columns, values, "old_values", old);
            add(columns, values, "metadata", metadata);
            add(columns, values, "options", options == null ? null : options.toString());
            return "INSERT INTO powersync_crud(" + String.join(",", columns) + ") VALUES (" + String.join(", ", values) + ")";
        }
        String javaEntry = "hexsync_crud_entry(" + op + ", " + id + ", " + type + ", " + orNull(data) + ", " + orNull(old)
                + ", " + orNull(metadata) + ")";
        String entry = javaEntry;
        String keptData = data;
        if (sqlEntry != null) {
            String built = CaptureJson.entry(op, id, type, sqlEntry.data(), sqlEntry.old(), metadata);
            entry = sqlEntry.exact() == null ? built : "CASE WHEN " + sqlEntry.exact() + " THEN " + built + " ELSE " + javaEntry + " END";
            if (data != null && sqlEntry.exact() != null) {
                keptData = "CASE WHEN " + sqlEntry.exact() + " THEN " + sqlEntry.data() + " ELSE " + data + " END";
            }
        }
        if (dropIfEmpty) {
            // Whether to record is known only once the data is built: the gate follows the entry, row by row.
            String kept = " WHERE hexsync_capture_kept()";
            return ALLOCATE + ";\n"
                    + "SELECT hexsync_crud_insert(next_tx - 1, " + entry + ") FROM ps_tx WHERE id = 1"
                    + " AND hexsync_capture_keep(" + keptData + " != '{}');\n"
                    + "INSERT OR IGNORE INTO ps_updated_rows(row_type, row_id) SELECT " + type + ", " + id + kept + ";\n"
                    + "INSERT OR REPLACE INTO ps_kv(key, value) SELECT 'target_checkpoint_request_id', 9223372036854775807"
                    + kept + ";\n"
                    + "DELETE FROM ps_kv WHERE key IN ('last_seen_checkpoint_request_id', 'last_applied_checkpoint_request_id')"
                    + " AND hexsync_capture_kept()";
        }
        return ALLOCATE + ";\n" + RAISE_GATE + ";\n" + LOWER_GATE + ";\n"
                + "SELECT hexsync_crud_insert(next_tx - 1, " + entry + ") FROM ps_tx WHERE id = 1;\n"
                + "INSERT OR IGNORE INTO ps_updated_rows(row_type, row_id) VALUES (" + type + ", " + id + ")";
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
