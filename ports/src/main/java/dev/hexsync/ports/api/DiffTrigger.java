package dev.hexsync.ports.api;

/**
 * A live diff trigger: it records changes of its source table into its destination table until closed.
 * Closing drops the triggers and the destination table and releases the claim on the id; closing again is
 * harmless.
 */
public interface DiffTrigger extends AutoCloseable {

    /** The trigger's id: a UUID with {@code _} for {@code -}, part of every trigger name. */
    String id();

    /** The table the changes are recorded in. */
    String destination();

    /** Where the triggers and the destination live. */
    TriggerStorage storage();

    @Override
    void close();
}
