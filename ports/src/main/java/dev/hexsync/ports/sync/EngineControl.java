package dev.hexsync.ports.sync;

/**
 * The sync engine driven by operation name and raw payload, the way every PowerSync SDK drives the native
 * engine's {@code powersync_control(op, payload)}. Exists so that any scenario written for the native
 * engine can be run through hexsync and compared; applications use the typed API instead.
 *
 * <p>Each call must run inside a write transaction of the database the engine was created for.
 */
public interface EngineControl {

    /**
     * Runs one operation.
     *
     * @param payload null, a {@code String}, a {@code Long} or a {@code byte[]}, as the SQL argument would be
     * @return for operations that return instructions, their JSON array text in {@link Result.Instructions};
     *     otherwise the operation's value
     * @throws EngineControlException when the engine refuses the operation
     */
    Result control(String op, Object payload);

    /** What an operation returned. */
    sealed interface Result {
        /** A JSON array of instructions. */
        record Instructions(String json) implements Result {
        }

        /** A plain value: {@code Long}, {@code String} or null. */
        record Value(Object value) implements Result {
        }
    }
}
