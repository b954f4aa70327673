package dev.hexsync.ports.signal;

/**
 * Carries "a write was committed" between the processes that share one database file, so that each can
 * re-run its watches and upload what the others queued. It carries no payload: a listener learns only that
 * something changed, and treats it as "any table changed".
 *
 * <p>A process {@link #announce() announces} after each of its commits and hears the announcements of the
 * others through {@link #subscribe}; it does not hear its own. Several announcements may reach a listener as
 * one call. Implementations are thread-safe.
 */
public interface ChangeSignal extends AutoCloseable {

    /** A signal that carries nothing: for in-memory databases, or with cross-process changes switched off. */
    ChangeSignal NONE = new ChangeSignal() {
        @Override
        public void announce() {
        }

        @Override
        public Registration subscribe(Runnable listener) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    };

    /**
     * Tells the other processes that this one committed a write. Called on the committing thread after every
     * commit, so it must be cheap; it never throws (a signal that cannot be sent is logged, not fatal to the
     * write that was already committed).
     */
    void announce();

    /**
     * Calls {@code listener} (on a thread of the signal's own) after other processes announced, until the
     * registration is closed. The listener must return quickly and must not throw.
     */
    Registration subscribe(Runnable listener);

    /** Stops delivering and frees what the signal holds. Idempotent. */
    @Override
    void close();

    /** Undoes a subscription. Idempotent. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
