package dev.hexsync.bootstrap.conformance;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.ports.storage.StorageOptions;
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
        try (SqlSession session = openFresh()) {
            return session.read(tx -> tx.get("SELECT sqlite_version() AS v").getString("v"));
        }
    }

    @Override
    public SqlSession openFresh() {
        return engine.open(DatabaseLocation.inMemory("conformance"), StorageOptions.DEFAULT);
    }
}
