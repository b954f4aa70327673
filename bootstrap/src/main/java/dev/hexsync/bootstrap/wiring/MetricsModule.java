package dev.hexsync.bootstrap.wiring;

import com.google.inject.AbstractModule;
import dev.hexsync.ports.metrics.SyncMetrics;
import java.util.Objects;

/**
 * Binds where the engine reports its metrics: {@link SyncMetrics#NONE} unless the builder was given a meter
 * registry ({@code HexSync.builder().meterRegistry(...)}); override the binding for another metrics library.
 */
public final class MetricsModule extends AbstractModule {
    private final SyncMetrics metrics;

    public MetricsModule(SyncMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics is null");
    }

    @Override
    protected void configure() {
        bind(SyncMetrics.class).toInstance(metrics);
    }
}
