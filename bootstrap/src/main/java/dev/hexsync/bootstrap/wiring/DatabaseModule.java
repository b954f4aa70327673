package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hexsync.bootstrap.time.ExecutorScheduler;
import dev.hexsync.domain.connection.SyncLeadership;
import dev.hexsync.domain.database.DatabaseSetup;
import dev.hexsync.domain.database.LocalDatabase;
import dev.hexsync.domain.trigger.TriggerSettings;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.signal.ChangeSignal;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.sync.SyncLineDecoder;
import dev.hexsync.ports.time.Scheduler;
import dev.hexsync.ports.transport.SyncTransport;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.hexsync.ports.metrics.SyncMetrics;

/**
 * The engine's wiring: a scheduler of its own and the {@link SyncDatabase} (with its sync engine) over
 * whatever {@link StorageEngine}, {@link SyncLineDecoder} and {@link SyncTransport} other modules bound, made in
 * one step from a {@link DatabaseSetup}. The database closes its scheduler when it closes.
 */
public final class DatabaseModule extends AbstractModule {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseModule.class);

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
            Provider<Optional<SyncLeadership>> syncLeadership, SyncMetrics metrics) {
        SqlSession session;
        try {
            session = engine.open(location, options);
        } catch (RuntimeException e) {
            executorScheduler.close();
            throw e;
        }
        // Asked for only now: the claims directory and the signal file go beside a database file that opened.
        DatabaseSetup setup = DatabaseSetup.of(session, scheduler, schema);
        try {
            setup = setup.withTriggers(triggerSettings.get());
            setup = setup.withChangeSignal(changeSignal.get());
            setup = setup.withSync(new DatabaseSetup.Sync(decoder, transport, syncLeadership.get(), metrics));
        } catch (RuntimeException e) {
            session.close();
            setup.changeSignal().close();
            executorScheduler.close();
            throw e;
        }
        if (location instanceof DatabaseLocation.File file) {
            if (setup.changeSignal() != ChangeSignal.NONE) {
                setup = setup.withAfterDelete(() -> deleteQuietly(ChangeSignalModule.signalFile(file)));
            }
            // Released lock files are gone already; an empty directory is all that is left.
            setup = setup.withAfterDelete(() -> deleteQuietly(ClaimsModule.claimsDirectory(file)));
        }
        if (transport instanceof AutoCloseable closeable) {
            setup = setup.withAfterClose(() -> {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("Closing the sync transport failed", e);
                }
            });
        }
        // Opening takes the setup over: when it fails, everything above was closed, the scheduler last.
        return LocalDatabase.open(setup.withAfterClose(executorScheduler::close));
    }

    /** Side files are best effort: one left behind is harmless (and on Windows a mapped file stays until GC). */
    private static void deleteQuietly(java.nio.file.Path path) {
        try {
            java.nio.file.Files.deleteIfExists(path);
        } catch (java.io.IOException e) {
            LOG.debug("Could not delete " + path + ": " + e);
        }
    }
}
