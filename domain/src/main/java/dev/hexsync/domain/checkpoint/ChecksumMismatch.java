package dev.hexsync.domain.checkpoint;

import dev.hexsync.ports.model.Checksum;

/** A bucket whose local checksum sums do not add up to the checkpoint's checksum. */
public record ChecksumMismatch(String bucket, Checksum expected, Checksum opChecksum, Checksum addChecksum) {

    /** As the engine words it: {@code b (expected 0x…, got 0x… = 0x… (op) + 0x… (add))}. */
    @Override
    public String toString() {
        return bucket + " (expected " + expected.hex() + ", got " + opChecksum.plus(addChecksum).hex() + " = "
                + opChecksum.hex() + " (op) + " + addChecksum.hex() + " (add))";
    }
}
