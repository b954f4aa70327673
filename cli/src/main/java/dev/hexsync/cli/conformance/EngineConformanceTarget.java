package dev.hexsync.cli.conformance;

import dev.hexsync.adapters.http.codec.SyncLineCodec;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.sync.EngineControl;
import dev.hexsync.ports.time.Clock;
import dev.hexsync.testkit.conformance.ConformanceTarget;
import java.util.Objects;

/** Runs conformance scenarios on hexsync wired with a given storage engine. */
public final class EngineConformanceTarget implements ConformanceTarget {
    private final StorageEngine engine;

    public EngineConformanceTarget(StorageEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
    }

    @Override
    public String describe() {
        String version = EngineConformanceTarget.class.getPackage().getImplementationVersion();
        return "hexsync " + (version == null ? "dev" : version) + " (" + engine.name() + ")";
    }

    @Override
    public String storageVersion() {
        try (SqlSession session = openFresh(Clock.system())) {
            return session.read(tx -> tx.get("SELECT sqlite_version() AS v").getString("v"));
        }
    }

    @Override
    public EngineControl engine(SqlSession session, Clock clock) {
        return new SyncEngine(session, new SyncLineCodec(), clock, status -> { }).control();
    }

    @Override
    public SqlSession openFresh(Clock clock) {
        return engine.open(DatabaseLocation.inMemory("conformance"), StorageOptions.DEFAULT.withSqlClock(clock));
    }
}
