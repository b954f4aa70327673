package dev.hexsync.domain.collection;

import java.util.Map;

/**
 * An optimistic write not yet confirmed by the diff trigger. An insert holds the whole row, an update only the
 * columns it changed (so that replaying it on a newer database row keeps another writer's other columns), a
 * delete nothing.
 */
record PendingWrite(long transaction, Kind kind, String id, Map<String, Object> columns) {

    enum Kind {
        INSERT,
        UPDATE,
        DELETE
    }

    PendingWrite {
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
    }
}
