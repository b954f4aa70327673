package dev.hexsync.ports.model;

/** What an oplog entry does to its bucket. */
public enum OpType {
    /** Put (insert or replace) a row. */
    PUT,
    /** Remove a row from the bucket. */
    REMOVE,
    /** A compacted operation: contributes its checksum, changes no row. */
    MOVE,
    /** Compaction: everything before is replaced by this op's checksum; the bucket is re-downloaded. */
    CLEAR
}
