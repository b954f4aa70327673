package dev.hexsync.ports.model;

import dev.hexsync.ports.ProtocolException;

/**
 * A position in a bucket's operation log. On the wire it is a decimal string (JSON numbers lose precision
 * past 2^53), here a signed 64-bit value.
 */
public record OpId(long value) implements Comparable<OpId> {
    /** The largest op id: also the engine's sentinel "pending local writes, no concrete checkpoint yet". */
    public static final OpId MAX = new OpId(Long.MAX_VALUE);

    /**
     * Parses the wire form.
     *
     * @throws ProtocolException when the text is not a decimal 64-bit integer
     */
    public static OpId parse(String decimal) {
        try {
            return new OpId(Long.parseLong(decimal));
        } catch (NumberFormatException e) {
            throw new ProtocolException("Invalid op id '" + decimal + "': expected a decimal 64-bit integer string", e);
        }
    }

    @Override
    public int compareTo(OpId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
