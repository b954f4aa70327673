package dev.hexsync.adapters.locks;

import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.testkit.claims.ClaimManagerContractTest;

/** The in-JVM manager passes the process-local half of the contract; it cannot see other processes. */
class InJvmClaimManagerContractTest extends ClaimManagerContractTest {
    @Override
    protected ClaimManager newManager() {
        return new InJvmClaimManager();
    }
}
