package dev.hexsync.ports.model;

/** The kind of a queued local change, as it travels to the backend. */
public enum UpdateType {
    /** Insert or replace the whole row. */
    PUT,
    /** Update the listed columns of an existing row. */
    PATCH,
    /** Delete the row. */
    DELETE;

    /**
     * Parses the op name of an upload queue entry.
     *
     * @throws IllegalArgumentException naming the unknown op
     */
    public static UpdateType parse(String op) {
        for (UpdateType type : values()) {
            if (type.name().equals(op)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown CRUD op '" + op + "' (expected PUT, PATCH or DELETE)");
    }
}
