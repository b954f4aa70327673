package dev.hexsync.examples.transport;

import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.StreamLine;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.SyncTransport;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SyncTransport} that counts streams opened, lines received and write checkpoints fetched, then lets
 * another transport do the work. The same shape serves auditing, a proxy, or a transport of your own (a message
 * bus, an in-process service): implement the three calls and the stream.
 */
public final class MeteredTransport implements SyncTransport {
    private final SyncTransport delegate;
    private final AtomicLong streams = new AtomicLong();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong writeCheckpoints = new AtomicLong();

    /** @param delegate the transport that talks to the service */
    public MeteredTransport(SyncTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public SyncStream openStream(Credentials credentials, String requestBody) {
        SyncStream stream = delegate.openStream(credentials, requestBody);
        streams.incrementAndGet();
        return new SyncStream() {
            @Override
            public StreamLine next() {
                StreamLine line = stream.next();
                if (line != null) {
                    lines.incrementAndGet();
                }
                return line;
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    @Override
    public String fetchWriteCheckpoint(Credentials credentials, String clientId) {
        writeCheckpoints.incrementAndGet();
        return delegate.fetchWriteCheckpoint(credentials, clientId);
    }

    @Override
    public String postCheckpointRequest(Credentials credentials, String clientId, String checkpointRequestId) {
        return delegate.postCheckpointRequest(credentials, clientId, checkpointRequestId);
    }

    /** @return sync streams opened so far */
    public long streams() {
        return streams.get();
    }

    /** @return sync lines received so far, over every stream */
    public long lines() {
        return lines.get();
    }

    /** @return write checkpoints fetched so far (one after each upload that changed something) */
    public long writeCheckpoints() {
        return writeCheckpoints.get();
    }
}
