package dev.hexsync.ports.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Download progress in operations, per priority.
 *
 * @param byPriority for each priority present in the checkpoint: {total, downloaded} op counts
 */
public record SyncProgress(Map<Integer, Counts> byPriority) {

    /** Operations to download and already downloaded. */
    public record Counts(long total, long downloaded) {
        /** downloaded / total, 0..1 (1 when there is nothing to download). */
        public double fraction() {
            return total == 0 ? 1.0 : Math.min(1.0, (double) downloaded / total);
        }
    }

    public SyncProgress {
        byPriority = java.util.Collections.unmodifiableMap(new TreeMap<>(byPriority));
    }

    /** Totals over every priority. */
    public Counts overall() {
        return untilPriority(Integer.MAX_VALUE);
    }

    /** Totals over the priorities at least as important as {@code priority} (number ≤ priority). */
    public Counts untilPriority(int priority) {
        long total = 0;
        long downloaded = 0;
        for (Map.Entry<Integer, Counts> entry : byPriority.entrySet()) {
            if (entry.getKey() <= priority) {
                total += entry.getValue().total();
                downloaded += entry.getValue().downloaded();
            }
        }
        return new Counts(total, downloaded);
    }
}
