package dev.hexsync.ports.api;

import dev.hexsync.ports.schema.Schema;

/** Role of a {@link SyncDatabase}: the schema it has, and replacing it. */
public interface SchemaManagement {

    /** The schema the database currently has. */
    Schema schema();

    /**
     * Replaces the schema, as the PowerSync engine's {@code powersync_replace_schema} does: unchanged tables are
     * kept; a synced table that is dropped, or turned local-only, keeps its rows aside until a synced table of
     * that name comes back (the local-only one starts empty).
     *
     * <p><b>Local-only rows are dropped</b> when their table leaves the schema or becomes synced (switching it
     * back later does not restore them): they were never uploaded, and the engine keeps no copy either. hexsync
     * logs a WARNING naming the table and the number of rows dropped; copy rows you want to keep into another
     * table first. The same applies to a changed schema given to {@code HexSync.builder().schema(..)} when an
     * existing database is opened.
     */
    void updateSchema(Schema schema);
}
