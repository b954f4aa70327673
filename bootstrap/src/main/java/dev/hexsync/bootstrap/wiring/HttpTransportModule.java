package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hexsync.adapters.http.HttpSyncTransport;
import dev.hexsync.adapters.http.codec.SyncLineCodec;
import dev.hexsync.ports.sync.SyncLineDecoder;
import dev.hexsync.ports.transport.SyncTransport;

/**
 * Binds the transport ports to the HTTP adapter: Apache HttpClient 5 for the service's endpoints, its
 * JSON/BSON codec for sync lines. Replace {@link SyncTransport} (with {@code HexSync.builder().override(...)})
 * to plug in another transport.
 */
public final class HttpTransportModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SyncLineDecoder.class).to(SyncLineCodec.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    SyncTransport transport() {
        return HttpSyncTransport.create();
    }
}
