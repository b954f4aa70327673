package dev.hexsync.bootstrap.interop;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Index;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One hexsync client and one official SDK client of the same user, connected to the same service, with the
 * check every step ends with: {@link #converge}.
 */
final class Clients implements AutoCloseable {
    static final String USER = "user1";
    /** The recipe client's schema (nodeclient/schema.mjs), column for column, so that the views match. */
    static final Schema SCHEMA = Schema.of(
            Table.builder("lists").text("name").text("owner_id").text("created_at").build(),
            Table.builder("todos").text("list_id").text("description").integer("completed").text("created_at")
                    .index(Index.on("list", "list_id")).build());
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 250;

    final SyncDatabase hexsync;
    final Path hexsyncFile;
    final JdbcBackend backend;
    final RecordingTransport transport;
    final SdkClient sdk;

    private Clients(SyncDatabase hexsync, Path hexsyncFile, JdbcBackend backend, RecordingTransport transport,
            SdkClient sdk) {
        this.hexsync = hexsync;
        this.hexsyncFile = hexsyncFile;
        this.backend = backend;
        this.transport = transport;
        this.sdk = sdk;
    }

    /**
     * Connects hexsync (through {@code HexSync.builder()}) and starts the SDK, each waiting for its first sync, both
     * accepting BSON or both asking for NDJSON only (the bucket's {@code downloaded_size} counts the bytes of the
     * encoding received).
     */
    static Clients start(Path directory, ConnectOptions options, boolean acceptBson, JdbcBackend backend)
            throws IOException {
        Path file = directory.resolve("hexsync.db");
        RecordingTransport transport = RecordingTransport.create(acceptBson);
        SyncDatabase db = HexSync.builder().sqlite(file).schema(SCHEMA).override(transport.module()).build();
        SdkClient sdk = null;
        try {
            db.connect(backend, options).get(60, TimeUnit.SECONDS);
            db.waitForFirstSync().get(120, TimeUnit.SECONDS);
            sdk = SdkClient.start(directory, USER, acceptBson);
            return new Clients(db, file, backend, transport, sdk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            db.close();
            if (sdk != null) {
                sdk.close();
            }
            throw new AssertionError("hexsync's first sync did not complete: " + e, e);
        } catch (RuntimeException | IOException e) {
            db.close();
            throw e;
        }
    }

    static ConnectOptions options() {
        // A short retry delay keeps the restart and expiry steps quick; everything else is the default.
        return ConnectOptions.DEFAULT.withRetryDelay(Duration.ofSeconds(1));
    }

    /** {@link #converge(String, Collection, Duration)} within {@link #DEFAULT_WAIT}. */
    void converge(String step, Collection<String> streamLists) {
        converge(step, streamLists, DEFAULT_WAIT);
    }

    /** {@link #converge(String, Collection, Duration)} with downloaded sizes compared, within {@code wait}. */
    void converge(String step, Collection<String> streamLists, Duration wait) {
        converge(step, streamLists, wait, true);
    }

    /**
     * Waits until, after {@code step}: hexsync's and the SDK's databases are equal by compare.sh's checks (rows of
     * lists and todos, ps_oplog, ps_buckets with downloaded_size), and both hold exactly the rows Postgres says
     * the user must have (with the todos of {@code streamLists} subscribed through the stream). Fails naming
     * every difference still seen after {@code wait}.
     *
     * <p>The bucket's {@code downloaded_size} is compared when {@code sameLines}: when both clients received the
     * same sync lines. They do when they start from the same state, one change (one Postgres transaction, one
     * checkpoint) at a time; after an outage or a burst the service may cut the same operations into different
     * lines for each client (see {@link ClientState#withoutDownloadedSize()}).
     */
    void converge(String step, Collection<String> streamLists, Duration wait, boolean sameLines) {
        long started = System.nanoTime();
        long deadline = started + wait.toNanos();
        List<String> differences;
        while (true) {
            differences = differences(streamLists, sameLines);
            if (differences.isEmpty()) {
                System.out.printf("converged after %s in %d ms%n", step, (System.nanoTime() - started) / 1_000_000);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("After " + step + ", hexsync, the official SDK and Postgres still differ after "
                        + wait.toSeconds() + " s:\n  " + String.join("\n  ", differences));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + step, e);
            }
        }
    }

    /** Every difference seen now between hexsync, the SDK, and what Postgres says. */
    List<String> differences(Collection<String> streamLists, boolean sameLines) {
        ClientState mine = ClientState.read(hexsyncFile);
        ClientState theirs = ClientState.read(sdk.database());
        if (!sameLines) {
            mine = mine.withoutDownloadedSize();
            theirs = theirs.withoutDownloadedSize();
        }
        List<List<Object>> lists = SourceDatabase.expectedLists();
        List<List<Object>> todos = SourceDatabase.expectedTodos(USER, streamLists);
        List<String> differences = new ArrayList<>(mine.differencesFrom(theirs, "hexsync", "sdk"));
        ClientState.difference("lists", mine.part("lists"), lists, "hexsync", "postgres").ifPresent(differences::add);
        ClientState.difference("todos", mine.part("todos"), todos, "hexsync", "postgres").ifPresent(differences::add);
        ClientState.difference("lists", theirs.part("lists"), lists, "sdk", "postgres").ifPresent(differences::add);
        ClientState.difference("todos", theirs.part("todos"), todos, "sdk", "postgres").ifPresent(differences::add);
        return differences;
    }

    /** The bucket names hexsync holds. */
    List<String> hexsyncBuckets() {
        return ClientState.read(hexsyncFile).part("ps_buckets").stream().map(row -> (String) row.get(0)).toList();
    }

    @Override
    public void close() {
        try {
            sdk.close();
        } finally {
            hexsync.close();
        }
    }
}
