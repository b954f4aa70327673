package dev.hexsync.domain.collection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.testkit.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * When a write counts as persisted: its recorded operation applied by a flush of the same trigger generation,
 * or a newer generation's snapshot taken; futures complete on the scheduler, never inside the flush.
 */
class EchoesTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Echoes echoes = new Echoes(scheduler::execute);
    private final List<String> settled = new ArrayList<>();

    @Test
    void aWriteIsPersistedOnceItsOperationIsApplied() {
        echoes.started(1, "dest");
        CompletableFuture<Void> done = echoes.await(new Echoes.Target(1, 5), () -> settled.add("w"));
        echoes.applied(1, 4);
        scheduler.runReady();
        assertThat(done).isNotDone();
        assertThat(settled).isEmpty();

        echoes.applied(1, 5);
        assertThat(settled).containsExactly("w");
        assertThat(done).as("completes on the scheduler").isNotDone();
        scheduler.runReady();
        assertThat(done).isCompleted();
    }

    @Test
    void aWriteThatRecordedNothingNewIsPersistedAtOnce() {
        echoes.started(1, "dest");
        echoes.applied(1, 9);
        CompletableFuture<Void> done = echoes.await(new Echoes.Target(1, 9), () -> settled.add("w"));
        scheduler.runReady();
        assertThat(done).isCompleted();
    }

    @Test
    void aRebuiltTriggersSnapshotPersistsWritesOfTheOldGeneration() {
        echoes.started(1, "dest-1");
        CompletableFuture<Void> waiting = echoes.await(new Echoes.Target(1, 3), () -> settled.add("old"));
        echoes.applied(1, 2);
        echoes.started(2, "dest-2");
        echoes.applied(1, 3); // a late flush of the replaced trigger counts for nothing
        assertThat(settled).isEmpty();
        echoes.settleOlderGenerations();
        scheduler.runReady();
        assertThat(settled).containsExactly("old");
        assertThat(waiting).isCompleted();
        assertThat(echoes.isCurrent(1)).isFalse();
        assertThat(echoes.isCurrent(2)).isTrue();
    }

    @Test
    void closingFailsWhatStillWaitsAndRollsItBack() {
        echoes.started(1, "dest");
        CompletableFuture<Void> waiting = echoes.await(new Echoes.Target(1, 3), () -> settled.add("w"));
        echoes.close();
        assertThat(settled).containsExactly("w");
        assertThat(waiting).isCompletedExceptionally();
    }
}
