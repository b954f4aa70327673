package dev.hexsync.bootstrap.metrics;

import dev.hexsync.ports.metrics.SyncMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The engine's metrics in a Micrometer registry. Micrometer is an optional dependency of hexsync: this class
 * is loaded only when the builder was given a registry, so applications without Micrometer never need it.
 *
 * <p>Meters: {@code hexsync.ops.applied} and {@code hexsync.bytes.downloaded} (counters),
 * {@code hexsync.checkpoint.apply} (timer), {@code hexsync.upload.queue.size} (gauge, entries) and
 * {@code hexsync.upload.queue.age} (gauge, seconds the queue has waited to drain; 0 when drained),
 * {@code hexsync.upload.failures} and {@code hexsync.reconnects} (counters).
 */
public final class MicrometerSyncMetrics implements SyncMetrics {
    private final MeterRegistry registry;
    private final Counter ops;
    private final Counter bytes;
    private final Timer checkpoint;
    private final Counter uploadFailures;
    private final Counter reconnects;

    public MicrometerSyncMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry is null");
        this.ops = Counter.builder("hexsync.ops.applied").description("Downloaded ops stored").register(registry);
        this.bytes = Counter.builder("hexsync.bytes.downloaded").baseUnit("bytes")
                .description("Sync line bytes received").register(registry);
        this.checkpoint = Timer.builder("hexsync.checkpoint.apply")
                .description("Validating and publishing a checkpoint into the application's tables").register(registry);
        this.uploadFailures = Counter.builder("hexsync.upload.failures")
                .description("Failed uploadData calls of the backend connector").register(registry);
        this.reconnects = Counter.builder("hexsync.reconnects")
                .description("Sync iterations that failed and will be retried").register(registry);
    }

    @Override
    public void opsApplied(long count) {
        ops.increment(count);
    }

    @Override
    public void bytesDownloaded(long count) {
        bytes.increment(count);
    }

    @Override
    public void checkpointApplied(Duration took) {
        checkpoint.record(took);
    }

    @Override
    public void uploadFailed() {
        uploadFailures.increment();
    }

    @Override
    public void reconnecting() {
        reconnects.increment();
    }

    @Override
    public void uploadQueue(LongSupplier size, Supplier<Optional<Duration>> age) {
        // Held strongly: Micrometer holds a gauge's source weakly by default, and nothing else holds these lambdas.
        Gauge.builder("hexsync.upload.queue.size", size, LongSupplier::getAsLong).description("Queued upload entries")
                .strongReference(true).register(registry);
        Gauge.builder("hexsync.upload.queue.age", age, a -> a.get().map(d -> d.toNanos() / 1e9).orElse(0.0))
                .baseUnit("seconds").description("How long queued entries have waited to be uploaded")
                .strongReference(true).register(registry);
    }
}
