package dev.hexsync.adapters.locks;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The claims this JVM holds, keyed by backend and id ({@code "jvm:" + id}, {@code "file:" + lock file}, ...).
 * This is the one piece of static mutable state the design allows, and it must be static: two managers
 * built by unrelated parts of one application guard the same database, so they must see each other's claims,
 * and the JVM's own file lock table is process-wide too (a second lock on a file this JVM already locked
 * throws instead of reporting the conflict).
 */
final class ProcessClaimRegistry {
    private static final ConcurrentMap<String, Hold> HOLDS = new ConcurrentHashMap<>();

    /**
     * Striped locks that backends with a non-atomic acquire (lock a file, then verify it) take around it, so
     * a probe and a claim of the same key in this JVM never overlap. A fixed array instead of a lock per key,
     * because ids are often one-off UUIDs and per-key locks would have to be reference-counted to not leak.
     */
    private static final ReentrantLock[] GUARDS = new ReentrantLock[64];

    static {
        for (int i = 0; i < GUARDS.length; i++) {
            GUARDS[i] = new ReentrantLock();
        }
    }

    private ProcessClaimRegistry() {
    }

    /** Records a hold on {@code key}, or answers empty when this JVM already holds it. */
    static Optional<Hold> tryHold(String key) {
        Hold hold = new Hold(key);
        return HOLDS.putIfAbsent(key, hold) == null ? Optional.of(hold) : Optional.empty();
    }

    static boolean isHeld(String key) {
        return HOLDS.containsKey(key);
    }

    /** The guard for {@code key}; unrelated keys may share one, so hold it only around short, non-blocking work. */
    static ReentrantLock guard(String key) {
        return GUARDS[Math.floorMod(key.hashCode(), GUARDS.length)];
    }

    /** One entry of the registry. Releasing is idempotent and never removes a later hold on the same key. */
    static final class Hold {
        private final String key;
        private final AtomicBoolean released = new AtomicBoolean();

        private Hold(String key) {
            this.key = key;
        }

        /** True on the first call only. */
        boolean release() {
            if (!released.compareAndSet(false, true)) {
                return false;
            }
            HOLDS.remove(key, this);
            return true;
        }

        boolean isReleased() {
            return released.get();
        }
    }
}
