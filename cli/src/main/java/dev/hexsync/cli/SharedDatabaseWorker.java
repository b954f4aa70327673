package dev.hexsync.cli;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.json.Json;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.CrudBatch;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.OpenRetry;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.transport.Credentials;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One process of a group sharing a database file, driven line by line over stdin/stdout by the multi-process
 * tests and by {@code hexsync bench multi-process}, which start several of these as separate JVMs. Every answer
 * is one line; times are epoch microseconds of the system clock, which all processes of one machine share.
 *
 * <pre>
 * args: DATABASE-FILE
 * prints: ready
 * open                          -> opened | failed CLASS: MESSAGE        (this worker's own database instance)
 * cold-open THREADS retry|none  -> cold-open ok=N busy=N other=N [first error]  (THREADS instances opened at
 *                                  once, each with its own connections, then closed)
 * watch-probes                  -> watching; then "seen N MICROS" each time the watch of max(probes.n) emits
 * probe N                       -> committed N MICROS                       (after the commit returned)
 * write PREFIX MILLIS           -> wrote N busy=N failed=N                 (rows PREFIX-0.., one per transaction)
 * write-each PREFIX COUNT       -> "committed PREFIX-N" after each commit returned, then "wrote N" (the fault
 *                                  campaign kills the process between commits and checks each printed one)
 * connect ENDPOINT TOKEN        -> connecting; then "status follower", "status leader", "downloading", "synced"
 *                                  as they happen (uploads go to ENDPOINT/upload)
 * queued                        -> queued N                                (upload queue entries)
 * oplog                         -> oplog N                                 (downloaded ops stored so far)
 * close                         -> closed
 * </pre>
 * It exits when stdin closes, so it never outlives the process that drives it.
 */
public final class SharedDatabaseWorker {
    /** The tables every worker and its driver use: the emulator's global bucket syncs lists and todos. */
    public static final Schema SCHEMA = Schema.of(
            Table.builder("lists").text("name").text("owner_id").build(),
            Table.builder("todos").text("list_id").text("description").integer("completed").real("estimate").build(),
            Table.builder("probes").integer("n").localOnly().build());

    private static final ConnectOptions OPTIONS = ConnectOptions.DEFAULT.withRetryDelay(Duration.ofMillis(200))
            .withUploadThrottle(Duration.ofMillis(20));

    private final Path file;
    private final PrintStream out;
    private SyncDatabase db;

    private SharedDatabaseWorker(Path file, PrintStream out) {
        this.file = file;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        SharedDatabaseWorker worker = new SharedDatabaseWorker(Path.of(args[0]), out);
        out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split(" ");
            try {
                worker.run(words);
            } catch (Exception e) {
                out.println("failed " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        System.exit(0);
    }

    private void run(String[] words) throws Exception {
        switch (words[0]) {
            case "open" -> {
                db = HexSync.builder().sqlite(file).schema(SCHEMA).build();
                out.println("opened");
            }
            case "cold-open" -> coldOpen(Integer.parseInt(words[1]), words[2].equals("retry"));
            case "watch-probes" -> watchProbes();
            case "probe" -> {
                long n = Long.parseLong(words[1]);
                db.execute("INSERT INTO probes(id, n) VALUES (uuid(), ?)", n);
                out.println("committed " + n + " " + micros());
            }
            case "write" -> write(words[1], Long.parseLong(words[2]));
            case "write-each" -> writeEach(words[1], Integer.parseInt(words[2]));
            case "timed-writes" -> timedWrites(words[1], Integer.parseInt(words[2]), Long.parseLong(words[3]));
            case "connect" -> connect(URI.create(words[1]), words[2]);
            case "has-synced" -> out.println("has-synced " + db.syncStatus().lastSyncedAt().isPresent());
            case "queued" -> out.println("queued " + db.getUploadQueueStats(false).count());
            case "oplog" -> out.println("oplog " + db.get("SELECT count(*) AS n FROM ps_oplog").getLong("n"));
            case "close" -> {
                if (db != null) {
                    db.close();
                    db = null;
                }
                out.println("closed");
            }
            default -> out.println("unknown command " + words[0]);
        }
    }

    private void coldOpen(int threads, boolean retry) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<SyncDatabase> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> openers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread opener = new Thread(() -> {
                try {
                    go.await();
                    opened.add(HexSync.builder().sqlite(file).schema(SCHEMA)
                            .openRetry(retry ? OpenRetry.DEFAULT : OpenRetry.NONE).build());
                    ok.incrementAndGet();
                } catch (StorageBusyException e) {
                    busy.incrementAndGet();
                    errors.add(e.getMessage());
                } catch (Exception e) {
                    other.incrementAndGet();
                    errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            });
            opener.start();
            openers.add(opener);
        }
        go.countDown();
        for (Thread opener : openers) {
            opener.join();
        }
        for (SyncDatabase database : opened) {
            database.close();
        }
        out.println("cold-open ok=" + ok + " busy=" + busy + " other=" + other
                + (errors.isEmpty() ? "" : " first error: " + errors.get(0).replace('\n', ' ')));
    }

    private void watchProbes() {
        db.watch("SELECT max(n) AS n FROM probes", List.of(), row -> row.get("n")).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<Object> rows) {
                long seenAt = micros();
                Object n = rows.isEmpty() ? null : rows.get(0);
                if (n != null) {
                    out.println("seen " + n + " " + seenAt);
                }
            }

            @Override
            public void onError(Throwable error) {
                out.println("failed watch: " + error);
            }

            @Override
            public void onComplete() {
            }
        });
        out.println("watching");
    }

    private void write(String prefix, long millis) {
        long deadline = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        int written = 0;
        int busy = 0;
        int failed = 0;
        while (System.nanoTime() < deadline) {
            try {
                db.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, 'list-1', ?, 0)",
                        prefix + "-" + written, "written by " + prefix);
                written++;
            } catch (StorageBusyException e) {
                busy++;
                out.println("busy " + e.getMessage());
            } catch (RuntimeException e) {
                failed++;
                out.println("error " + e);
            }
        }
        out.println("wrote " + written + " busy=" + busy + " failed=" + failed);
    }

    private void writeEach(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            // Two statements in one transaction, so a kill can land between them as well as between commits.
            String id = prefix + "-" + i;
            db.writeTransaction(tx -> {
                tx.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, 'list-1', ?, 0)",
                        id, "written by " + prefix);
                tx.execute("UPDATE todos SET completed = 1 WHERE id = ?", id);
                return null;
            });
            out.println("committed " + id);
        }
        out.println("wrote " + count);
    }

    /**
     * Writes {@code count} rows one transaction each, {@code spacingMillis} apart, and prints how long each write
     * took: {@code timed <µs> <µs> ... busy=<n>}.
     */
    private void timedWrites(String prefix, int count, long spacingMillis) throws InterruptedException {
        StringBuilder line = new StringBuilder("timed");
        int busy = 0;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            try {
                db.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, 'list-1', ?, 0)",
                        prefix + "-" + i, "written by " + prefix);
                line.append(' ').append((System.nanoTime() - start) / 1_000);
            } catch (StorageBusyException e) {
                busy++;
            }
            Thread.sleep(spacingMillis);
        }
        out.println(line.append(" busy=").append(busy));
    }

    private void connect(URI endpoint, String token) {
        HttpClient http = HttpClient.newHttpClient();
        db.statusUpdates().subscribe(new StatusLines());
        db.connect(new BackendConnector() {
            @Override
            public Optional<Credentials> fetchCredentials() {
                return Optional.of(new Credentials(endpoint, token, Optional.empty()));
            }

            @Override
            public void uploadData(SyncDatabase database) throws Exception {
                // Batches rather than one request per local transaction: writers commit row by row.
                Optional<CrudBatch> next;
                while ((next = database.getCrudBatch(1000)).isPresent()) {
                    List<Map<String, Object>> batch = new ArrayList<>();
                    for (CrudEntry entry : next.get().crud()) {
                        batch.add(entry.toUploadJson());
                    }
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/upload"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("batch", batch))))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
                    }
                    next.get().complete();
                }
            }
        }, OPTIONS);
        out.println("connecting");
    }

    /** Prints role changes, the first download progress, and each completed sync. */
    private final class StatusLines implements Flow.Subscriber<SyncStatus> {
        private Boolean leader;
        private boolean downloading;
        private Instant lastSynced;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(SyncStatus status) {
            if (status.follower()) {
                if (!Boolean.FALSE.equals(leader)) {
                    leader = false;
                    out.println("status follower");
                }
            } else if (status.connected() && !Boolean.TRUE.equals(leader)) {
                leader = true;
                out.println("status leader");
            }
            if (!downloading && status.downloadProgress().map(p -> p.overall().downloaded() > 0).orElse(false)) {
                downloading = true;
                out.println("downloading");
            }
            Instant synced = status.lastSyncedAt().orElse(null);
            if (synced != null && !synced.equals(lastSynced)) {
                lastSynced = synced;
                out.println("synced");
            }
        }

        @Override
        public void onError(Throwable error) {
        }

        @Override
        public void onComplete() {
        }
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
