package dev.hexsync.ports.model;

import java.util.OptionalLong;

/**
 * How much is waiting to be uploaded.
 *
 * @param count the number of queued entries
 * @param sizeBytes the total size of their JSON, when it was asked for
 */
public record UploadQueueStats(long count, OptionalLong sizeBytes) {
    @Override
    public String toString() {
        return sizeBytes.isPresent()
                ? String.format(java.util.Locale.ROOT, "UploadQueueStats<count: %d size: %.2fkB>", count, sizeBytes.getAsLong() / 1024.0)
                : "UploadQueueStats<count: " + count + ">";
    }
}
