package dev.hexsync.domain.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hexsync.ports.api.SubscribeOptions;
import dev.hexsync.ports.api.SyncStream;
import dev.hexsync.ports.api.SyncStreamSubscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Handles counted per stream and parameters; the active set changes only at the first and last handle. */
class StreamRegistryTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<List<StreamKey>> activeChanges = new CopyOnWriteArrayList<>();
    private final StreamRegistry registry = new StreamRegistry(new StreamRegistry.Backend() {
        @Override
        public void subscribe(StreamKey key, Integer priority, long ttlSeconds) {
            calls.add("subscribe " + key.name() + " " + key.serializedParams() + " " + priority + " " + ttlSeconds);
        }

        @Override
        public void unsubscribe(StreamKey key) {
            calls.add("unsubscribe " + key.name() + " " + key.serializedParams());
        }

        @Override
        public void activeStreamsChanged(List<StreamKey> active) {
            activeChanges.add(active);
        }

        @Override
        public CompletableFuture<Void> firstSync(StreamKey key) {
            return CompletableFuture.completedFuture(null);
        }
    });

    @Test
    void parametersAreCanonicalJson() {
        SyncStream a = registry.stream("lists", Map.of("b", 1, "a", Map.of("y", List.of(1, 2), "x", "s")));
        assertThat(a.parameters()).isEqualTo("{\"a\":{\"x\":\"s\",\"y\":[1,2]},\"b\":1}");
        assertThat(registry.stream("lists", Map.of()).parameters()).isNull();
    }

    @Test
    void handlesAreCountedPerStreamAndParameters() {
        SyncStream stream = registry.stream("lists", Map.of("owner", "u1"));
        SyncStreamSubscription first = stream.subscribe(SubscribeOptions.DEFAULT.withPriority(1));
        SyncStreamSubscription second = stream.subscribe(SubscribeOptions.DEFAULT.withTtl(Duration.ofMinutes(5)));
        SyncStreamSubscription other = registry.stream("lists", Map.of("owner", "u2")).subscribe();

        assertThat(calls).containsExactly(
                "subscribe lists {\"owner\":\"u1\"} 1 86400",
                "subscribe lists {\"owner\":\"u1\"} null 300",
                "subscribe lists {\"owner\":\"u2\"} null 86400");
        assertThat(activeChanges).hasSize(2);
        assertThat(registry.active()).extracting(StreamKey::params).containsExactly("{\"owner\":\"u1\"}", "{\"owner\":\"u2\"}");

        first.unsubscribe();
        assertThat(activeChanges).as("a handle is still open").hasSize(2);
        second.close();
        second.close();
        assertThat(activeChanges).hasSize(3);
        assertThat(registry.active()).extracting(StreamKey::params).containsExactly("{\"owner\":\"u2\"}");
        other.unsubscribe();
        assertThat(registry.active()).isEmpty();
    }

    @Test
    void unsubscribeAllEndsEveryHandleAtOnce() {
        SyncStream stream = registry.stream("lists", Map.of());
        SyncStreamSubscription first = stream.subscribe();
        stream.subscribe();
        stream.unsubscribeAll();
        assertThat(calls).contains("unsubscribe lists null");
        assertThat(registry.active()).isEmpty();
        first.unsubscribe();
        assertThat(registry.active()).isEmpty();
    }

    @Test
    void aLeakedHandleIsReleasedWhenCollected() {
        leakOne();
        assertThat(registry.active()).hasSize(1);
        // The cleaner runs after a collection finds the handle unreachable: collect (with some pressure) until then.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> {
            System.gc();
            List<byte[]> pressure = new ArrayList<>();
            pressure.add(new byte[1 << 20]);
            return registry.active().isEmpty();
        });
    }

    private void leakOne() {
        registry.stream("leaky", Map.of()).subscribe();
    }
}
