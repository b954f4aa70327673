package dev.hexsync.testkit.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.claims.ClaimedElsewhereException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
public abstract class ClaimManagerContractTest extends ProcessLocalClaimContract {

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

}
