package dev.hexsync.emulator;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PowerSync-compatible sync service in the test JVM: a real HTTP server on {@code 127.0.0.1} that serves
 * the sync stream, write checkpoints and checkpoint requests from an in-memory source database, and an app
 * backend endpoint for uploads.
 *
 * <pre>{@code
 * try (SyncServiceEmulator service = SyncServiceEmulator.builder()
 *         .define(StreamDefinition.bucketDefinition("global").tables("todos"))
 *         .build()
 *         .start()) {
 *     service.put("todos", "t1", Map.of("description", "Milk"));
 *     String token = service.issueToken("user1");
 *     // POST service.endpoint() + "/sync/stream" with "Authorization: Token " + token
 * }
 * }</pre>
 *
 * <p>What it reproduces, after the service's source: one op id sequence for all buckets; PUT/REMOVE ops
 * per bucket a row enters or leaves; op checksums (SHA-256 of {@code put.<type>.<id>.<data>} or
 * {@code delete.<subkey>}) and bucket checksums as wrapping 32-bit sums; full checkpoints, then diffs only
 * when something changed for the connection; data in priority order with partial completes; bucket ids,
 * {@code streams} and subscription reasons for bucket definitions and sync streams; keepalives and token
 * expiry; write checkpoints as per-client counters that appear once replication reaches them; checkpoint
 * requests; MOVE/CLEAR compaction; the service's error bodies. Source changes replicate at once unless
 * {@link #pauseReplication() paused}.
 *
 * <p>Threads: the HTTP server runs on a fixed pool sized from {@link Builder#maxConnections(int)}; each open
 * stream holds one thread and waits on a condition between lines. {@link #close()} ends every stream.
 */
public final class SyncServiceEmulator implements AutoCloseable {

    /** Requests other than streams get this many threads of their own. */
    private static final int REQUEST_THREADS = 8;

    private final int port;
    private final int maxConnections;
    private final Duration tokenTtl;
    private final UploadHandler uploadHandler;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final EmulatorCore core;
    private final JwtKeys keys;
    private final Faults faults = new Faults();
    private final ServiceRoutes routes;
    private HttpServer server;
    private ExecutorService executor;
    private URI endpoint;
    private boolean closed;

    private SyncServiceEmulator(Builder builder) {
        this.port = builder.port;
        this.maxConnections = builder.maxConnections;
        this.tokenTtl = builder.tokenTtl;
        this.uploadHandler = builder.uploadHandler;
        this.core = new EmulatorCore(builder.definitions, builder.syncConfigVersion + "#", builder.maxConnections,
                mapper);
        this.keys = new JwtKeys(builder.jwtSecret, builder.audience, builder.keyId, mapper);
        this.routes = new ServiceRoutes(core, keys, faults,
                new ServiceRoutes.Settings(builder.keepaliveInterval, builder.batchSize, builder.uploadHandler),
                mapper);
    }

    /** A builder with the service's defaults: port 0, batches of 1000 ops, a keepalive every 20 s. */
    public static Builder builder() {
        return new Builder();
    }

    /** Binds {@code 127.0.0.1} and starts serving. Source data may be seeded before or after. */
    public synchronized SyncServiceEmulator start() {
        if (server != null || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
        executor = Executors.newFixedThreadPool(maxConnections + REQUEST_THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", routes);
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return this;
    }

    /** The base URL clients use as their endpoint, e.g. {@code http://127.0.0.1:41234}, without trailing slash. */
    public synchronized URI endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("not started");
        }
        return endpoint;
    }

    // ---- tokens

    /** An HS256 token for the user ({@code sub}), issued now and valid for the builder's token TTL. */
    public String issueToken(String userId) {
        Instant now = Instant.now();
        return issueToken(userId, now, now.plus(tokenTtl));
    }

    /**
     * An HS256 token with the given {@code iat} and {@code exp} (whole seconds, as JWTs carry them), e.g. an
     * expired one. The service allows 60 s
     * of clock skew: a token at most 60 s past {@code exp} still connects, gets {@code token_expires_in: 0}
     * and the stream ends; later it gets 401 {@code PSYNC_S2103}.
     */
    public String issueToken(String userId, Instant issuedAt, Instant expiresAt) {
        return keys.issue(requireNonNull(userId, "userId is null"), issuedAt.getEpochSecond(),
                expiresAt.getEpochSecond());
    }

    // ---- source data

    /**
     * Inserts or replaces a source row in its own transaction. The row's JSON is {@code id} first, then the
     * values in the map's order; booleans become 1/0 and maps, lists and arrays become JSON text, as the
     * service sends them to SQLite clients.
     */
    public void put(String table, String id, Map<String, ?> values) {
        transaction(tx -> tx.put(table, id, values));
    }

    /** Updates the given columns of a source row in its own transaction; nothing if the row is missing. */
    public void patch(String table, String id, Map<String, ?> values) {
        transaction(tx -> tx.patch(table, id, values));
    }

    /** Deletes a source row in its own transaction; nothing if it is missing. */
    public void delete(String table, String id) {
        transaction(tx -> tx.delete(table, id));
    }

    /**
     * Applies several changes as one source transaction: they get consecutive op ids and arrive in one
     * checkpoint. If {@code work} throws, nothing is applied.
     */
    public void transaction(Consumer<SourceTransaction> work) {
        core.transaction(requireNonNull(work, "work is null"));
    }

    /** The current source row (replicated or not), or empty. */
    public Optional<Map<String, Object>> row(String table, String id) {
        return Optional.ofNullable(core.sourceRow(table, id));
    }

    /**
     * Applies CRUD entries ({@code {"op": "PUT"|"PATCH"|"DELETE", "type", "id", "data"?}}) through the upload
     * handler in one transaction, as {@code POST /upload} does.
     */
    public void applyUpload(List<Map<String, Object>> entries) {
        List<Map<String, Object>> copy = List.copyOf(entries);
        transaction(source -> uploadHandler.upload(copy, source));
    }

    /**
     * Stops replication: source changes and write checkpoint markers queue up, so clients see neither new
     * data nor new write checkpoints until {@link #resumeReplication()}.
     */
    public void pauseReplication() {
        core.pauseReplication();
    }

    /** Replicates everything queued, then keeps replicating at once. */
    public void resumeReplication() {
        core.resumeReplication();
    }

    /** The current checkpoint: the last op id at a replicated transaction boundary ({@code last_op_id}). */
    public long checkpoint() {
        return core.locked(() -> core.storage().checkpoint());
    }

    // ---- buckets

    /**
     * Compacts every bucket as the service's compact job does: superseded PUT/REMOVE ops become MOVE, a leading
     * run of more than one non-PUT op becomes one CLEAR. Checksums stay; counts may shrink, so connected
     * clients get a diff.
     *
     * @return the names of the buckets that changed
     */
    public Set<String> compact() {
        return core.compact();
    }

    /** A bucket's oplog and totals, or empty if no op ever went into it. */
    public Optional<BucketSnapshot> bucket(String name) {
        return Optional.ofNullable(core.locked(() -> core.storage().snapshot(name)));
    }

    /** The ids of every bucket that has ops, sorted. */
    public Set<String> buckets() {
        return core.locked(() -> new TreeSet<>(core.storage().bucketNames()));
    }

    // ---- observation and faults

    /** Every request received so far, oldest first, tokens redacted. */
    public List<RecordedRequest> requests() {
        return routes.requests();
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        routes.clearRequests();
    }

    /** The sync streams open now. */
    public List<SyncConnection> connections() {
        return core.connections();
    }

    /**
     * Waits until at least {@code count} sync streams are open and returns them.
     *
     * @throws IllegalStateException on timeout
     */
    public List<SyncConnection> awaitConnections(int count, Duration timeout) {
        return core.awaitConnections(count, timeout);
    }

    /** The fault switches. */
    public Faults faults() {
        return faults;
    }

    /**
     * Stops the server: open streams are cut (the client sees an aborted body, as at a service shutdown), and
     * the threads end within a few seconds.
     */
    @Override
    public synchronized void close() {
        closed = true;
        core.close();
        if (server == null) {
            return;
        }
        core.awaitStreamsGone(Duration.ofSeconds(2));
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            // Daemon threads: a test that forgets close() must not keep the JVM alive.
            Thread thread = new Thread(runnable, "hexsync-sync-emulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configures an emulator. Every setting has the service's default. */
    public static final class Builder {

        private final List<StreamDefinition> definitions = new ArrayList<>();
        private int syncConfigVersion = 1;
        private byte[] jwtSecret;
        private String audience;
        private String keyId;
        private Duration tokenTtl = Duration.ofHours(1);
        private int batchSize = 1000;
        private Duration keepaliveInterval = Duration.ofSeconds(20);
        private int port;
        private int maxConnections = 16;
        private UploadHandler uploadHandler = UploadHandler.applyingCrud();

        private Builder() {
            jwtSecret = new byte[32];
            new SecureRandom().nextBytes(jwtSecret);
        }

        /** Adds a bucket definition or stream; their order is the order of the checkpoint's {@code streams}. */
        public Builder define(StreamDefinition definition) {
            requireNonNull(definition, "definition is null");
            for (StreamDefinition existing : definitions) {
                if (existing.name().equals(definition.name())) {
                    throw new IllegalArgumentException("two definitions named " + definition.name());
                }
            }
            definitions.add(definition);
            return this;
        }

        /** Shorthand for a bucket definition that puts every row of the tables into one bucket. */
        public Builder globalBucket(String name, String... tables) {
            return define(StreamDefinition.bucketDefinition(name).tables(tables));
        }

        /** The sync config version that prefixes bucket ids ({@code 1#global[]}); default 1. */
        public Builder syncConfigVersion(int version) {
            if (version < 1) {
                throw new IllegalArgumentException("version must be >= 1");
            }
            this.syncConfigVersion = version;
            return this;
        }

        /** The HS256 key tokens are signed and checked with; default a random one. */
        public Builder jwtSecret(byte[] secret) {
            if (requireNonNull(secret, "secret is null").length == 0) {
                throw new IllegalArgumentException("secret is empty");
            }
            this.jwtSecret = secret.clone();
            return this;
        }

        /** Requires tokens to carry this {@code aud} (401 {@code PSYNC_S2105} otherwise); default none. */
        public Builder audience(String audience) {
            this.audience = requireNonNull(audience, "audience is null");
            return this;
        }

        /**
         * Gives the signing key a key id ({@code kid}), as a service configured with several keys has: tokens
         * must then name it, and {@link #issueToken} puts it in their header. Without one, any kid is accepted.
         */
        public Builder keyId(String keyId) {
            this.keyId = requireNonNull(keyId, "keyId is null");
            return this;
        }

        /** The lifetime of {@link #issueToken(String)} tokens; default 1 h. Over 1 day fails with PSYNC_S2104. */
        public Builder tokenTtl(Duration ttl) {
            this.tokenTtl = requireNonNull(ttl, "ttl is null");
            return this;
        }

        /** Ops per {@code data} line at most; default 1000, as the service. */
        public Builder batchSize(int ops) {
            if (ops < 1) {
                throw new IllegalArgumentException("batch size must be >= 1");
            }
            this.batchSize = ops;
            return this;
        }

        /** Time between {@code token_expires_in} keepalives (±10% jitter, as the service); default 20 s. */
        public Builder keepaliveInterval(Duration interval) {
            if (requireNonNull(interval, "interval is null").isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("keepalive interval must be positive");
            }
            this.keepaliveInterval = interval;
            return this;
        }

        /** The port on 127.0.0.1; default 0 (any free port). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Open sync streams at most; more get 429 (each holds a thread). Default 16. */
        public Builder maxConnections(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("need at least one connection");
            }
            this.maxConnections = connections;
            return this;
        }

        /** The app backend behind {@code POST /upload}; default {@link UploadHandler#applyingCrud()}. */
        public Builder uploadHandler(UploadHandler handler) {
            this.uploadHandler = requireNonNull(handler, "handler is null");
            return this;
        }

        /** An emulator with these settings, not yet started. */
        public SyncServiceEmulator build() {
            return new SyncServiceEmulator(this);
        }
    }
}
