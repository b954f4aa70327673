package dev.hexsync.examples.claims;

import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.claims.ClaimedElsewhereException;
import dev.hexsync.ports.claims.ClaimedInThisProcessException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ClaimManager} over a shared map: one registry per "place" that claims must be unique in, each database
 * a named holder. Claims die with the registry, which here lives as long as the JVM, so it suits several databases
 * in one process; a backend for several processes ties each claim to something the operating system or a server
 * reclaims when the holder dies (a file lock, a database session), as the library's own backends do.
 *
 * <p>The rules every backend keeps: {@link #claim} never waits; the same holder claiming twice is a bug
 * ({@link ClaimedInThisProcessException}); another holder's claim is contention ({@link ClaimedElsewhereException});
 * closing twice is harmless, and an old claim never releases a newer one.
 */
public final class RegistryClaimManager implements ClaimManager {
    private final Map<String, Object> registry;
    private final String holder;

    /**
     * @param registry the shared map from resource id to the claim holding it; share one between the databases
     *     that must see each other's claims
     * @param holder a name for this manager's claims, shown in refusals
     */
    public RegistryClaimManager(Map<String, Object> registry, String holder) {
        this.registry = registry;
        this.holder = holder;
    }

    /** @return a new registry for {@link #RegistryClaimManager(Map, String)} */
    public static Map<String, Object> newRegistry() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public Claim claim(String resourceId) {
        ClaimManager.requireValidResourceId(resourceId);
        HeldClaim claim = new HeldClaim(resourceId);
        Object current = registry.putIfAbsent(resourceId, claim);
        if (current instanceof HeldClaim other) {
            if (other.owner() == this) {
                throw new ClaimedInThisProcessException(resourceId);
            }
            throw new ClaimedElsewhereException(resourceId, other.ownerName());
        }
        return claim;
    }

    @Override
    public boolean isClaimed(String resourceId) {
        ClaimManager.requireValidResourceId(resourceId);
        return registry.containsKey(resourceId);
    }

    /** @return the ids this manager holds now */
    public Set<String> held() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        registry.forEach((id, claim) -> {
            if (claim instanceof HeldClaim held && held.owner() == this) {
                ids.add(id);
            }
        });
        return ids;
    }

    private final class HeldClaim implements Claim {
        private final String resourceId;
        private final AtomicBoolean held = new AtomicBoolean(true);

        HeldClaim(String resourceId) {
            this.resourceId = resourceId;
        }

        RegistryClaimManager owner() {
            return RegistryClaimManager.this;
        }

        String ownerName() {
            return holder;
        }

        @Override
        public String resourceId() {
            return resourceId;
        }

        @Override
        public boolean isHeld() {
            return held.get();
        }

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                // Removes only this claim: a newer claim on the same id stays.
                registry.remove(resourceId, this);
            }
        }
    }
}
