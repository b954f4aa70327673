package dev.hexsync.domain.trigger;

import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.claims.ClaimedInThisProcessException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Claims that only one database instance sees: enough when nothing else opens its file (an in-memory
 * database, a test), so that persisted triggers still work without a claim backend wired in.
 */
final class InstanceClaims implements ClaimManager {
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    @Override
    public Claim claim(String resourceId) {
        ClaimManager.requireValidResourceId(resourceId);
        if (!held.add(resourceId)) {
            throw new ClaimedInThisProcessException(resourceId);
        }
        AtomicBoolean released = new AtomicBoolean();
        return new Claim() {
            @Override
            public String resourceId() {
                return resourceId;
            }

            @Override
            public boolean isHeld() {
                return !released.get();
            }

            @Override
            public void close() {
                if (released.compareAndSet(false, true)) {
                    held.remove(resourceId);
                }
            }
        };
    }

    @Override
    public boolean isClaimed(String resourceId) {
        return held.contains(ClaimManager.requireValidResourceId(resourceId));
    }
}
