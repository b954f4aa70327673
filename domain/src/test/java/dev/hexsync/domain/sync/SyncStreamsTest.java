package dev.hexsync.domain.sync;

import static dev.hexsync.domain.sync.Lines.bucket;
import static dev.hexsync.domain.sync.Lines.checkpoint;
import static dev.hexsync.domain.sync.Lines.complete;
import static dev.hexsync.domain.sync.Lines.data;
import static dev.hexsync.domain.sync.Lines.defaultStream;
import static dev.hexsync.domain.sync.Lines.error;
import static dev.hexsync.domain.sync.Lines.partial;
import static dev.hexsync.domain.sync.Lines.put;
import static dev.hexsync.domain.sync.Lines.stream;
import static dev.hexsync.domain.sync.Lines.sub;
import static dev.hexsync.domain.sync.SyncHarness.START_MICROS;
import static dev.hexsync.domain.sync.SyncHarness.array;
import static dev.hexsync.domain.sync.SyncHarness.close;
import static dev.hexsync.domain.sync.SyncHarness.json;
import static dev.hexsync.domain.sync.SyncHarness.log;
import static dev.hexsync.domain.sync.SyncHarness.statusJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.domain.stream.ActiveStream;
import dev.hexsync.ports.storage.sync.StreamSubscriptionStore.StreamSubscription;
import dev.hexsync.ports.sync.EngineControl;
import dev.hexsync.ports.sync.EngineControlException;
import dev.hexsync.testkit.storage.InMemorySyncStorage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sync streams through the engine: local subscriptions (made with the {@code subscriptions} control
 * operation, as SDKs do), the request's {@code streams} section, reconciliation with a checkpoint's streams,
 * bucket association, errors and expiry.
 */
class SyncStreamsTest {
    private static final long TTL_60_MICROS = 60_000_000L;

    private final SyncHarness h = new SyncHarness();
    private final InMemorySyncStorage store = h.store.declareTable("items");

    private void subscribe(String json) {
        assertThat(h.control.control("subscriptions", json)).isEqualTo(new EngineControl.Result.Value(null));
    }

    /** A stream entry of the status, in the engine's key order. */
    private static String streamJson(String name, String params, Integer priority, boolean active, boolean isDefault,
            boolean explicit, Long expiresAt, Long lastSyncedAt, long total, long downloaded) {
        return "{\"name\":\"" + name + "\",\"parameters\":" + params + ",\"priority\":" + priority + ",\"active\":"
                + active + ",\"is_default\":" + isDefault + ",\"has_explicit_subscription\":" + explicit
                + ",\"expires_at\":" + expiresAt + ",\"last_synced_at\":" + lastSyncedAt + ",\"progress\":{\"total\":"
                + total + ",\"downloaded\":" + downloaded + "}}";
    }

    private static String streamsOf(Instruction status) {
        String text = statusJson(status);
        return text.substring(text.indexOf("\"streams\":") + "\"streams\":".length(), text.length() - 1);
    }

    private static Instruction last(List<Instruction> out) {
        return out.get(out.size() - 1);
    }

    @Test
    void aDefaultStreamGetsALocalRowWithItsBuckets() {
        h.start();
        List<Instruction> out = h.line(checkpoint(1, null, List.of(bucket("a", 1, 1, defaultStream(0)),
                bucket("other", 0, 3)), List.of(stream("todos", true))));

        assertThat(streamsOf(last(out)))
                .isEqualTo("[" + streamJson("todos", "null", 1, true, true, false, null, null, 0, 0) + "]");
        assertThat(((Instruction.UpdateSyncStatus) last(out)).status().streams()).singleElement()
                .extracting(ActiveStream::buckets).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
                .containsExactly("a");
        assertThat(store.storage().subscriptions().subscriptions())
                .containsExactly(new StreamSubscription(1, "todos", true, true, null, null, null, null, null));

        assertThat(streamsOf(last(h.line(data("a", put(1, "items", "1", "{}", 1))))))
                .isEqualTo("[" + streamJson("todos", "null", 1, true, true, false, null, null, 0, 1) + "]");
        assertThat(streamsOf(last(h.line(complete(1)))))
                .isEqualTo("[" + streamJson("todos", "null", 1, true, true, false, null, START_MICROS, 0, 0) + "]");
        assertThat(store.storage().subscriptions().subscriptions()).singleElement()
                .extracting(StreamSubscription::lastSyncedAt).isEqualTo(START_MICROS);

        // Offline, the row is reported as stored: no priority, no progress.
        assertThat(streamsOf(h.start().get(0)))
                .isEqualTo("[" + streamJson("todos", "null", null, true, true, false, null, START_MICROS, 0, 0) + "]");
        // A checkpoint without the stream drops a row nobody subscribed to explicitly.
        assertThat(streamsOf(last(h.line(checkpoint(2, bucket("other", 0, 3)))))).isEqualTo("[]");
        assertThat(store.storage().subscriptions().subscriptions()).isEmpty();
    }

    @Test
    void anExplicitSubscriptionIsRequestedAndItsBucketsAssociatedThroughTheSubIndex() {
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"lists\",\"params\":{\"list\":1}},\"ttl\":60,\"priority\":1}}");
        long expiresAt = START_MICROS + TTL_60_MICROS;
        assertThat(store.storage().subscriptions().subscriptions()).containsExactly(
                new StreamSubscription(1, "lists", false, false, 1, "{\"list\":1}", 60L, expiresAt, null));

        List<Instruction> start = h.start();
        assertThat(streamsOf(start.get(0)))
                .isEqualTo("[" + streamJson("lists", "{\"list\":1}", null, false, false, true, expiresAt, null, 0, 0) + "]");
        assertThat(json(start)).contains("\"streams\":{\"include_defaults\":true,\"subscriptions\":"
                + "[{\"stream\":\"lists\",\"parameters\":{\"list\":1},\"override_priority\":1}]}");

        List<Instruction> out = h.line(checkpoint(2, null,
                List.of(bucket("b1", 1, 2, sub(0)), bucket("b2", 2, 3)), List.of(stream("lists", false))));
        assertThat(streamsOf(last(out)))
                .isEqualTo("[" + streamJson("lists", "{\"list\":1}", 2, true, false, true, expiresAt, null, 0, 0) + "]");
        assertThat(store.storage().subscriptions().subscriptions()).singleElement().extracting(StreamSubscription::active).isEqualTo(true);

        h.line(data("b1", put(1, "items", "1", "{}", 1)));
        h.line(data("b2", put(2, "items", "2", "{}", 2)));
        assertThat(streamsOf(last(h.line(partial(2, 2))))).as("a partial sync covering the stream's priority")
                .isEqualTo("[" + streamJson("lists", "{\"list\":1}", 2, true, false, true, expiresAt, START_MICROS, 0, 1)
                        + "]");
        assertThat(store.rows("items")).containsOnlyKeys("1");
    }

    @Test
    void aStreamWithBothADefaultAndAnExplicitSubscriptionTakesOnlyTheExplicitBuckets() {
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"todos\"}}}");
        h.start();

        List<Instruction> out = h.line(checkpoint(1, null,
                List.of(bucket("by_default", 0, 0, defaultStream(0)), bucket("by_sub", 0, 2, sub(0))),
                List.of(stream("todos", true))));

        long expiresAt = START_MICROS + 86_400_000_000L;
        assertThat(streamsOf(last(out)))
                .isEqualTo("[" + streamJson("todos", "null", 2, true, true, true, expiresAt, null, 0, 0) + "]");
        assertThat(store.storage().subscriptions().subscriptions()).hasSize(1);
    }

    @Test
    void streamErrorsBecomeWarningsInTheEnginesWording() {
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"lists\",\"params\":{\"list\":1}}}}");
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"plain\"}}}");
        h.start();

        List<Instruction> out = h.line(checkpoint(1, null, List.of(), List.of(
                stream("lists", false, error(0, "no such list"), error(5, "not ours")),
                stream("plain", false, error(1, "denied")),
                stream("global", true, error(null, "broken")))));

        assertThat(out).hasSize(4);
        assertThat(json(out.subList(0, 3))).isEqualTo(array(
                log("WARNING", "Subscription to stream lists (with parameters {\"list\":1}) could not be resolved: "
                        + "no such list"),
                log("WARNING", "Subscription to stream plain (without parameters) could not be resolved: denied"),
                log("WARNING", "Default subscription global has errors: broken")));
        assertThat(out.get(3)).isInstanceOf(Instruction.UpdateSyncStatus.class);
        assertThat(store.storage().subscriptions().subscriptions()).extracting(StreamSubscription::id, StreamSubscription::streamName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "lists"),
                        org.assertj.core.groups.Tuple.tuple(2L, "plain"),
                        org.assertj.core.groups.Tuple.tuple(3L, "global"));
    }

    @Test
    void resubscribingLowersThePriorityButNeverSetsOneThatWasAbsent() {
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"a\"}}}");
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"a\"},\"priority\":1}}");
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"b\"},\"priority\":2}}");
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"b\"},\"priority\":3}}");
        assertThat(priorities()).containsExactly(null, 2);

        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"b\"},\"priority\":1}}");
        assertThat(priorities()).containsExactly(null, 1);
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"b\"}}}");
        assertThat(priorities()).containsExactly(null, 1);

        h.advance(Duration.ofSeconds(10));
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"b\"},\"ttl\":5}}");
        assertThat(store.storage().subscriptions().subscriptions().get(1)).extracting(StreamSubscription::ttl, StreamSubscription::expiresAt)
                .containsExactly(5L, h.nowMicros() + 5_000_000L);
        assertThat(store.storage().subscriptions().subscriptions().get(0)).extracting(StreamSubscription::ttl).isEqualTo(86_400L);
    }

    private List<Integer> priorities() {
        return store.storage().subscriptions().subscriptions().stream().map(StreamSubscription::localPriority).toList();
    }

    @Test
    void anUnsubscribedRowIsDroppedAtTheNextRequestAndItsIdReused() {
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"x\"}}}");
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"y\"}}}");
        subscribe("{\"unsubscribe\":{\"name\":\"y\"}}");
        assertThat(store.storage().subscriptions().subscriptions().get(1).hasExplicitSubscription()).isFalse();

        assertThat(json(h.start())).contains("\"subscriptions\":[{\"stream\":\"x\",\"parameters\":null,"
                + "\"override_priority\":null}]");
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"z\"}}}");
        assertThat(store.storage().subscriptions().subscriptions()).extracting(StreamSubscription::id, StreamSubscription::streamName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "x"),
                        org.assertj.core.groups.Tuple.tuple(2L, "z"));
    }

    @Test
    void updatedSubscriptionsRestartOnlyWhenTheRequestChanges() {
        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"lists\",\"params\":{\"list\":1}},\"ttl\":60}}");
        h.controlJson("start", "{\"active_streams\":[{\"name\":\"lists\",\"params\":{\"list\":1}}]}");

        h.advance(Duration.ofSeconds(30));
        assertThat(h.controlJson("update_subscriptions", "[{\"name\":\"lists\",\"params\":{\"list\":1}}]"))
                .isEqualTo("[]");
        assertThat(store.storage().subscriptions().subscriptions().get(0).expiresAt()).isEqualTo(h.nowMicros() + TTL_60_MICROS);

        subscribe("{\"subscribe\":{\"stream\":{\"name\":\"more\"}}}");
        assertThat(h.controlJson("update_subscriptions", "[{\"name\":\"lists\",\"params\":{\"list\":1}}]"))
                .isEqualTo(array(close(true)));
        assertThat(h.client.isRunning()).isFalse();
        assertThatThrownBy(() -> h.controlJson("update_subscriptions", "[]"))
                .isInstanceOfSatisfying(EngineControlException.class, e -> assertThat(e.code()).isEqualTo(21));
    }
}
