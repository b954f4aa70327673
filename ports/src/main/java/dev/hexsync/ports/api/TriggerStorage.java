package dev.hexsync.ports.api;

/** Where a diff trigger and its destination table live. */
public enum TriggerStorage {
    /**
     * {@code TEMP} trigger and table on this database's writer connection: they vanish with it and record only
     * the writes made through this database instance, never those of another instance or process over the
     * same file.
     */
    TEMPORARY,
    /**
     * Stored in the database file, so they record every write from every connection and process. The owner
     * holds a claim on the trigger's id while it is live; a periodic sweep drops persisted triggers whose
     * owner is gone (closed without disposing, crashed, killed).
     */
    PERSISTED
}
