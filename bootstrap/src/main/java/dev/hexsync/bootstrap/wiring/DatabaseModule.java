package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hexsync.bootstrap.time.ExecutorScheduler;
import dev.hexsync.domain.claim.TriggerSettings;
import dev.hexsync.domain.database.LocalDatabase;
import com.google.inject.Provider;
import dev.hexsync.domain.sync.SyncLeadership;
import dev.hexsync.ports.api.SyncDatabase;
import java.util.Optional;
import dev.hexsync.ports.signal.ChangeSignal;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.sync.SyncLineDecoder;
import dev.hexsync.ports.transport.SyncTransport;
import dev.hexsync.ports.time.Scheduler;
import java.util.Objects;

/**
 * The engine's wiring: a scheduler of its own and the {@link SyncDatabase} (with its sync engine) over
 * whatever {@link StorageEngine} and {@link SyncLineDecoder} other modules bound. The database closes its
 * scheduler when it closes.
 */
public final class DatabaseModule extends AbstractModule {
    private final Schema schema;

    public DatabaseModule(Schema schema) {
        this.schema = Objects.requireNonNull(schema, "schema is null");
    }

    @Override
    protected void configure() {
        bind(Schema.class).toInstance(schema);
    }

    @Provides
    @Singleton
    ExecutorScheduler executorScheduler() {
        return new ExecutorScheduler("db", 2);
    }

    @Provides
    @Singleton
    Scheduler scheduler(ExecutorScheduler scheduler) {
        return scheduler;
    }

    @Provides
    @Singleton
    SyncDatabase database(StorageEngine engine, DatabaseLocation location, StorageOptions options,
            ExecutorScheduler executorScheduler, Scheduler scheduler, Schema schema, SyncLineDecoder decoder,
            SyncTransport transport, Provider<TriggerSettings> triggerSettings, Provider<ChangeSignal> changeSignal,
            Provider<Optional<SyncLeadership>> syncLeadership) {
        LocalDatabase database;
        try {
            SqlSession session = engine.open(location, options);
            // Asked for only now: the claims directory goes beside a database file that opened.
            TriggerSettings triggers;
            try {
                triggers = triggerSettings.get();
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
            database = LocalDatabase.open(session, scheduler, schema, triggers);
        } catch (RuntimeException e) {
            executorScheduler.close();
            throw e;
        }
        try {
            database.attachSync(decoder, transport);
            // Asked for only now: the signal file goes beside a database file that opened.
            ChangeSignal signal = changeSignal.get();
            database.attachChangeSignal(signal);
            if (location instanceof DatabaseLocation.File file && signal != ChangeSignal.NONE) {
                database.onDelete(() -> deleteQuietly(ChangeSignalModule.signalFile(file)));
            }
            Optional<SyncLeadership> leadership = syncLeadership.get();
            leadership.ifPresent(database::useSyncLeadership);
            if (location instanceof DatabaseLocation.File file) {
                // Released lock files are gone already; an empty directory is all that is left.
                database.onDelete(() -> deleteQuietly(ClaimsModule.claimsDirectory(file)));
            }
            if (transport instanceof AutoCloseable closeable) {
                database.onClose(() -> {
                    try {
                        closeable.close();
                    } catch (Exception e) {
                        System.getLogger(DatabaseModule.class.getName()).log(System.Logger.Level.WARNING,
                                "Closing the sync transport failed", e);
                    }
                });
            }
        } catch (RuntimeException e) {
            database.close();
            executorScheduler.close();
            throw e;
        }
        database.onClose(executorScheduler::close);
        return database;
    }

    /** Side files are best effort: one left behind is harmless (and on Windows a mapped file stays until GC). */
    private static void deleteQuietly(java.nio.file.Path path) {
        try {
            java.nio.file.Files.deleteIfExists(path);
        } catch (java.io.IOException e) {
            System.getLogger(DatabaseModule.class.getName()).log(System.Logger.Level.DEBUG,
                    "Could not delete " + path + ": " + e);
        }
    }
}
