package dev.hexsync.bootstrap.cli;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.schema.Index;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.schema.TrackPreviousValues;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The main job on the embedded default, until the sync client arrives: a local SQLite database in the
 * PowerSync layout, written with plain SQL, watched live, with its writes captured in the upload queue and
 * drained through a stand-in backend.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Create a local database, write to it, watch it, and drain its upload queue.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--db", paramLabel = "FILE", description = "Database file (default: a new file in a temporary directory).")
    private Path database;

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
        out.println("hexsync demo: local database " + file.toAbsolutePath());
        try (SyncDatabase db = HexSync.builder().sqlite(file).schema(SCHEMA).build()) {
            CountDownLatch sawThree = new CountDownLatch(1);
            db.watch("SELECT count(*) AS n FROM todos WHERE completed = 0", List.of(), row -> row.getLong("n"))
                    .subscribe(new Printer(out, sawThree));

            out.println();
            out.println("1. One transaction writes a list and three todos (captured for upload, tx ids shared):");
            db.writeTransaction(tx -> {
                tx.execute("INSERT INTO lists(id, name, owner_id) VALUES (?, ?, ?)", "list-1", "Groceries", "user-1");
                tx.execute("INSERT INTO todos(id, list_id, description, completed, estimate) VALUES (?, ?, ?, 0, ?)",
                        "todo-1", "list-1", "Milk", 0.5);
                tx.execute("INSERT INTO todos(id, list_id, description, completed, estimate) VALUES (?, ?, ?, 0, ?)",
                        "todo-2", "list-1", "Bread", 0.25);
                tx.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, ?, ?, 0)",
                        "todo-3", "list-1", "Coffee");
                return null;
            });
            sawThree.await(5, TimeUnit.SECONDS);
            out.println("2. Two more transactions: complete a todo (PATCH with its previous value), delete another:");
            db.execute("UPDATE todos SET completed = 1 WHERE id = ?", "todo-1");
            db.execute("DELETE FROM todos WHERE id = ?", "todo-3");
            db.execute("INSERT INTO settings(id, value) VALUES ('theme', 'dark')");
            out.println("   (a local-only setting was written too: it is stored, never queued)");
            Thread.sleep(100);

            out.println();
            out.println("3. What the app reads, through the typed views:");
            for (SqlRow row : db.getAll("SELECT id, description, completed, estimate FROM todos ORDER BY id")) {
                out.println("   " + row);
            }
            out.println();
            out.println("4. The upload queue: " + db.getUploadQueueStats(true));
            out.println("   Draining it through a stand-in backend, one local transaction at a time:");
            Optional<CrudTransaction> next;
            while ((next = db.getNextCrudTransaction()).isPresent()) {
                CrudTransaction transaction = next.get();
                out.println("   transaction " + transaction.transactionId().orElse(-1) + ":");
                for (CrudEntry entry : transaction.crud()) {
                    out.println("     " + entry.op() + " " + entry.table() + "/" + entry.id()
                            + entry.opData().map(d -> " data=" + d).orElse("")
                            + entry.previousValues().map(p -> " previous=" + p).orElse(""));
                }
                transaction.complete();
            }
            out.println("   " + db.getUploadQueueStats(true) + "; the database now waits for the server to confirm"
                    + " (ps_kv target_checkpoint_request_id = "
                    + db.get("SELECT value FROM ps_kv WHERE key = 'target_checkpoint_request_id'").get("value") + ")");
        }
        out.println();
        out.println("Done. Open the file with any SQLite tool: it has the PowerSync layout (ps_crud, ps_data__todos, ...).");
        return 0;
    }

    /** Prints every result of the watch. */
    private static final class Printer implements Flow.Subscriber<List<Long>> {
        private final PrintWriter out;
        private final CountDownLatch sawThree;

        Printer(PrintWriter out, CountDownLatch sawThree) {
            this.out = out;
            this.sawThree = sawThree;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<Long> item) {
            out.println("   [watch] open todos: " + item.get(0));
            out.flush();
            if (item.get(0) == 3) {
                sawThree.countDown();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            out.println("   [watch] failed: " + throwable);
        }

        @Override
        public void onComplete() {
            out.println("   [watch] closed with the database");
            out.flush();
        }
    }
}
