package dev.hexsync.adapters.sqlite;

import dev.hexsync.json.Json;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.sync.PublishStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishing with the PowerSync engine's own statements (0.5.3, {@code crates/core/src/sync/sync_local.rs};
 * hexsync's results are compared row by row with the engine's): the candidate rows of a full or partial
 * publish, written through {@link PublishTriggers} inside SQLite, or row by row through a {@link Publication}
 * when a candidate needs it. Runs on the session's writer inside {@link SqliteSession#write}.
 */
final class SqlitePublishStore implements PublishStore {
    // ---- sync_local.rs ----
    private static final String HAS_CRUD = "SELECT 1 FROM ps_crud LIMIT 1";
    /** Candidates of a full publish; the engine's annotated version is dart/test/sync_local_performance_test.dart. */
    private static final String FULL_CANDIDATES = "WITH updated_rows AS (\n"
            + "    SELECT b.row_type, b.row_id FROM ps_buckets AS buckets\n"
            + "        CROSS JOIN ps_oplog AS b ON b.bucket = buckets.id\n"
            + "        AND (b.op_id > buckets.last_applied_op)\n"
            + "    UNION ALL SELECT row_type, row_id FROM ps_updated_rows\n"
            + ")\n\n"
            + "SELECT\n"
            + "    b.row_type,\n"
            + "    b.row_id,\n"
            + "    (\n"
            + "        SELECT iif(max(r.op_id), r.data, null)\n"
            + "                 FROM ps_oplog r\n"
            + "                WHERE r.row_type = b.row_type\n"
            + "                  AND r.row_id = b.row_id\n\n"
            + "    ) as data\n"
            + "    FROM updated_rows b\n"
            + "    GROUP BY b.row_type, b.row_id;";
    /**
     * Candidates of a partial publish: only the involved buckets' unapplied ops, the winner chosen among the
     * involved buckets only. Bound to the engine's JSON arguments, of which only {@code $.buckets} is read.
     */
    private static final String PARTIAL_CANDIDATES = "WITH \n"
            + "  involved_buckets (id) AS MATERIALIZED (\n"
            + "    SELECT id FROM ps_buckets WHERE ?1 IS NULL\n"
            + "      OR name IN (SELECT value FROM json_each(json_extract(?1, '$.buckets')))\n"
            + "  ),\n"
            + "  updated_rows AS (\n"
            + "    SELECT b.row_type, b.row_id FROM ps_buckets AS buckets\n"
            + "        CROSS JOIN ps_oplog AS b ON b.bucket = buckets.id\n"
            + "        AND (b.op_id > buckets.last_applied_op)\n"
            + "        WHERE buckets.id IN (SELECT id FROM involved_buckets)\n"
            + "  )\n\n"
            + "SELECT\n"
            + "    b.row_type,\n"
            + "    b.row_id,\n"
            + "    (\n"
            + "        SELECT iif(max(r.op_id), r.data, null)\n"
            + "                 FROM ps_oplog r\n"
            + "                WHERE r.row_type = b.row_type\n"
            + "                  AND r.row_id = b.row_id\n"
            + "                  AND r.bucket IN (SELECT id FROM involved_buckets)\n\n"
            + "    ) as data\n"
            + "    FROM updated_rows b\n"
            + "    GROUP BY b.row_type, b.row_id;";
    /**
     * hexsync: true when a full publish's candidates are every row of the oplog, as after an initial download:
     * nothing queued, no op of a bucket already applied, no op of a bucket that no longer exists (the recursive
     * part lists the oplog's buckets with one index seek each).
     */
    private static final String ALL_OPLOG_UNAPPLIED = "SELECT NOT EXISTS (SELECT 1 FROM ps_updated_rows)\n"
            + "    AND NOT EXISTS (SELECT 1 FROM ps_buckets AS buckets\n"
            + "        CROSS JOIN ps_oplog AS o ON o.bucket = buckets.id AND o.op_id <= buckets.last_applied_op)\n"
            + "    AND NOT EXISTS (WITH RECURSIVE present(bucket) AS (\n"
            + "            SELECT min(bucket) FROM ps_oplog\n"
            + "            UNION ALL SELECT (SELECT min(bucket) FROM ps_oplog WHERE bucket > present.bucket) FROM present\n"
            + "                WHERE present.bucket IS NOT NULL)\n"
            + "        SELECT 1 FROM present WHERE present.bucket NOT IN (SELECT id FROM ps_buckets))";
    /**
     * hexsync: FULL_CANDIDATES when {@link #ALL_OPLOG_UNAPPLIED} holds, in one pass over the (row_type, row_id)
     * index instead of a sort of every op plus a lookup per row. Same rows in the same order: the candidates
     * are then exactly the oplog's (type, id) groups, which both queries produce in ascending (row_type,
     * row_id) order (a GROUP BY sort there, the index order here), and each group's data comes from its max
     * op_id, its rows visited in the same index order as the engine's correlated subquery visits them.
     */
    private static final String UNAPPLIED_OPLOG_CANDIDATES = "SELECT row_type, row_id, iif(max(op_id), data, null)"
            + " FROM ps_oplog INDEXED BY ps_oplog_row GROUP BY row_type, row_id";
    /** The candidates fed to {@link PublishTriggers}, which publish them inside SQLite. */
    private static final String PUBLISH_FULL = PublishTriggers.insertFrom(FULL_CANDIDATES);
    private static final String PUBLISH_UNAPPLIED_OPLOG = PublishTriggers.insertFrom(UNAPPLIED_OPLOG_CANDIDATES);
    private static final String PUBLISH_PARTIAL = PublishTriggers.insertFrom(PARTIAL_CANDIDATES);
    private static final String APPLIED_FULL = "UPDATE ps_buckets\n    SET last_applied_op = last_op\n"
            + "    WHERE last_applied_op != last_op";
    private static final String APPLIED_PARTIAL = "UPDATE ps_buckets\n    SET last_applied_op = last_op\n"
            + "    WHERE last_applied_op != last_op AND\n"
            + "        name IN (SELECT value FROM json_each(json_extract(?1, '$.buckets')))";
    private static final String CLEAR_UPDATED_ROWS = "DELETE FROM ps_updated_rows";
    // ---- hexsync: the per-connection flag behind powersync_in_sync_operation() (functions/SqlFunctions) ----
    private static final String SYNC_OPERATION = "SELECT hexsync_sync_operation(?)";

    private final SqliteSession session;
    private final WriterStatements writer;

    SqlitePublishStore(SqliteSession session, WriterStatements writer) {
        this.session = session;
        this.writer = writer;
    }

    @Override
    public boolean hasPendingUploads() {
        return writer.run(() -> {
            try (ResultSet rows = writer.statement(HAS_CRUD).executeQuery()) {
                return rows.next();
            }
        });
    }

    @Override
    public void publish(Optional<Collection<String>> partialBuckets, List<RawTable> rawTables) {
        writer.run(() -> {
            // Like the engine's sync_local guard: raw-table triggers see powersync_in_sync_operation() = 1.
            writer.update(SYNC_OPERATION, 1);
            try (Publication publication = new Publication(session.writerConnection(), rawTables, session.captureHook(), writer)) {
                String partialArguments = partialBuckets
                        .map(buckets -> Json.write(Map.of("buckets", new ArrayList<>(buckets))))
                        .orElse(null);
                if (!publishInSqlite(publication, partialArguments, rawTables)) {
                    publishPerRow(publication, partialArguments);
                }
                if (partialArguments == null) {
                    writer.update(APPLIED_FULL);
                    writer.update(CLEAR_UPDATED_ROWS);
                } else {
                    writer.update(APPLIED_PARTIAL, partialArguments);
                }
            } finally {
                writer.update(SYNC_OPERATION, 0);
            }
            return null;
        });
    }

    /**
     * Publishes every candidate with one statement ({@link PublishTriggers}); false, with nothing written, when
     * a candidate needs the per-row path.
     */
    private boolean publishInSqlite(Publication publication, String partialArguments, List<RawTable> rawTables)
            throws SQLException {
        List<String> rawNames = new ArrayList<>();
        for (RawTable table : rawTables) {
            rawNames.add(table.name());
        }
        PublishTriggers.install(session.writerConnection(), publication.dataTypes(), rawNames);
        PreparedStatement insert;
        if (partialArguments != null) {
            insert = writer.statement(PUBLISH_PARTIAL);
        } else if (allOplogUnapplied()) {
            insert = writer.statement(PUBLISH_UNAPPLIED_OPLOG);
        } else {
            insert = writer.statement(PUBLISH_FULL);
        }
        if (partialArguments != null) {
            insert.setString(1, partialArguments);
        }
        try {
            WriterStatements.execute(insert);
            return true;
        } catch (SQLException e) {
            if (PublishTriggers.isFallback(e)) {
                // RAISE(ABORT) undid the statement's writes; the transaction goes on.
                return false;
            }
            throw e;
        }
    }

    private boolean allOplogUnapplied() throws SQLException {
        try (ResultSet rows = writer.statement(ALL_OPLOG_UNAPPLIED).executeQuery()) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    /** Reads the candidates into Java and writes them one by one, as the engine's sync_local does. */
    private void publishPerRow(Publication publication, String partialArguments) throws SQLException {
        PreparedStatement candidates =
                writer.statement(partialArguments == null ? FULL_CANDIDATES : PARTIAL_CANDIDATES);
        if (partialArguments != null) {
            candidates.setString(1, partialArguments);
        }
        try (ResultSet rows = candidates.executeQuery()) {
            while (rows.next()) {
                String type = rows.getString(1);
                String id = rows.getString(2);
                if (type == null || id == null) {
                    // The engine's column_text fails on NULL here, failing the whole publish.
                    throw new StorageException("Cannot publish an oplog row without type or id (type "
                            + type + ", id " + id + ")");
                }
                publication.apply(type, id, rows.getString(3));
            }
        }
        publication.flush();
    }
}
