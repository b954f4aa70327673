package dev.hexsync.testkit.conformance;

import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.sync.EngineControl;
import dev.hexsync.ports.time.Clock;

/**
 * What the conformance runner runs scenarios against: a storage engine (and, as hexsync grows, the sync
 * engine over it). Implemented by whoever wires hexsync together; the runner only sees ports.
 */
public interface ConformanceTarget {

    /** A short name for the result's {@code engine_version}, e.g. {@code hexsync 0.1.0 (sqlite)}. */
    String describe();

    /** The version of the storage engine's SQL library, for the result's {@code sqlite_version}. */
    String storageVersion();

    /**
     * Opens a new, empty in-memory database with the PowerSync layout, whose SQL time functions read
     * {@code clock} (scenarios run on virtual time).
     */
    SqlSession openFresh(Clock clock);

    /** The sync engine over {@code session}, reading time from {@code clock}. */
    EngineControl engine(SqlSession session, Clock clock);
}
