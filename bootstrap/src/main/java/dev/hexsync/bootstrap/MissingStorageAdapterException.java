package dev.hexsync.bootstrap;

import dev.hexsync.ports.storage.StorageException;

/** The storage engine a database was built with has no adapter on the class path: its artifact must be added. */
public final class MissingStorageAdapterException extends StorageException {
    private final String engine;
    private final String artifact;

    public MissingStorageAdapterException(String engine, String artifact) {
        super("The " + engine + " storage engine was chosen, but its adapter is not on the class path: add the"
                + " dependency " + artifact + " (or the starter that brings it)");
        this.engine = engine;
        this.artifact = artifact;
    }

    /** The engine's short name ({@code sqlite}, {@code h2}). */
    public String engine() {
        return engine;
    }

    /** The missing artifact, {@code groupId:artifactId}. */
    public String artifact() {
        return artifact;
    }
}
