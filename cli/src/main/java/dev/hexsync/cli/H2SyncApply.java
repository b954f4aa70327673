package dev.hexsync.cli;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.domain.database.LocalDatabase;
import dev.hexsync.domain.sync.Instruction;
import dev.hexsync.domain.sync.StartOptions;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.domain.sync.SyncEvent;
import dev.hexsync.ports.api.SyncDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

/**
 * sync-apply on H2, for the benchmark's H2 rows beside SQLite's: the same workload handed to the engine on an H2
 * file database, against H2's own floor, plain H2 JDBC batch inserts of the same rows into the same shapes
 * (ps_oplog with its three indexes, ps_data__todos(id, data)), a commit after each batch of a data line's size.
 * Not one transaction as SQLite's floor: MVStore keeps a transaction's uncommitted rows in its undo log, which makes
 * one very large transaction several times slower than the same rows in batches, so a single commit would be a
 * floor H2 users never meet. Each engine is measured against its own floor: the ratio says what hexsync adds on
 * that engine, not which engine is faster.
 */
final class H2SyncApply {
    private static final List<String> FLOOR_DDL = List.of(
            "CREATE TABLE ps_oplog(bucket BIGINT NOT NULL, op_id BIGINT NOT NULL, row_type VARCHAR, row_id VARCHAR,"
                    + " \"key\" VARCHAR, data VARCHAR, hash BIGINT NOT NULL)",
            "CREATE INDEX ps_oplog_row ON ps_oplog(row_type, row_id)",
            "CREATE INDEX ps_oplog_opid ON ps_oplog(bucket, op_id)",
            "CREATE INDEX ps_oplog_key ON ps_oplog(bucket, \"key\")",
            "CREATE TABLE ps_data__todos(id VARCHAR PRIMARY KEY NOT NULL, data VARCHAR)");

    private final Path dir;
    private int files;

    H2SyncApply(Path dir) {
        this.dir = dir;
    }

    /** Plain H2 JDBC batch inserts of the workload's rows; the elapsed nanoseconds. */
    long floor(SyncApplyWorkload workload) throws Exception {
        Path file = nextFile("h2-floor");
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath(), "sa", "")) {
            try (Statement statement = connection.createStatement()) {
                for (String ddl : FLOOR_DDL) {
                    statement.execute(ddl);
                }
            }
            connection.setAutoCommit(false);
            try (PreparedStatement oplog = connection.prepareStatement("INSERT INTO ps_oplog(bucket, op_id, \"key\","
                    + " row_type, row_id, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement table = connection.prepareStatement(
                            "INSERT INTO ps_data__todos(id, data) VALUES (?, ?)")) {
                long start = System.nanoTime();
                for (int i = 0; i < workload.ops; i++) {
                    oplog.setLong(1, workload.bucketOf[i]);
                    oplog.setLong(2, i + 1);
                    oplog.setString(3, workload.keys[i]);
                    oplog.setString(4, SyncApplyWorkload.TABLE);
                    oplog.setString(5, workload.rowIds[i]);
                    oplog.setString(6, workload.data[i]);
                    oplog.setLong(7, workload.checksums[i]);
                    oplog.addBatch();
                    if ((i + 1) % SyncApplyWorkload.OPS_PER_LINE == 0) {
                        oplog.executeBatch();
                        connection.commit();
                    }
                }
                oplog.executeBatch();
                for (int i = 0; i < workload.ops; i++) {
                    table.setString(1, workload.rowIds[i]);
                    table.setString(2, workload.data[i]);
                    table.addBatch();
                    if ((i + 1) % SyncApplyWorkload.OPS_PER_LINE == 0) {
                        table.executeBatch();
                        connection.commit();
                    }
                }
                table.executeBatch();
                connection.commit();
                return System.nanoTime() - start;
            }
        } finally {
            delete(file);
        }
    }

    /** The workload handed to hexsync's engine on an H2 file; the elapsed nanoseconds, checked like SQLite's run. */
    long hexsync(SyncApplyWorkload workload) throws Exception {
        Path file = nextFile("h2-hexsync");
        try (SyncDatabase db = HexSync.builder().h2(file).schema(SyncApplyBenchmark.SCHEMA).build()) {
            SyncEngine engine = ((LocalDatabase) db).syncEngine();
            engine.start(StartOptions.DEFAULT);
            List<Instruction> last = List.of();
            long start = System.nanoTime();
            for (String line : workload.lines) {
                last = engine.handle(new SyncEvent.TextLine(line));
            }
            long elapsed = System.nanoTime() - start;
            engine.stop();
            if (last.stream().noneMatch(Instruction.DidCompleteSync.class::isInstance)) {
                throw new IllegalStateException("sync-apply on H2: the checkpoint was not applied; the engine answered " + last);
            }
            long rows = db.get("SELECT count(*) AS n FROM " + SyncApplyWorkload.TABLE).getLong("n");
            if (rows != workload.ops) {
                throw new IllegalStateException("sync-apply on H2: expected " + workload.ops + " rows, found " + rows);
            }
            return elapsed;
        } finally {
            delete(file);
        }
    }

    private Path nextFile(String variant) {
        return dir.resolve("sync-apply-" + variant + "-" + (files++));
    }

    private static void delete(Path base) throws IOException {
        for (String suffix : new String[] {".mv.db", ".trace.db"}) {
            Files.deleteIfExists(base.resolveSibling(base.getFileName() + suffix));
        }
    }
}
