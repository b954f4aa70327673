package dev.hexsync.ports.api;

/** A kind of row change a diff trigger records. */
public enum DiffTriggerOperation {
    INSERT,
    UPDATE,
    DELETE
}
