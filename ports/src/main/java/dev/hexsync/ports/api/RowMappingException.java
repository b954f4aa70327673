package dev.hexsync.ports.api;

import dev.hexsync.ports.HexSyncException;

/**
 * A result row could not be mapped to the wanted type: a column the type needs is missing from the result, or a
 * value has no reading as the type of the component it goes to. The message names the type, the component, the
 * column and the value.
 */
public class RowMappingException extends HexSyncException {

    /**
     * @param message what could not be mapped, naming the type, component and column
     * @param cause the conversion that failed, or {@code null}
     */
    public RowMappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
