package dev.hexsync.adapters.locks.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.ports.signal.ChangeSignal;
import dev.hexsync.ports.signal.ChangeSignalException;
import dev.hexsync.testkit.claims.ChildJvm;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two signals over one counter file behave like two processes: each hears the other's announcements, never its
 * own, and a burst of announcements between two polls arrives as one call. Polls run on virtual time; the
 * cross-process case announces from a real second JVM.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CounterFileChangeSignalTest {
    private static final Duration POLL = Duration.ofMillis(10);

    @TempDir
    Path dir;

    @Test
    void eachSideHearsTheOtherButNotItself() {
        Path file = dir.resolve("app.db-changes");
        VirtualScheduler timeA = new VirtualScheduler();
        VirtualScheduler timeB = new VirtualScheduler();
        try (CounterFileChangeSignal a = CounterFileChangeSignal.open(file, timeA, POLL);
                CounterFileChangeSignal b = CounterFileChangeSignal.open(file, timeB, POLL)) {
            AtomicInteger heardByA = new AtomicInteger();
            AtomicInteger heardByB = new AtomicInteger();
            a.subscribe(heardByA::incrementAndGet);
            b.subscribe(heardByB::incrementAndGet);

            a.announce();
            a.announce();
            a.announce();
            timeA.advance(POLL);
            timeB.advance(POLL);
            assertThat(heardByA).hasValue(0);
            assertThat(heardByB).hasValue(1);

            b.announce();
            timeA.advance(POLL);
            timeB.advance(POLL);
            assertThat(heardByA).hasValue(1);
            assertThat(heardByB).hasValue(1);

            // Interleaved: A announces after B did, before A's poll: A must still hear B.
            b.announce();
            a.announce();
            timeA.advance(POLL);
            timeB.advance(POLL);
            assertThat(heardByA).hasValue(2);
            assertThat(heardByB).hasValue(2);

            timeA.advance(POLL.multipliedBy(10));
            timeB.advance(POLL.multipliedBy(10));
            assertThat(heardByA).hasValue(2);
            assertThat(heardByB).hasValue(2);
        }
    }

    @Test
    void aClosedRegistrationOrSignalHearsNothingMore() {
        Path file = dir.resolve("app.db-changes");
        VirtualScheduler time = new VirtualScheduler();
        try (CounterFileChangeSignal a = CounterFileChangeSignal.open(file, new VirtualScheduler(), POLL);
                CounterFileChangeSignal b = CounterFileChangeSignal.open(file, time, POLL)) {
            AtomicInteger heard = new AtomicInteger();
            ChangeSignal.Registration registration = b.subscribe(heard::incrementAndGet);
            registration.close();
            a.announce();
            time.advance(POLL.multipliedBy(5));
            assertThat(heard).hasValue(0);
            b.close();
            a.announce();
            time.advance(POLL.multipliedBy(5));
            assertThat(heard).hasValue(0);
            assertThat(time.pending()).isZero();
        }
    }

    @Test
    void anotherProcessesAnnouncementsAreHeard() {
        Path file = dir.resolve("shared.db-changes");
        VirtualScheduler time = new VirtualScheduler();
        try (CounterFileChangeSignal signal = CounterFileChangeSignal.open(file, time, POLL);
                ChildJvm other = ChildJvm.start(AnnouncerMain.class.getName(), List.of(file.toString()), "ready",
                        Duration.ofSeconds(60))) {
            AtomicInteger heard = new AtomicInteger();
            signal.subscribe(heard::incrementAndGet);
            for (int i = 1; i <= 3; i++) {
                other.send("announce");
                other.awaitLine("announced", Duration.ofSeconds(30));
                time.advance(POLL);
                assertThat(heard).hasValue(i);
            }
        }
    }

    @Test
    void aFileThatCannotBeCreatedIsATypedErrorNamingIt() {
        Path file = dir.resolve("missing-dir/app.db-changes");
        assertThatThrownBy(() -> CounterFileChangeSignal.open(file, new VirtualScheduler(), POLL))
                .isInstanceOf(ChangeSignalException.class).hasMessageContaining(file.toString());
    }
}
