package dev.hexsync.domain.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.claims.Claim;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.claims.ClaimedElsewhereException;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Leader election on virtual time, over a claim manager that two "processes" share. */
class SyncLeadershipTest {
    private static final Duration RETRY = Duration.ofMillis(100);

    /** Claims in a set: what one OS file lock directory is to several processes. */
    private static final class SharedClaims implements ClaimManager {
        final Set<String> held = new HashSet<>();

        @Override
        public synchronized Claim claim(String resourceId) {
            if (!held.add(resourceId)) {
                throw new ClaimedElsewhereException(resourceId, "the test");
            }
            return new Claim() {
                private boolean open = true;

                @Override
                public String resourceId() {
                    return resourceId;
                }

                @Override
                public boolean isHeld() {
                    return open;
                }

                @Override
                public void close() {
                    synchronized (SharedClaims.this) {
                        if (open) {
                            open = false;
                            held.remove(resourceId);
                        }
                    }
                }
            };
        }

        @Override
        public synchronized boolean isClaimed(String resourceId) {
            return held.contains(resourceId);
        }
    }

    @Test
    void theFirstLeadsTheSecondFollowsUntilTheFirstGivesUp() {
        SharedClaims claims = new SharedClaims();
        VirtualScheduler time = new VirtualScheduler();
        SyncLeadership leadership = new SyncLeadership(claims, "leader", time, RETRY);
        List<String> events = new ArrayList<>();

        SyncLeadership.Candidacy first = leadership.stand(() -> events.add("first elected"), () -> events.add("first follows"));
        SyncLeadership.Candidacy second = leadership.stand(() -> events.add("second elected"), () -> events.add("second follows"));
        assertThat(events).containsExactly("first elected", "second follows");
        assertThat(first.isLeader()).isTrue();
        assertThat(second.isLeader()).isFalse();
        assertThat(leadership.isLed()).isTrue();

        time.advance(RETRY.multipliedBy(5));
        assertThat(events).as("following is reported once").hasSize(2);

        first.close();
        time.advance(RETRY);
        assertThat(events).containsExactly("first elected", "second follows", "second elected");
        assertThat(second.isLeader()).isTrue();

        second.close();
        assertThat(leadership.isLed()).isFalse();
        assertThat(time.pending()).isZero();
    }

    @Test
    void aClosedFollowerStopsAsking() {
        SharedClaims claims = new SharedClaims();
        VirtualScheduler time = new VirtualScheduler();
        SyncLeadership leadership = new SyncLeadership(claims, "leader", time, RETRY);
        List<String> events = new ArrayList<>();
        SyncLeadership.Candidacy leader = leadership.stand(() -> events.add("leader"), () -> { });
        SyncLeadership.Candidacy follower = leadership.stand(() -> events.add("follower elected"), () -> { });
        follower.close();
        leader.close();
        time.advance(RETRY.multipliedBy(10));
        assertThat(events).containsExactly("leader");
        assertThat(claims.held).isEmpty();
    }
}
