package dev.hexsync.ports.time;

import java.time.Instant;

/** The current time, injected so that every TTL and timestamp can run on virtual time in tests. */
@FunctionalInterface
public interface Clock {
    Instant now();

    /** The system clock. */
    static Clock system() {
        return Instant::now;
    }
}
