package dev.hexsync.bootstrap.interop;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hexsync.adapters.http.HttpSyncTransport;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.StreamLine;
import dev.hexsync.ports.transport.SyncStream;
import dev.hexsync.ports.transport.SyncTransport;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * hexsync's HTTP transport with counters around it, so that a test can say which encoding the service sent
 * (NDJSON lines arrive as text, BSON documents as binary) and which checkpoint routes the upload loop called.
 */
final class RecordingTransport implements SyncTransport, AutoCloseable {
    final AtomicInteger streams = new AtomicInteger();
    final AtomicInteger textLines = new AtomicInteger();
    final AtomicInteger binaryLines = new AtomicInteger();
    final AtomicInteger writeCheckpoints = new AtomicInteger();
    final AtomicInteger checkpointRequests = new AtomicInteger();
    private final HttpSyncTransport delegate;

    private RecordingTransport(HttpSyncTransport delegate) {
        this.delegate = delegate;
    }

    /** The default transport (BSON preferred) or one that asks for NDJSON only, recorded. */
    static RecordingTransport create(boolean acceptBson) {
        return new RecordingTransport(HttpSyncTransport.builder().acceptBson(acceptBson).build());
    }

    /** A module for {@code HexSync.builder().override(...)} binding this transport. */
    Module module() {
        RecordingTransport transport = this;
        return new AbstractModule() {
            @Provides
            @Singleton
            SyncTransport transport() {
                return transport;
            }
        };
    }

    @Override
    public SyncStream openStream(Credentials credentials, String requestBody) {
        SyncStream stream = delegate.openStream(credentials, requestBody);
        streams.incrementAndGet();
        return new SyncStream() {
            @Override
            public StreamLine next() {
                StreamLine line = stream.next();
                if (line instanceof StreamLine.Text) {
                    textLines.incrementAndGet();
                } else if (line instanceof StreamLine.Binary) {
                    binaryLines.incrementAndGet();
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
        String id = delegate.fetchWriteCheckpoint(credentials, clientId);
        writeCheckpoints.incrementAndGet();
        return id;
    }

    @Override
    public String postCheckpointRequest(Credentials credentials, String clientId, String checkpointRequestId) {
        String id = delegate.postCheckpointRequest(credentials, clientId, checkpointRequestId);
        checkpointRequests.incrementAndGet();
        return id;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
