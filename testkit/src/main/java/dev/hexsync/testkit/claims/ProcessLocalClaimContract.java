package dev.hexsync.testkit.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hexsync.ports.claims.AlreadyClaimedException;
import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.claims.ClaimedInThisProcessException;
import dev.hexsync.ports.claims.InvalidResourceIdException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The process-local half of the {@link ClaimManager} contract: seeing, refusing and releasing claims, invalid ids,
 * frozen and racing threads, probes. Claim managers extend {@link ClaimManagerContractTest}, which adds the
 * cross-process half.
 */
public abstract class ProcessLocalClaimContract extends ClaimManagerContract {

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

}
