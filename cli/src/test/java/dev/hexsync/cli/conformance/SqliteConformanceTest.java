package dev.hexsync.cli.conformance;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.testkit.conformance.ConformanceSuite;
import dev.hexsync.testkit.conformance.ConformanceTarget;
import dev.hexsync.testkit.time.VirtualScheduler;

/** The committed oracle scenarios, run on SQLite: results must match the real engine's. */
class SqliteConformanceTest extends ConformanceSuite {
    @Override
    protected ConformanceTarget target() {
        return new EngineConformanceTarget(new SqliteStorageEngine(new VirtualScheduler()));
    }
}
