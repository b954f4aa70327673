package dev.hexsync.adapters.locks;

import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.claims.ClaimedInThisProcessException;

/**
 * Claims that only this JVM can see: right for a database that only one process ever opens (mobile-style
 * desktop apps, tests). Every instance shares the process-wide registry, so two instances refuse each other's
 * ids as {@link ClaimedInThisProcessException}; it never throws {@code ClaimedElsewhereException}, since it
 * cannot see other processes. A claim dies with the JVM because the registry does.
 */
public final class InJvmClaimManager implements ClaimManager {
    private static final String NAMESPACE = "jvm:";

    @Override
    public Claim claim(String resourceId) {
        ClaimManager.requireValidResourceId(resourceId);
        ProcessClaimRegistry.Hold hold = ProcessClaimRegistry.tryHold(NAMESPACE + resourceId)
                .orElseThrow(() -> new ClaimedInThisProcessException(resourceId));
        return new InJvmClaim(resourceId, hold);
    }

    @Override
    public boolean isClaimed(String resourceId) {
        ClaimManager.requireValidResourceId(resourceId);
        return ProcessClaimRegistry.isHeld(NAMESPACE + resourceId);
    }

    @Override
    public String toString() {
        return "InJvmClaimManager";
    }

    private static final class InJvmClaim implements Claim {
        private final String resourceId;
        private final ProcessClaimRegistry.Hold hold;

        InJvmClaim(String resourceId, ProcessClaimRegistry.Hold hold) {
            this.resourceId = resourceId;
            this.hold = hold;
        }

        @Override
        public String resourceId() {
            return resourceId;
        }

        @Override
        public boolean isHeld() {
            return !hold.isReleased();
        }

        @Override
        public void close() {
            hold.release();
        }

        @Override
        public String toString() {
            return "InJvmClaim[" + resourceId + (isHeld() ? "" : ", released") + "]";
        }
    }
}
