package dev.hexsync.cli;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sync-http}: an initial sync of N rows from the bundled service emulator over HTTP on 127.0.0.1
 * (checkpoint, NDJSON data lines, one engine transaction per line), against a floor measured in the same run:
 * plain sqlite-jdbc batch inserts of the same rows into an oplog-shaped and a table-shaped table in one
 * transaction, with the same pragmas. The emulator runs in this JVM, so its heap is part of the figure.
 */
final class SyncHttpBenchmark {
    private static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").integer("completed")
            .text("list_id").build());

    private final PrintWriter out;
    private final Path dir;
    private final int rows;

    SyncHttpBenchmark(PrintWriter out, Path dir, int rows) {
        this.out = out;
        this.dir = dir;
        this.rows = rows;
    }

    void run() throws Exception {
        out.printf("sync-http: %,d rows from the service emulator over HTTP (127.0.0.1), floor in the same run%n", rows);
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "todos").batchSize(1000)
                .build().start()) {
            service.transaction(tx -> {
                for (int i = 0; i < rows; i++) {
                    tx.put("todos", "todo-" + i, values(i));
                }
            });
            long floor = floor();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "sync-http-heap");
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("sync-http.db")).schema(SCHEMA).build()) {
                db.connect(new BackendConnector() {
                    @Override
                    public Optional<Credentials> fetchCredentials() {
                        return Optional.of(new Credentials(service.endpoint(), service.issueToken("bench"), Optional.empty()));
                    }

                    @Override
                    public void uploadData(SyncDatabase database) {
                    }
                }, ConnectOptions.DEFAULT).get(60, TimeUnit.SECONDS);
                db.waitForFirstSync().get(30, TimeUnit.MINUTES);
                long hexsync = System.nanoTime() - start;
                sampler.interrupt();
                long synced = db.get("SELECT count(*) AS n FROM todos").getLong("n");
                if (synced != rows) {
                    throw new IllegalStateException("synced " + synced + " rows, expected " + rows);
                }
                out.printf("  floor   batch insert, one transaction  %10.1f ms%n", floor / 1e6);
                out.printf("  hexsync HTTP sync until synced         %10.1f ms  (%,.0f rows/s)%n", hexsync / 1e6,
                        rows / (hexsync / 1e9));
                out.printf("  ratio   hexsync / floor                %10.2f x%n", (double) hexsync / floor);
                out.printf("  heap    peak used above baseline (client and emulator, incl. garbage) %,.1f MB%n",
                        Math.max(0, peak.get() - baseline) / 1e6);
            }
        }
    }

    private static Map<String, Object> values(int i) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("description", "Todo number " + i);
        values.put("completed", i % 2);
        values.put("list_id", "list-" + (i % 100));
        return values;
    }

    private long floor() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sync-http-floor.db"))) {
            try (Statement statement = connection.createStatement()) {
                for (String pragma : SyncApplyBenchmark.PRAGMAS) {
                    statement.execute(pragma);
                }
                for (String ddl : SyncApplyBenchmark.FLOOR_DDL) {
                    statement.execute(ddl);
                }
            }
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement oplog = connection.prepareStatement("INSERT INTO ps_oplog(bucket, op_id, key,"
                    + " row_type, row_id, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement table = connection.prepareStatement(
                            "INSERT INTO \"ps_data__todos\"(id, data) VALUES (?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    String id = "todo-" + i;
                    String data = "{\"description\":\"Todo number " + i + "\",\"completed\":" + (i % 2)
                            + ",\"list_id\":\"list-" + (i % 100) + "\"}";
                    oplog.setLong(1, 1);
                    oplog.setLong(2, i + 1);
                    oplog.setString(3, "todos/" + id + "/null");
                    oplog.setString(4, "todos");
                    oplog.setString(5, id);
                    oplog.setString(6, data);
                    oplog.setLong(7, i);
                    oplog.addBatch();
                    table.setString(1, id);
                    table.setString(2, data);
                    table.addBatch();
                    if (i % 1000 == 999) {
                        oplog.executeBatch();
                        table.executeBatch();
                    }
                }
                oplog.executeBatch();
                table.executeBatch();
            }
            connection.commit();
            return System.nanoTime() - start;
        }
    }
}
