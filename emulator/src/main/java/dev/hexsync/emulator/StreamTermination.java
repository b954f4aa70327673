package dev.hexsync.emulator;

/**
 * Unwinds a sync stream's thread: either to end the response normally (the service's token expiry or a new
 * sync config) or to abort it, which the HTTP server turns into a closed socket with an unfinished body (the
 * service destroying the stream).
 */
final class StreamTermination extends RuntimeException {

    private final boolean abort;

    private StreamTermination(boolean abort) {
        super(abort ? "sync stream aborted" : "sync stream ended", null, false, false);
        this.abort = abort;
    }

    static StreamTermination end() {
        return new StreamTermination(false);
    }

    static StreamTermination abort() {
        return new StreamTermination(true);
    }

    boolean isAbort() {
        return abort;
    }
}
