package dev.hexsync.cli;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.json.Json;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.SyncStreamSubscription;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.CredentialsException;
import dev.hexsync.ports.transport.ServiceException;
import dev.hexsync.ports.transport.TransportException;
import dev.hexsync.schema.json.SchemaJson;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Syncs a local database from a real PowerSync service, printing the status as it changes, with any sync
 * streams named by {@code --stream} subscribed. Local writes stay queued: this command has no backend to upload
 * them to. A request the service rejects (4xx) ends the command with a message and exit code 1.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Sync a local database from a PowerSync service and show the live status.")
final class SyncCommand implements Callable<Integer> {
    @Option(names = "--endpoint", required = true, description = "The service URL, e.g. https://example.powersync.journeyapps.com")
    private URI endpoint;

    @Option(names = "--token", paramLabel = "JWT", description = "A JWT the service accepts (development token). "
            + "Visible to other users in the process list: prefer --token-file or the environment variable "
            + TokenSource.ENVIRONMENT + ".")
    private String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the JWT (surrounding whitespace ignored).")
    private Path tokenFile;

    @Option(names = "--schema", required = true, paramLabel = "FILE", description = "The schema as PowerSync schema JSON "
            + "(a sample: todos.schema.json, written by 'hexsync emulator').")
    private Path schemaFile;

    @Option(names = "--db", required = true, paramLabel = "FILE", description = "The local database file.")
    private Path database;

    @Option(names = "--params", paramLabel = "JSON", converter = JsonObjectArgument.Converter.class,
            description = "Client parameters for the sync rules, a JSON object (default {}).")
    private JsonObjectArgument params;

    @Option(names = "--stream", paramLabel = "NAME[:JSON]", converter = StreamArgument.Converter.class,
            description = "Subscribe to a sync stream, optionally with parameters as a JSON object, e.g. "
                    + "--stream 'list_todos:{\"list_id\":\"l1\"}'. Repeatable.")
    private List<StreamArgument> streams = new ArrayList<>();

    @Option(names = "--requests", description = "Use client-chosen checkpoint requests instead of write checkpoints.")
    private boolean requestsMode;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds (default: run until interrupted).")
    private Long seconds;

    @Spec
    private CommandSpec spec;

    /** Where {@value TokenSource#ENVIRONMENT} is read; tests replace it (a JVM cannot set its own environment). */
    static volatile java.util.function.Function<String, String> environment = System::getenv;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!"http".equalsIgnoreCase(endpoint.getScheme()) && !"https".equalsIgnoreCase(endpoint.getScheme())
                || endpoint.getHost() == null) {
            throw CliException.usage("--endpoint must be an http:// or https:// URL with a host, got " + endpoint);
        }
        String token = TokenSource.resolve(this.token, tokenFile, environment);
        Schema schema = SchemaFile.read(schemaFile);
        ConnectOptions options = ConnectOptions.DEFAULT
                .withCheckpointMode(requestsMode ? ConnectOptions.CheckpointMode.REQUESTS : ConnectOptions.CheckpointMode.LEGACY);
        if (params != null) {
            options = options.withParams(params.values());
        }
        Credentials credentials = new Credentials(endpoint, token, Optional.empty());
        CountDownLatch interrupted = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(interrupted::countDown));
        AtomicReference<TransportException> rejected = new AtomicReference<>();

        List<SyncStreamSubscription> handles = new ArrayList<>();
        StatusPrinter printer;
        try (SyncDatabase db = HexSync.builder().sqlite(database).schema(schema).build()) {
            printer = new StatusPrinter(out, db.syncStatus().lastSyncedAt(), error -> {
                // A request the service refuses (bad parameters, a token it does not accept) is refused again
                // on every retry: stop and say so rather than retry forever.
                if (rejected.compareAndSet(null, error)) {
                    interrupted.countDown();
                }
            });
            db.statusUpdates().subscribe(printer);
            for (StreamArgument stream : streams) {
                SyncStreamSubscription handle = db.syncStream(stream.name(), stream.parameters()).subscribe();
                handles.add(handle);
                handle.waitForFirstSync().thenRun(() -> {
                    out.println("stream " + stream + " synced");
                    out.flush();
                });
            }
            db.connect(new BackendConnector() {
                @Override
                public Optional<Credentials> fetchCredentials() {
                    return Optional.of(credentials);
                }

                @Override
                public void uploadData(SyncDatabase ignored) {
                    throw new IllegalStateException("hexsync sync has no backend to upload local writes to; they stay queued");
                }
            }, options).get(30, TimeUnit.SECONDS);
            if (seconds != null) {
                interrupted.await(seconds, TimeUnit.SECONDS);
            } else {
                interrupted.await();
            }
            for (Map.Entry<String, Long> count : counts(db, schema).entrySet()) {
                out.printf("%s: %,d rows%n", count.getKey(), count.getValue());
            }
            handles.forEach(SyncStreamSubscription::close);
        }
        out.flush();
        TransportException refusal = rejected.get();
        if (refusal != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("hexsync sync: the service rejected the sync request: " + refusal.getMessage());
            err.println(refusal instanceof CredentialsException
                    || (refusal instanceof ServiceException service && service.status() == 403)
                    ? "Check the token (its signature, kid, aud, sub and expiry) against the service's configuration."
                    : "Check --params and --stream against the service's sync config.");
            err.flush();
            return ExitCodes.SYNC_FAILED;
        }
        if (!printer.syncedThisRun) {
            // Nothing but failures (an unreachable host, a service that never completed a checkpoint): say so
            // with the status a script can test, not 0.
            PrintWriter err = spec.commandLine().getErr();
            Throwable error = printer.lastError;
            err.println("hexsync sync: never completed a sync" + (error == null ? "" : "; last error: " + error.getMessage()));
            err.flush();
            return ExitCodes.SYNC_FAILED;
        }
        return ExitCodes.OK;
    }

    private static Map<String, Long> counts(SyncDatabase db, Schema schema) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        schema.tables().forEach(table -> counts.put(table.viewName(),
                db.get("SELECT count(*) AS n FROM \"" + table.viewName().replace("\"", "\"\"") + "\"").getLong("n")));
        return counts;
    }

    /** One line per status change: connection, progress, last sync, errors. */
    private static final class StatusPrinter implements Flow.Subscriber<SyncStatus> {
        private final PrintWriter out;
        private final Consumer<TransportException> onRejection;
        private final Optional<Instant> syncedBefore;
        /** Whether a sync completed while this command ran (a file synced earlier does not count). */
        volatile boolean syncedThisRun;
        volatile Throwable lastError;

        StatusPrinter(PrintWriter out, Optional<Instant> syncedBefore, Consumer<TransportException> onRejection) {
            this.out = out;
            this.syncedBefore = syncedBefore;
            this.onRejection = onRejection;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(SyncStatus status) {
            StringBuilder line = new StringBuilder(status.connected() ? "connected" : status.connecting() ? "connecting" : "offline");
            status.downloadProgress().ifPresent(progress -> line.append(String.format(", downloading %,d/%,d ops",
                    progress.overall().downloaded(), progress.overall().total())));
            status.lastSyncedAt().ifPresent(at -> line.append(", last synced ").append(at));
            if (status.lastSyncedAt().isPresent() && !status.lastSyncedAt().equals(syncedBefore)) {
                syncedThisRun = true;
            }
            status.downloadError().ifPresent(e -> lastError = e);
            status.downloadError().ifPresent(e -> line.append(", download error: ").append(e.getMessage()));
            status.downloadError().flatMap(StatusPrinter::rejection).ifPresent(onRejection);
            status.uploadError().ifPresent(e -> line.append(", upload error: ").append(e.getMessage()));
            out.println(line);
            out.flush();
        }

        /**
         * A refusal no retry can change: a 4xx answer other than 408 (timeout) and 429 (too many), or a 401 (this
         * command has one token and nothing to fetch a new one from).
         */
        private static Optional<TransportException> rejection(Throwable error) {
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                if (cause instanceof CredentialsException credentials) {
                    return Optional.of(credentials);
                }
                if (cause instanceof ServiceException service) {
                    int status = service.status();
                    return status >= 400 && status < 500 && status != 408 && status != 429
                            ? Optional.of(service) : Optional.empty();
                }
            }
            return Optional.empty();
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
