package dev.hexsync.bootstrap;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import com.google.inject.util.Modules;
import dev.hexsync.bootstrap.wiring.ChangeSignalModule;
import dev.hexsync.bootstrap.wiring.DatabaseModule;
import dev.hexsync.bootstrap.wiring.ClaimsModule;
import dev.hexsync.bootstrap.wiring.DiffTriggerModule;
import dev.hexsync.bootstrap.wiring.SyncLeadershipModule;
import dev.hexsync.domain.trigger.TriggerSettings;
import dev.hexsync.ports.api.TriggerStorage;
import dev.hexsync.bootstrap.wiring.HttpTransportModule;
import dev.hexsync.bootstrap.wiring.SqliteStorageModule;
import dev.hexsync.bootstrap.wiring.StorageSettingsModule;
import dev.hexsync.ports.HexSyncException;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.OpenRetry;
import dev.hexsync.ports.storage.StorageOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import io.micrometer.core.instrument.MeterRegistry;
import dev.hexsync.bootstrap.metrics.MicrometerSyncMetrics;
import dev.hexsync.bootstrap.wiring.MetricsModule;
import dev.hexsync.ports.metrics.SyncMetrics;

/**
 * The entry point: builds a {@link SyncDatabase} wired from the default adapters, or from modules the
 * application substitutes.
 *
 * <pre>{@code
 * try (SyncDatabase db = HexSync.builder().sqlite(Path.of("app.db")).schema(schema).build()) {
 *     db.execute("INSERT INTO todos(id, description) VALUES (uuid(), ?)", "Buy milk");
 * }
 * }</pre>
 */
public final class HexSync {
    private HexSync() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the settings of one database. Not thread-safe; build once. */
    public static final class Builder {
        private DatabaseLocation location;
        private Path databaseDirectory;
        private Schema schema;
        private int readers = StorageOptions.DEFAULT.readerConnections();
        private Duration busyTimeout = StorageOptions.DEFAULT.busyTimeout();
        private OpenRetry openRetry = StorageOptions.DEFAULT.openRetry();
        private Duration groupCommitWindow = StorageOptions.DEFAULT.groupCommitWindow();
        private MeterRegistry meterRegistry;
        private boolean crossProcessChanges = true;
        private Optional<TriggerStorage> triggerStorage = Optional.empty();
        private Duration triggerSweepInterval = TriggerSettings.DEFAULT_SWEEP_INTERVAL;
        private final List<Module> overrides = new ArrayList<>();

        private Builder() {
        }

        /**
         * A SQLite database file (created if missing, in a directory that must exist): an absolute path is used as
         * given, a relative one (a plain name, say) resolves against the {@link #databaseDirectory(Path) database
         * directory}.
         */
        public Builder sqlite(Path path) {
            this.location = DatabaseLocation.file(Objects.requireNonNull(path, "path is null"));
            return this;
        }

        /** {@link #sqlite(Path)} with a file name or path given as text. */
        public Builder sqlite(String path) {
            return sqlite(Path.of(Objects.requireNonNull(path, "path is null")));
        }

        /**
         * Where relative database paths resolve (default: the working directory). Absolute paths ignore it, so an
         * app and its command-line tool can share one database by its absolute path.
         */
        public Builder databaseDirectory(Path directory) {
            this.databaseDirectory = Objects.requireNonNull(directory, "directory is null");
            return this;
        }

        /** A private in-memory SQLite database, gone when closed. */
        public Builder inMemory() {
            this.location = DatabaseLocation.inMemory("hexsync");
            return this;
        }

        /**
         * The application's tables (validated when building). Opening an existing database applies it as
         * {@link SyncDatabase#updateSchema} does: rows of a local-only table that this schema drops or makes
         * synced are dropped, with a WARNING that names the table and the number of rows.
         */
        public Builder schema(Schema tables) {
            this.schema = Objects.requireNonNull(tables, "schema is null");
            return this;
        }

        /** How many reader connections a file database keeps (default 4). */
        public Builder readers(int count) {
            this.readers = count;
            return this;
        }

        /** How long a statement waits for a lock held by another process (default 30 s). */
        public Builder busyTimeout(Duration timeout) {
            this.busyTimeout = Objects.requireNonNull(timeout, "timeout is null");
            return this;
        }

        /**
         * How opening retries while other processes hold the file locked (default: 10 ms doubling to 250 ms,
         * about 5 s in all; {@link OpenRetry#NONE} fails at once).
         */
        public Builder openRetry(OpenRetry retry) {
            this.openRetry = Objects.requireNonNull(retry, "retry is null");
            return this;
        }

        /**
         * How long downloaded sync data may wait to share a commit with the data that follows (default 10 s;
         * zero commits every line). Longer windows make large downloads faster, and a crash loses up to that
         * much of the download, fetched again later. Other hexsync connections to the file that want to write
         * meanwhile get the lock within milliseconds; other programs (the {@code sqlite3} shell) wait up to
         * the window.
         */
        public Builder groupCommitWindow(Duration window) {
            this.groupCommitWindow = Objects.requireNonNull(window, "window is null");
            return this;
        }

        /**
         * Whether this database hears commits of other processes on the same file, and tells them of its own
         * (default: on for file databases; in-memory databases never share). Watches then re-run after another
         * process's write, and the syncing process uploads what others queued. Switch it off only when no other
         * process opens the file.
         */
        public Builder crossProcessChanges(boolean enabled) {
            this.crossProcessChanges = enabled;
            return this;
        }

        /**
         * Where diff triggers live when a call does not say. Default: persisted for a file (other connections
         * and processes may write to it), temporary in memory.
         */
        public Builder diffTriggerStorage(TriggerStorage storage) {
            this.triggerStorage = Optional.of(Objects.requireNonNull(storage, "storage is null"));
            return this;
        }

        /** How often persisted diff triggers nobody claims are swept, besides at open (default 2 minutes). */
        public Builder diffTriggerSweepInterval(Duration interval) {
            this.triggerSweepInterval = Objects.requireNonNull(interval, "interval is null");
            return this;
        }

        /**
         * Records the engine's metrics in {@code registry} (Micrometer, an optional dependency: add
         * {@code io.micrometer:micrometer-core} to use it): ops applied, bytes downloaded, checkpoint apply time,
         * upload queue size and age, upload failures, reconnects; names in
         * {@link dev.hexsync.bootstrap.metrics.MicrometerSyncMetrics}.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry is null");
            return this;
        }

        /**
         * Replaces default bindings (for example the {@code StorageEngine} or {@code Scheduler}) with the
         * given modules' bindings.
         */
        public Builder override(Module... modules) {
            overrides.addAll(List.of(modules));
            return this;
        }

        /**
         * Opens the database, applying the schema.
         *
         * @throws IllegalStateException when no location or schema was given
         * @throws dev.hexsync.ports.schema.SchemaException when the schema is not valid
         * @throws dev.hexsync.ports.storage.StorageException when the database cannot be opened, naming the path:
         *         its directory is missing, is a file or is not writable, or the path is a directory
         */
        public SyncDatabase build() {
            if (location == null) {
                throw new IllegalStateException("No database location: call sqlite(path) or inMemory()");
            }
            if (schema == null) {
                throw new IllegalStateException("No schema: call schema(...)");
            }
            DatabaseLocation resolved = location;
            if (location instanceof DatabaseLocation.File file && databaseDirectory != null) {
                resolved = DatabaseLocation.file(file.path(), databaseDirectory);
            }
            if (resolved instanceof DatabaseLocation.File file) {
                DatabasePathCheck.check(file.path());
            }
            Module defaults = Modules.combine(new SqliteStorageModule(), new HttpTransportModule(),
                    new StorageSettingsModule(resolved,
                            new StorageOptions(readers, busyTimeout).withOpenRetry(openRetry)
                                    .withGroupCommitWindow(groupCommitWindow)),
                    new ChangeSignalModule(crossProcessChanges), new ClaimsModule(), new SyncLeadershipModule(),
                    new DiffTriggerModule(triggerStorage, triggerSweepInterval), new DatabaseModule(schema),
                    new MetricsModule(meterRegistry == null ? SyncMetrics.NONE : new MicrometerSyncMetrics(meterRegistry)));
            Module wiring = overrides.isEmpty() ? defaults : Modules.override(defaults).with(overrides);
            try {
                return Guice.createInjector(Stage.PRODUCTION, wiring).getInstance(SyncDatabase.class);
            } catch (CreationException e) {
                throw unwrap(e, e.getErrorMessages());
            } catch (ProvisionException e) {
                throw unwrap(e, e.getErrorMessages());
            }
        }

        /**
         * Surfaces the adapters' typed error, not Guice's wrapper (which lists every failed binding with its
         * source, thousands of characters): the first hexsync error among the causes, else the first cause.
         */
        private static RuntimeException unwrap(RuntimeException wrapper, Collection<Message> messages) {
            RuntimeException first = null;
            for (Message message : messages) {
                Throwable cause = message.getCause();
                if (cause instanceof HexSyncException hexsync) {
                    return hexsync;
                }
                if (first == null && cause instanceof RuntimeException runtime) {
                    first = runtime;
                }
            }
            return first != null ? first : wrapper;
        }
    }
}
