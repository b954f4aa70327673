package dev.hexsync.testkit.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.ports.claims.AlreadyClaimedException;
import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.claims.ClaimedElsewhereException;
import dev.hexsync.ports.claims.ClaimedInThisProcessException;
import dev.hexsync.ports.claims.InvalidResourceIdException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link ClaimManager}, as a test kit: every claim manager extends this class and inherits
 * every test. A manager that reaches other processes also says how a child JVM opens a manager over the same
 * backend, and then runs the cross-process half too (SIGKILL, SIGSTOP, races between processes); for a
 * process-local manager that half is skipped.
 *
 * <pre>{@code
 * class FileLockClaimManagerContractTest extends ClaimManagerContractTest {
 *     @TempDir Path dir;
 *     protected ClaimManager newManager() { return new FileLockClaimManager(dir); }
 *     protected Optional<ChildManagerSpec> childManager() {
 *         return Optional.of(ChildManagerSpec.of(FileLockFactory.class, dir.toString()));
 *     }
 * }
 * }</pre>
 *
 * <p>Every wait is bounded (the class timeout catches a deadlock; polls and child answers have their own
 * limits) and nothing asserts on elapsed time: a frozen holder is frozen for {@link #frozenHolderPause()} and
 * then must still hold, whatever the clock says. Ids are fresh UUID-suffixed strings per test, because the
 * in-process registry is shared by every test in the JVM.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class ClaimManagerContractTest {
    /** Upper bound for a dead holder's claim to become free (a database server notices a dropped socket). */
    protected static final Duration RELEASE_BOUND = Duration.ofSeconds(60);
    private static final long WAIT_SECONDS = 60;
    private static final int RACERS = 8;
    private static final int RACE_ROUNDS = 20;
    private static final int PROBES = 50;

    private final List<ClaimManager> managers = new CopyOnWriteArrayList<>();
    private final List<Claim> claims = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
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

    // ---------------------------------------------------------------- within one process

    @Test
    void aClaimIsSeenUntilItIsClosed() {
        ClaimManager manager = manager();
        String id = id("basic");
        assertThat(manager.isClaimed(id)).isFalse();

        Claim claim = manager.claim(id);
        assertThat(claim.resourceId()).isEqualTo(id);
        assertThat(claim.isHeld()).isTrue();
        assertThat(manager.isClaimed(id)).isTrue();
        assertThat(manager().isClaimed(id)).as("seen by another manager over the same backend").isTrue();

        claim.close();
        assertThat(claim.isHeld()).isFalse();
        assertThat(manager.isClaimed(id)).isFalse();
        assertThat(manager().isClaimed(id)).isFalse();
    }

    @Test
    void closingTwiceIsHarmlessAndAnOldClaimNeverReleasesANewOne() {
        ClaimManager manager = manager();
        String id = id("twice");
        Claim first = manager.claim(id);
        first.close();
        first.close();
        assertThat(manager.isClaimed(id)).isFalse();

        Claim second = track(manager.claim(id));
        first.close();
        assertThat(second.isHeld()).isTrue();
        assertThat(manager.isClaimed(id)).as("closing the spent first claim left the second alone").isTrue();
        assertThatThrownBy(() -> manager.claim(id)).isInstanceOf(ClaimedInThisProcessException.class);

        second.close();
        second.close();
        assertThat(manager.isClaimed(id)).isFalse();
        track(manager.claim(id)).close();
    }

    @Test
    void claimingAnIdThisProcessHoldsFailsNamingTheId() {
        ClaimManager manager = manager();
        String id = id("duplicate");
        Claim claim = track(manager.claim(id));

        for (ClaimManager again : List.of(manager, manager())) {
            ClaimedInThisProcessException refusal =
                    catchThrowableOfType(ClaimedInThisProcessException.class, () -> again.claim(id));
            assertThat(refusal).as("second claim through %s", again).isNotNull();
            assertThat(refusal.getMessage()).contains(id);
            assertThat(refusal.resourceId()).isEqualTo(id);
            assertThat(refusal).isInstanceOf(AlreadyClaimedException.class);
        }
        assertThat(claim.isHeld()).as("the refusal left the first claim alone").isTrue();
        assertThat(manager.isClaimed(id)).isTrue();

        claim.close();
        track(manager.claim(id));
    }

    @Test
    void anyValidIdIsClaimedIndependentlyOfEveryOther() {
        ClaimManager manager = manager();
        String unique = UUID.randomUUID().toString();
        String longPrefix = "p".repeat(ClaimManager.MAX_RESOURCE_ID_LENGTH - unique.length());
        List<String> ids = List.of(
                "Case-" + unique, "case-" + unique, "CASE-" + unique,
                "../" + unique, "a/b\\c:" + unique, "." + unique, " " + unique + " ",
                "CON." + unique, "*?<>|\"" + unique, "%2F" + unique, "'quoted'" + unique,
                "ünïcødé " + unique, "\uD83D\uDD12" + unique,
                longPrefix + "1" + unique.substring(1), longPrefix + "2" + unique.substring(1));
        assertThat(ids.get(ids.size() - 1)).hasSize(ClaimManager.MAX_RESOURCE_ID_LENGTH);

        List<Claim> held = new ArrayList<>();
        for (String id : ids) {
            assertThat(manager.isClaimed(id)).as("before claiming %s", id).isFalse();
            held.add(track(manager.claim(id)));
        }
        for (String id : ids) {
            assertThat(manager.isClaimed(id)).as(id).isTrue();
        }
        held.get(1).close();
        held.get(ids.size() - 1).close();
        for (int i = 0; i < ids.size(); i++) {
            boolean released = i == 1 || i == ids.size() - 1;
            assertThat(manager.isClaimed(ids.get(i))).as(ids.get(i)).isEqualTo(!released);
        }
    }

    @Test
    void invalidIdsAreRejectedBeforeTheBackendIsAsked() {
        ClaimManager manager = manager();
        List<String> invalid = new ArrayList<>();
        invalid.add(null);
        invalid.add("");
        invalid.add("x".repeat(ClaimManager.MAX_RESOURCE_ID_LENGTH + 1));
        invalid.add("line\nbreak");
        invalid.add("nul\u0000");
        invalid.add("tab\t");
        invalid.add("unpaired\uD800");
        invalid.add("\uDC00reversed");
        for (String id : invalid) {
            assertThatThrownBy(() -> manager.claim(id)).as("claim %s", id).isInstanceOf(InvalidResourceIdException.class)
                    .satisfies(e -> assertThat(((InvalidResourceIdException) e).resourceId()).isEqualTo(id));
            assertThatThrownBy(() -> manager.isClaimed(id)).as("isClaimed %s", id)
                    .isInstanceOf(InvalidResourceIdException.class);
        }
    }

    @Test
    void aFrozenHolderThreadKeepsItsClaim() throws Exception {
        ClaimManager manager = manager();
        String id = id("frozen-thread");
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch thaw = new CountDownLatch(1);
        Future<Boolean> holder = threads.submit(() -> {
            try (Claim claim = manager.claim(id)) {
                claimed.countDown();
                // Frozen: this thread does nothing at all until thawed, so it could renew nothing.
                assertThat(thaw.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                return claim.isHeld();
            }
        });
        assertThat(claimed.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        Thread.sleep(frozenHolderPause().toMillis());
        assertThat(manager.isClaimed(id)).isTrue();
        assertThatThrownBy(() -> manager().claim(id)).isInstanceOf(ClaimedInThisProcessException.class);

        thaw.countDown();
        assertThat(holder.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("still held when thawed").isTrue();
        assertThat(manager.isClaimed(id)).isFalse();
    }

    @Test
    void aClaimMayBeClosedOnAnotherThread() throws Exception {
        ClaimManager manager = manager();
        String id = id("handover");
        Claim claim = threads.submit(() -> manager.claim(id)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(manager.isClaimed(id)).isTrue();
        claim.close();
        assertThat(manager.isClaimed(id)).isFalse();
        track(manager.claim(id));
    }

    @Test
    void probingNeitherTakesNorKeepsTheClaim() throws Exception {
        ClaimManager manager = manager();
        String id = id("probe");
        for (int i = 0; i < PROBES; i++) {
            assertThat(manager.isClaimed(id)).isFalse();
        }
        Claim claim = manager.claim(id);
        for (int i = 0; i < PROBES; i++) {
            assertThat(manager().isClaimed(id)).isTrue();
        }
        assertThat(claim.isHeld()).isTrue();
        claim.close();

        // Probes running flat out on other threads must never make a claim of this process fail.
        AtomicBoolean probing = new AtomicBoolean(true);
        CountDownLatch probersRunning = new CountDownLatch(2);
        List<Future<Integer>> probers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            ClaimManager probe = manager();
            probers.add(threads.submit(() -> {
                int probes = 0;
                while (probing.get()) {
                    probe.isClaimed(id);
                    if (probes++ == 0) {
                        probersRunning.countDown();
                    }
                }
                return probes;
            }));
        }
        try {
            assertThat(probersRunning.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < PROBES; i++) {
                try (Claim again = manager.claim(id)) {
                    assertThat(again.isHeld()).isTrue();
                    assertThat(manager.isClaimed(id)).isTrue();
                }
            }
        } finally {
            probing.set(false);
        }
        for (Future<Integer> prober : probers) {
            assertThat(prober.get(WAIT_SECONDS, TimeUnit.SECONDS)).isPositive();
        }
        assertThat(manager.isClaimed(id)).isFalse();
    }

    @Test
    void threadsRacingForOneIdHaveExactlyOneWinner() throws Exception {
        List<ClaimManager> racers = new ArrayList<>();
        ClaimManager shared = manager();
        for (int t = 0; t < RACERS; t++) {
            racers.add(t % 2 == 0 ? shared : manager()); // same instance and separate instances alike
        }
        for (int round = 0; round < RACE_ROUNDS; round++) {
            String id = id("race-" + round);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<Claim>>> outcomes = new ArrayList<>();
            for (ClaimManager racer : racers) {
                outcomes.add(threads.submit(() -> {
                    assertThat(start.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                    try {
                        return Optional.of(racer.claim(id));
                    } catch (AlreadyClaimedException e) {
                        assertThat(e.resourceId()).isEqualTo(id);
                        return Optional.empty();
                    }
                }));
            }
            start.countDown();
            List<Claim> winners = new ArrayList<>();
            for (Future<Optional<Claim>> outcome : outcomes) {
                outcome.get(WAIT_SECONDS, TimeUnit.SECONDS).ifPresent(winners::add);
            }
            winners.forEach(this::track);
            assertThat(winners).as("round %d", round).hasSize(1);
            assertThat(shared.isClaimed(id)).isTrue();
            winners.get(0).close();
            assertThat(shared.isClaimed(id)).isFalse();
        }
    }

    // ---------------------------------------------------------------- across processes

    @Test
    void aClaimHeldByAnotherProcessIsSeenAndRefusedUntilReleased() {
        ChildManagerSpec spec = crossProcess();
        ClaimManager manager = manager();
        String id = id("elsewhere");
        try (ClaimHolderProcess child = ClaimHolderProcess.start(spec)) {
            assertThat(child.claim(id)).as(child.lastRefusal()).isTrue();

            assertThat(manager.isClaimed(id)).isTrue();
            ClaimedElsewhereException refusal = catchThrowableOfType(ClaimedElsewhereException.class,
                    () -> manager.claim(id));
            assertThat(refusal).as("claiming what another process holds").isNotNull();
            assertThat(refusal.getMessage()).contains(id);
            assertThat(refusal.resourceId()).isEqualTo(id);
            assertThat(manager.isClaimed(id)).as("the refusal did not disturb the holder").isTrue();

            child.release(id);
            assertThat(manager.isClaimed(id)).isFalse();
            Claim mine = track(manager.claim(id));

            assertThat(child.probe(id)).isTrue();
            assertThat(child.claim(id)).isFalse();
            assertThat(child.lastRefusal()).startsWith(ClaimedElsewhereException.class.getSimpleName()).contains(id);
            assertThat(mine.isHeld()).isTrue();

            mine.close();
            assertThat(child.probe(id)).isFalse();
            assertThat(child.claim(id)).as(child.lastRefusal()).isTrue();
            child.release(id);
        }
    }

    @Test
    void aHolderKilledWithSigkillReleasesItsClaim() {
        ChildManagerSpec spec = crossProcess();
        ClaimManager manager = manager();
        String id = id("killed");
        String other = id("killed-other");
        try (ClaimHolderProcess child = ClaimHolderProcess.start(spec)) {
            assertThat(child.claim(id)).as(child.lastRefusal()).isTrue();
            assertThat(child.claim(other)).as(child.lastRefusal()).isTrue();
            assertThat(manager.isClaimed(id)).isTrue();

            child.kill();
        }
        track(awaitClaim(manager, id));
        assertThat(manager.isClaimed(other)).as("every claim of the dead process is gone").isFalse();
        track(manager.claim(other));
    }

    @Test
    void aHolderThatExitsWithoutReleasingFreesItsClaim() {
        ChildManagerSpec spec = crossProcess();
        ClaimManager manager = manager();
        String id = id("exited");
        try (ClaimHolderProcess child = ClaimHolderProcess.start(spec)) {
            assertThat(child.claim(id)).as(child.lastRefusal()).isTrue();
            assertThat(manager.isClaimed(id)).isTrue();
            child.exitWithoutReleasing();
        }
        track(awaitClaim(manager, id));
    }

    @Test
    void aFrozenHolderProcessKeepsItsClaim() throws Exception {
        ChildManagerSpec spec = crossProcess();
        assumeTrue(ChildJvm.canSuspend(), "needs SIGSTOP (POSIX kill)");
        ClaimManager manager = manager();
        String id = id("frozen-process");
        try (ClaimHolderProcess child = ClaimHolderProcess.start(spec)) {
            assertThat(child.claim(id)).as(child.lastRefusal()).isTrue();
            child.jvm().suspend();
            try {
                Thread.sleep(frozenHolderPause().toMillis());
                assertThat(manager.isClaimed(id)).isTrue();
                assertThatThrownBy(() -> manager.claim(id)).isInstanceOf(ClaimedElsewhereException.class);
            } finally {
                child.jvm().resume();
            }
            assertThat(child.probe(id)).isTrue();
            child.release(id);
            assertThat(manager.isClaimed(id)).isFalse();
        }
    }

    @Test
    void probesFromEitherSideNeitherTakeNorKeepTheClaim() {
        ChildManagerSpec spec = crossProcess();
        ClaimManager manager = manager();
        String id = id("probes");
        try (ClaimHolderProcess child = ClaimHolderProcess.start(spec)) {
            for (int i = 0; i < PROBES; i++) {
                assertThat(manager.isClaimed(id)).isFalse();
            }
            assertThat(child.claim(id)).as("claim after the other process probed: %s", child.lastRefusal()).isTrue();
            for (int i = 0; i < PROBES; i++) {
                assertThat(manager.isClaimed(id)).isTrue();
            }
            assertThatThrownBy(() -> manager.claim(id)).as("probes stole nothing")
                    .isInstanceOf(ClaimedElsewhereException.class);
            child.release(id);

            for (int i = 0; i < PROBES / 5; i++) {
                assertThat(child.probe(id)).isFalse();
            }
            Claim mine = track(manager.claim(id));
            for (int i = 0; i < PROBES / 5; i++) {
                assertThat(child.probe(id)).isTrue();
            }
            assertThat(mine.isHeld()).isTrue();
            assertThat(child.claim(id)).isFalse();
            mine.close();
            assertThat(child.claim(id)).as(child.lastRefusal()).isTrue();
            child.release(id);
        }
    }

    @Test
    void processesRacingForOneIdHaveExactlyOneWinner() {
        ChildManagerSpec spec = crossProcess();
        ClaimManager manager = manager();
        try (ClaimHolderProcess first = ClaimHolderProcess.start(spec);
                ClaimHolderProcess second = ClaimHolderProcess.start(spec)) {
            for (int round = 0; round < 5; round++) {
                String id = id("process-race-" + round);
                first.sendClaim(id);
                second.sendClaim(id);
                Optional<Claim> mine;
                try {
                    mine = Optional.of(manager.claim(id));
                } catch (ClaimedElsewhereException e) {
                    mine = Optional.empty();
                }
                mine.ifPresent(this::track);
                boolean firstWon = first.claimOutcome();
                boolean secondWon = second.claimOutcome();
                int winners = (firstWon ? 1 : 0) + (secondWon ? 1 : 0) + (mine.isPresent() ? 1 : 0);
                assertThat(winners).as("round %d: first %s, second %s, this process %s", round, firstWon, secondWon,
                        mine.isPresent()).isEqualTo(1);
                assertThat(manager.isClaimed(id)).isTrue();
                if (firstWon) {
                    first.release(id);
                } else if (secondWon) {
                    second.release(id);
                } else {
                    mine.get().close();
                }
                assertThat(manager.isClaimed(id)).isFalse();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

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

    private Claim track(Claim claim) {
        claims.add(claim);
        return claim;
    }

    private ChildManagerSpec crossProcess() {
        Optional<ChildManagerSpec> spec = childManager();
        assumeTrue(spec.isPresent(), "this manager only sees its own process");
        return spec.get();
    }

    /**
     * Claims {@code id} once its dead holder's claim has gone, polling within {@link #RELEASE_BOUND}: the
     * operating system frees a file lock as the process dies, but a database server frees a session only once it
     * notices the dropped connection.
     */
    private static Claim awaitClaim(ClaimManager manager, String id) {
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
