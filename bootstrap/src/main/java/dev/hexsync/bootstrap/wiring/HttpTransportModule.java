package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.hexsync.adapters.http.codec.SyncLineCodec;
import dev.hexsync.ports.sync.SyncLineDecoder;

/** Binds the transport ports to the HTTP adapter: sync lines are decoded by its JSON/BSON codec. */
public final class HttpTransportModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SyncLineDecoder.class).to(SyncLineCodec.class).in(Singleton.class);
    }
}
