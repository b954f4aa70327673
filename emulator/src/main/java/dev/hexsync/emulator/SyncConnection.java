package dev.hexsync.emulator;

import java.time.Duration;

/**
 * One open {@code /sync/stream} response, with switches to end it or break it from a test. A stream notices
 * a client that went away only at its next write (a line or a keepalive), so a short
 * {@link SyncServiceEmulator.Builder#keepaliveInterval keepalive interval} reaps gone clients sooner.
 */
public final class SyncConnection {

    private final EmulatorCore core;
    private final String userId;
    private final String clientId;
    private final String requestBody;
    // Guarded by the core's lock; the stream thread reads them between lines.
    private boolean dropRequested;
    private boolean endRequested;
    private long stallUntilNanos;
    private boolean stalled;

    SyncConnection(EmulatorCore core, String userId, String clientId, String requestBody) {
        this.core = core;
        this.userId = userId;
        this.clientId = clientId;
        this.requestBody = requestBody;
    }

    /** The token's {@code sub}. */
    public String userId() {
        return userId;
    }

    /** The request's {@code client_id}, or null. */
    public String clientId() {
        return clientId;
    }

    /** The request body as the client sent it. */
    public String requestBody() {
        return requestBody;
    }

    /** True until the response has ended, normally or not. */
    public boolean isOpen() {
        return core.connections().contains(this);
    }

    /**
     * Breaks the connection: half a line goes out, then the socket closes without ending the chunked body,
     * so the client sees an I/O error, as when the service is killed or a proxy cuts the stream.
     */
    public void drop() {
        core.locked(() -> {
            dropRequested = true;
        });
        core.wake();
    }

    /** Ends the response normally, as the service does when a new sync config is activated. */
    public void end() {
        core.locked(() -> {
            endRequested = true;
        });
        core.wake();
    }

    /**
     * Sends nothing at all, not even keepalives, for the duration, then resumes with whatever is due. Tests a
     * client's read timeout.
     */
    public void stall(Duration duration) {
        core.locked(() -> {
            stallUntilNanos = System.nanoTime() + duration.toNanos();
            stalled = true;
        });
        core.wake();
    }

    /** What the stream thread should do now. Caller holds the core's lock. */
    enum Control { NONE, DROP, END }

    Control control() {
        if (dropRequested || core.isClosed()) {
            return Control.DROP;
        }
        return endRequested ? Control.END : Control.NONE;
    }

    /** Nanoseconds the stream must still stay silent, or 0. Caller holds the core's lock. */
    long stallLeftNanos() {
        if (!stalled) {
            return 0;
        }
        long left = stallUntilNanos - System.nanoTime();
        if (left <= 0) {
            stalled = false;
            return 0;
        }
        return left;
    }

    @Override
    public String toString() {
        return "SyncConnection[user=" + userId + ", client=" + clientId + "]";
    }
}
