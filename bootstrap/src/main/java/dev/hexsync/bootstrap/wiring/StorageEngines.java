package dev.hexsync.bootstrap.wiring;

import com.google.inject.Module;
import dev.hexsync.bootstrap.MissingStorageAdapterException;

/**
 * The storage engines the builder can choose, resolved when a database is built: the adapters are optional
 * dependencies of bootstrap (an H2 application need not carry SQLite's native library, nor a SQLite one H2), so
 * the chosen engine's adapter is looked up on the class path first, and its module is only loaded when it is
 * there. A missing adapter is a {@link MissingStorageAdapterException} naming the artifact to add.
 */
public enum StorageEngines {
    SQLITE("sqlite", "dev.hexsync.adapters.sqlite.SqliteStorageEngine", "hexsync-adapters-sqlite"),
    H2("h2", "dev.hexsync.adapters.h2.H2StorageEngine", "hexsync-adapters-h2");

    private final String engineName;
    private final String engineClass;
    private final String artifact;

    StorageEngines(String engineName, String engineClass, String artifact) {
        this.engineName = engineName;
        this.engineClass = engineClass;
        this.artifact = artifact;
    }

    /** The engine's short name ({@code sqlite}, {@code h2}). */
    public String engineName() {
        return engineName;
    }

    /** The artifact id of its adapter (group {@code dev.hexsync}). */
    public String artifact() {
        return artifact;
    }

    /** Whether the engine's adapter is on the class path. */
    public boolean available() {
        try {
            Class.forName(engineClass, false, StorageEngines.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The module binding this engine.
     *
     * @throws MissingStorageAdapterException when its adapter is not on the class path
     */
    public Module module() {
        if (!available()) {
            throw new MissingStorageAdapterException(engineName, "dev.hexsync:" + artifact);
        }
        // Only reached with the adapter present: loading the module class loads the adapter's classes.
        return this == SQLITE ? new SqliteStorageModule() : new H2StorageModule();
    }
}
