package dev.hexsync.ports.transport;

/**
 * An open sync stream. One thread reads it with {@link #next()}; any thread may {@link #close()} it.
 */
public interface SyncStream extends AutoCloseable {

    /**
     * Blocks for the next line.
     *
     * @return the line, or null when the service ended the stream
     * @throws TransportException when the connection failed, or stayed silent past the keepalive window
     */
    StreamLine next();

    /** Closes the stream; a blocked {@link #next()} returns null or throws. Idempotent. */
    @Override
    void close();
}
