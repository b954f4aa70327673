package dev.hexsync.json;

/**
 * JSON text that cannot be parsed, or a value that has no JSON form (NaN, infinity).
 *
 * <p>Parse errors carry the character offset (UTF-16 index into the input) where the problem was found,
 * both in the message ({@code Invalid JSON at offset 12: expected ',' or '}'}) and in {@link #offset()},
 * so that a caller can point at the faulty spot of a sync line or a stored row.
 *
 * <p>A plain {@link RuntimeException}, not a {@code HexSyncException}: this module sees nothing but the JDK.
 * Callers that catch it wrap it in the hexsync error that fits (a storage, protocol or schema error).
 */
public class JsonException extends RuntimeException {
    private final int offset;

    public JsonException(String message) {
        super(message);
        this.offset = -1;
    }

    public JsonException(String message, Throwable cause) {
        super(message, cause);
        this.offset = -1;
    }

    /** A parse error at {@code offset}; the message is prefixed with the offset. */
    public JsonException(int offset, String problem) {
        super("Invalid JSON at offset " + offset + ": " + problem);
        this.offset = offset;
    }

    /** The character offset of a parse error, or -1 when the error is not tied to a position. */
    public int offset() {
        return offset;
    }
}
