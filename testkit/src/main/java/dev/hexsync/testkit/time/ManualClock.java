package dev.hexsync.testkit.time;

import dev.hexsync.ports.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A clock that moves only when told to. Thread-safe. */
public final class ManualClock implements Clock {
    private Instant now;

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start is null");
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }
}
