package dev.hexsync.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Write checkpoints and checkpoint requests per {@code "<sub>/<client_id>"}: each stored value carries the
 * source position (head) at the time it was stored, and becomes visible on the sync stream once replication
 * has reached that head. Both endpoints share one record per key, since the stream has one
 * {@code write_checkpoint} field. Not thread-safe; the emulator's lock guards it.
 */
final class WriteCheckpoints {

    private static final class Entry {
        long stored;
        long visible;
        /** Stored values not yet replicated: {value, head}, both increasing. */
        final Deque<long[]> pending = new ArrayDeque<>();
    }

    private final Map<String, Entry> entries = new HashMap<>();

    /** {@code GET /write-checkpoint2.json}: the next counter value (1, 2, ...), due once {@code head} is replicated. */
    long next(String key, long head) {
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        entry.stored++;
        entry.pending.add(new long[] {entry.stored, head});
        return entry.stored;
    }

    /**
     * {@code POST /sync/checkpoint-request}: a higher id replaces the stored one, a lower or equal one changes
     * nothing. Returns the stored id.
     */
    long request(String key, long id, long head) {
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        if (id > entry.stored) {
            entry.stored = id;
            entry.pending.add(new long[] {id, head});
        }
        return entry.stored;
    }

    /** Makes due values visible; true if any key's visible value changed. */
    boolean replicatedUpTo(long position) {
        boolean changed = false;
        for (Entry entry : entries.values()) {
            while (!entry.pending.isEmpty() && entry.pending.peekFirst()[1] <= position) {
                entry.visible = entry.pending.removeFirst()[0];
                changed = true;
            }
        }
        return changed;
    }

    /** The newest replicated value for the key, or 0 when there is none (the line then omits the field). */
    long visible(String key) {
        Entry entry = entries.get(key);
        return entry == null ? 0 : entry.visible;
    }
}
