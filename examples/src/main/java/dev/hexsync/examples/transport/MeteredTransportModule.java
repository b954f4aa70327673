package dev.hexsync.examples.transport;

import com.google.inject.AbstractModule;
import dev.hexsync.adapters.http.HttpSyncTransport;
import dev.hexsync.ports.transport.SyncTransport;

/**
 * Binds {@link SyncTransport} to a {@link MeteredTransport} over the library's HTTP transport. Passed to
 * {@code HexSync.builder().override(...)}, it replaces the default binding and nothing else.
 */
public final class MeteredTransportModule extends AbstractModule {
    private final MeteredTransport transport = new MeteredTransport(HttpSyncTransport.create());

    @Override
    protected void configure() {
        bind(SyncTransport.class).toInstance(transport);
    }

    /** @return the transport this module binds, to read its counts */
    public MeteredTransport transport() {
        return transport;
    }
}
