package dev.hexsync.ports.model;

/**
 * A bucket checksum: an unsigned 32-bit value with wrapping addition, held in the bits of an {@code int}.
 * Sums of op checksums identify a bucket's content; they are order-independent and wrap silently.
 */
public record Checksum(int bits) {
    public static final Checksum ZERO = new Checksum(0);

    /** From the unsigned value (0 .. 2^32-1) or any long, keeping the low 32 bits. */
    public static Checksum of(long value) {
        return new Checksum((int) value);
    }

    public Checksum plus(Checksum other) {
        return new Checksum(bits + other.bits);
    }

    public Checksum minus(Checksum other) {
        return new Checksum(bits - other.bits);
    }

    /** The unsigned value, 0 .. 4294967295. */
    public long unsigned() {
        return Integer.toUnsignedLong(bits);
    }

    /** {@code 0x%08x}, as the engine prints checksums in its warnings. */
    public String hex() {
        return String.format("0x%08x", bits);
    }

    @Override
    public String toString() {
        return hex();
    }
}
