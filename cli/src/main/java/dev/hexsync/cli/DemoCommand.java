package dev.hexsync.cli;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.schema.Index;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.schema.TrackPreviousValues;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The main job on the embedded default: start the bundled sync-service emulator on 127.0.0.1, sync a sample
 * data set into a local SQLite file with a progress bar, write locally, upload through a stand-in backend,
 * and show the state the service confirmed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Sync a sample data set from the bundled service emulator, write locally, upload, and show the confirmed state.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--db", paramLabel = "FILE", description = "Database file (default: a new file in a temporary directory).")
    private Path database;

    @Option(names = "--rows", defaultValue = "20000", description = "Rows of the sample data set (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for each step (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Spec
    private CommandSpec spec;

    static final Schema SCHEMA = Schema.of(
            Table.builder("lists").text("name").text("owner_id").build(),
            Table.builder("todos").text("list_id").text("description").integer("completed").real("estimate")
                    .index(Index.on("by_list", "list_id"))
                    .trackPreviousValues(TrackPreviousValues.columns("completed"))
                    .build(),
            Table.builder("settings").text("value").localOnly().build());

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path file = database != null ? database : Files.createTempDirectory("hexsync-demo").resolve("demo.db");
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "lists", "todos")
                .batchSize(1000).build().start()) {
            seed(service);
            out.printf("hexsync demo%n  sync service emulator: %s (%,d rows in bucket 'global')%n  local database: %s%n%n",
                    service.endpoint(), rows + 10, file.toAbsolutePath());
            try (SyncDatabase db = HexSync.builder().sqlite(file).schema(SCHEMA).build()) {
                ProgressBar progress = new ProgressBar(out, ProgressBar.onTerminal());
                db.statusUpdates().subscribe(progress);
                long started = System.nanoTime();
                db.connect(new DemoBackend(service), ConnectOptions.DEFAULT.withUploadThrottle(Duration.ofMillis(100)))
                        .get(timeoutSeconds, TimeUnit.SECONDS);
                db.waitForFirstSync().get(timeoutSeconds, TimeUnit.SECONDS);
                progress.finish();
                out.printf("1. Initial sync complete in %.1f s: %,d lists, %,d todos in the local file.%n",
                        (System.nanoTime() - started) / 1e9, count(db, "lists"), count(db, "todos"));

                out.printf("%n2. Local writes, offline-first: committed locally at once, queued for upload.%n");
                db.writeTransaction(tx -> {
                    tx.execute("INSERT INTO todos(id, list_id, description, completed, estimate) VALUES (?, ?, ?, 0, ?)",
                            "todo-local-1", "list-1", "Written on this device", 1.5);
                    tx.execute("UPDATE todos SET completed = 1 WHERE id = ?", "todo-1");
                    return null;
                });
                out.printf("   upload queue: %s%n", db.getUploadQueueStats(true));

                out.printf("%n3. The upload loop hands them to the backend; the service confirms them in a checkpoint.%n");
                waitUntil(() -> db.getUploadQueueStats(false).count() == 0
                        && service.row("todos", "todo-local-1").isPresent(), "the upload");
                waitUntil(() -> db.getOptional("SELECT 1 FROM ps_kv WHERE key = 'target_checkpoint_request_id'"
                        + " AND value > (SELECT ifnull(max(value), 0) FROM ps_kv WHERE key = 'last_seen_checkpoint_request_id')")
                        .isEmpty(), "the confirming checkpoint");
                out.printf("   service has: %s%n", service.row("todos", "todo-local-1").orElseThrow());
                for (SqlRow row : db.getAll("SELECT id, description, completed FROM todos WHERE id IN (?, ?) ORDER BY id",
                        "todo-1", "todo-local-1")) {
                    out.printf("   local (confirmed): %s%n", row);
                }

                out.printf("%n4. A change made on the server arrives live.%n");
                service.put("todos", "todo-server-1", Map.of("list_id", "list-2", "description", "Added on the server",
                        "completed", 0));
                waitUntil(() -> db.getOptional("SELECT 1 FROM todos WHERE id = 'todo-server-1'").isPresent(), "the live change");
                out.printf("   local: %s%n", db.get("SELECT id, description FROM todos WHERE id = 'todo-server-1'"));

                SyncStatus status = db.syncStatus();
                out.printf("%nStatus: connected=%s, last synced %s, upload error: %s%n", status.connected(),
                        status.lastSyncedAt().map(Object::toString).orElse("never"),
                        status.uploadError().map(Throwable::getMessage).orElse("none"));
            }
        }
        out.printf("Done. The file has the PowerSync layout (ps_crud, ps_buckets, ps_data__todos, ...).%n");
        out.flush();
        return 0;
    }

    private void seed(SyncServiceEmulator service) {
        service.transaction(tx -> {
            for (int i = 1; i <= 10; i++) {
                tx.put("lists", "list-" + i, Map.of("name", "List " + i, "owner_id", "user-" + (i % 3)));
            }
            for (int i = 1; i <= rows; i++) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("list_id", "list-" + (1 + i % 10));
                values.put("description", "Todo number " + i);
                values.put("completed", i % 4 == 0 ? 1 : 0);
                values.put("estimate", (i % 8) * 0.25);
                tx.put("todos", "todo-" + i, values);
            }
        });
    }

    private static long count(SyncDatabase db, String table) {
        return db.get("SELECT count(*) AS n FROM " + table).getLong("n");
    }

    private void waitUntil(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Gave up waiting for " + what + " after " + timeoutSeconds + " s");
            }
            Thread.sleep(20);
        }
    }

    /** The application's side: credentials from the emulator, uploads applied to its source database. */
    private static final class DemoBackend implements BackendConnector {
        private final SyncServiceEmulator service;

        DemoBackend(SyncServiceEmulator service) {
            this.service = service;
        }

        @Override
        public Optional<Credentials> fetchCredentials() {
            return Optional.of(new Credentials(service.endpoint(), service.issueToken("demo-user"), Optional.empty()));
        }

        @Override
        public void uploadData(SyncDatabase database) {
            Optional<CrudTransaction> next;
            while ((next = database.getNextCrudTransaction()).isPresent()) {
                List<Map<String, Object>> entries = new ArrayList<>();
                for (CrudEntry entry : next.get().crud()) {
                    entries.add(entry.toUploadJson());
                }
                service.applyUpload(entries);
                next.get().complete();
            }
        }
    }
}
