package dev.hexsync.testkit.claims;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.claims.ClaimedElsewhereException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * What both halves of the {@link ClaimManager} contract share: the manager under test and its hooks, the claims
 * and threads to release after each test, fresh ids, and the bounded waits. {@link ClaimManagerContractTest} is the
 * class a claim manager extends.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class ClaimManagerContract {
    /** Upper bound for a dead holder's claim to become free (a database server notices a dropped socket). */
    protected static final Duration RELEASE_BOUND = Duration.ofSeconds(60);
    static final long WAIT_SECONDS = 60;
    static final int RACERS = 8;
    static final int RACE_ROUNDS = 20;
    static final int PROBES = 50;

    private final List<ClaimManager> managers = new CopyOnWriteArrayList<>();
    private final List<Claim> claims = new CopyOnWriteArrayList<>();
    /** Threads of the racing and freezing tests; stopped after each test. */
    final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "claim-contract");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * A new manager over this test's backend. Every call within one test must reach the same backend (the same
     * lock directory, the same database), the way two parts of one application would; managers that are
     * {@link AutoCloseable} are closed after the test.
     */
    protected abstract ClaimManager newManager();

    /**
     * How a child JVM opens a manager over the same backend as {@link #newManager()}, or empty for a manager
     * that only sees its own process (then the cross-process tests are skipped).
     */
    protected Optional<ChildManagerSpec> childManager() {
        return Optional.empty();
    }

    /**
     * How long a frozen holder stays frozen before the test checks it still holds. A hold-based manager has no
     * timer to outlast, so any pause shows the same; override to outlast a backend's own timeouts (an idle
     * session limit, say) if it has any.
     */
    protected Duration frozenHolderPause() {
        return Duration.ofSeconds(2);
    }

    @AfterEach
    final void releaseEverything() throws Exception {
        for (Claim claim : claims) {
            claim.close();
        }
        threads.shutdownNow();
        for (ClaimManager manager : managers) {
            if (manager instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    // ---------------------------------------------------------------- helpers for both halves

    /** A fresh manager from {@link #newManager()}, closed after the test if closeable. */
    protected final ClaimManager manager() {
        ClaimManager manager = newManager();
        managers.add(manager);
        return manager;
    }

    /** An id no other test uses, readable in failures. */
    protected static String id(String name) {
        return "contract-" + name + "-" + UUID.randomUUID();
    }

    final Claim track(Claim claim) {
        claims.add(claim);
        return claim;
    }

    final ChildManagerSpec crossProcess() {
        Optional<ChildManagerSpec> spec = childManager();
        assumeTrue(spec.isPresent(), "this manager only sees its own process");
        return spec.get();
    }

    /**
     * Claims {@code id} once its dead holder's claim has gone, polling within {@link #RELEASE_BOUND}: the
     * operating system frees a file lock as the process dies, but a database server frees a session only once it
     * notices the dropped connection.
     */
    static Claim awaitClaim(ClaimManager manager, String id) {
        long deadline = System.nanoTime() + RELEASE_BOUND.toNanos();
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                return manager.claim(id);
            } catch (ClaimedElsewhereException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the claim of a dead process on " + id + " was still held after "
                            + RELEASE_BOUND + " (" + attempts + " attempts)", e);
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
