package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hexsync.ports.storage.sync.StreamSubscriptionStore;
import dev.hexsync.ports.storage.sync.StreamSubscriptionStore.StreamSubscription;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StreamSubscriptionStore}, as a test kit: explicit and default stream subscriptions:
 * subscribing, unsubscribing, expiry, reconciliation writes. Every storage engine extends this class, names
 * itself and where its file databases live, and inherits every test.
 *
 * <pre>{@code
 * class MyStreamSubscriptionStoreContractTest extends StreamSubscriptionStoreContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 *
 * <p>See {@link SyncStorageContract} for how effects are observed.
 */
public abstract class StreamSubscriptionStoreContractTest extends SyncStorageContract {

    @Test
    void subscribeInsertsAnExplicitSubscription() {
        subscriptions(store -> {
            store.subscribe("s", null, null, 60, 1_000_000);
            store.subscribe("s", "{\"a\":1}", 2, 30, 2_000_000);
            return null;
        });

        assertThat(subscriptions(StreamSubscriptionStore::subscriptions))
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("id")
                .containsExactly(
                        new StreamSubscription(0, "s", false, false, null, null, 60L, 61_000_000L, null),
                        new StreamSubscription(0, "s", false, false, 2, "{\"a\":1}", 30L, 32_000_000L, null));
        assertThat(stored().subscriptionParams()).as("absent parameters are keyed by the JSON text null")
                .containsExactly("null", "{\"a\":1}");
        assertThat(subscriptions(StreamSubscriptionStore::subscriptions).get(0).hasExplicitSubscription()).isTrue();
    }

    @Test
    void subscribingAgainReplacesTtlAndOnlyEverLowersThePriorityNumber() {
        String params = "{\"a\":1}";
        subscriptions(store -> {
            store.subscribe("s", params, 2, 30, 0);
            store.subscribe("s", params, null, 40, 1_000_000);
            return null;
        });
        assertThat(only(subscriptions(StreamSubscriptionStore::subscriptions)))
                .usingRecursiveComparison().ignoringFields("id")
                .isEqualTo(new StreamSubscription(0, "s", false, false, 2, params, 40L, 41_000_000L, null));

        subscriptions(store -> {
            store.subscribe("s", params, 1, 40, 0);
            return null;
        });
        assertThat(only(subscriptions(StreamSubscriptionStore::subscriptions)).localPriority()).isEqualTo(1);
        subscriptions(store -> {
            store.subscribe("s", params, 3, 40, 0);
            return null;
        });
        assertThat(only(subscriptions(StreamSubscriptionStore::subscriptions)).localPriority()).isEqualTo(1);

        subscriptions(store -> {
            store.subscribe("t", null, null, 10, 0);
            store.subscribe("t", null, 0, 10, 0);
            return null;
        });
        assertThat(subscriptions(StreamSubscriptionStore::subscriptions).get(1).localPriority())
                .as("min(coalesce(new, old), old) stays NULL when old is NULL").isNull();
    }

    @Test
    void unsubscribeEndsTheExplicitSubscriptionButKeepsTheRow() {
        subscriptions(store -> {
            store.subscribe("s", null, null, 60, 0);
            store.subscribe("s", "{\"a\":1}", null, 60, 0);
            store.unsubscribe("s", null);
            store.unsubscribe("unknown", null);
            return null;
        });

        List<StreamSubscription> all = subscriptions(StreamSubscriptionStore::subscriptions);
        assertThat(all).hasSize(2);
        assertThat(all.get(0).ttl()).isNull();
        assertThat(all.get(0).hasExplicitSubscription()).isFalse();
        assertThat(subscriptions(StreamSubscriptionStore::explicitSubscriptions)).extracting(StreamSubscription::params)
                .containsExactly("{\"a\":1}");
    }

    @Test
    void deleteOutdatedSubscriptionsDropsExpiredAndInactiveImplicitOnes() {
        subscriptions(store -> {
            store.subscribe("expired", null, null, 1, 0);
            store.subscribe("alive", null, null, 100, 0);
            StreamSubscription active = store.createDefaultSubscription("default active");
            StreamSubscription inactive = store.createDefaultSubscription("default inactive");
            store.updateSubscription(new StreamSubscription(inactive.id(), inactive.streamName(), false, true, null,
                    null, null, null, null));
            store.subscribe("unsubscribed", null, null, 100, 0);
            store.unsubscribe("unsubscribed", null);
            store.deleteOutdatedSubscriptions(2_000_000);
            return active;
        });

        assertThat(subscriptions(StreamSubscriptionStore::subscriptions)).extracting(StreamSubscription::streamName)
                .containsExactly("alive", "default active");
    }

    @Test
    void expiryExactlyAtNowIsNotOutdated() {
        subscriptions(store -> {
            store.subscribe("s", null, null, 1, 0);
            store.deleteOutdatedSubscriptions(1_000_000);
            return null;
        });

        assertThat(subscriptions(StreamSubscriptionStore::subscriptions)).hasSize(1);
    }

    @Test
    void extendSubscriptionsMovesTheExpiryOfMatchingExplicitOnes() {
        subscriptions(store -> {
            store.subscribe("s", null, null, 10, 0);
            store.subscribe("s", "{\"a\":1}", null, 20, 0);
            store.subscribe("other", null, null, 30, 0);
            store.createDefaultSubscription("d");
            store.extendSubscriptions(List.of(Map.entry("s", "{\"a\":1}"), new SimpleImmutableEntry<>("s", null),
                    Map.entry("d", "null")), 5_000_000);
            return null;
        });

        assertThat(subscriptions(StreamSubscriptionStore::subscriptions)).extracting(StreamSubscription::streamName,
                StreamSubscription::expiresAt).containsExactly(
                        tuple("s", 15_000_000L), tuple("s", 25_000_000L), tuple("other", 30_000_000L),
                        tuple("d", null));
    }

    @Test
    void createDefaultSubscriptionAddsAnActiveDefaultRow() {
        StreamSubscription created = subscriptions(store -> store.createDefaultSubscription("d"));

        assertThat(created.id()).isPositive();
        assertThat(created).isEqualTo(new StreamSubscription(created.id(), "d", true, true, null, null, null, null,
                null));
        assertThat(created.hasExplicitSubscription()).isFalse();
        assertThat(subscriptions(StreamSubscriptionStore::subscriptions)).containsExactly(created);
        assertThat(subscriptions(StreamSubscriptionStore::explicitSubscriptions)).isEmpty();
    }

    @Test
    void updateSubscriptionWritesStateButNotPriorityOrParameters() {
        StreamSubscription created = store(s -> {
            s.subscriptions().subscribe("s", "{\"a\":1}", 1, 60, 0);
            return s.subscriptions().subscriptions().get(0);
        });

        subscriptions(store -> {
            store.updateSubscription(new StreamSubscription(created.id(), "ignored", true, true, 3, "{\"b\":2}", null,
                    5L, 7L));
            return null;
        });

        assertThat(only(subscriptions(StreamSubscriptionStore::subscriptions))).isEqualTo(
                new StreamSubscription(created.id(), "s", true, true, 1, "{\"a\":1}", null, 5L, 7L));
    }

    @Test
    void markSubscriptionSyncedAndDeleteSubscription() {
        StreamSubscription first = subscriptions(store -> store.createDefaultSubscription("first"));
        StreamSubscription second = subscriptions(store -> store.createDefaultSubscription("second"));

        subscriptions(store -> {
            store.markSubscriptionSynced(first.id(), 99);
            store.deleteSubscription(second.id());
            store.deleteSubscription(12345);
            return null;
        });

        assertThat(subscriptions(StreamSubscriptionStore::subscriptions)).containsExactly(
                new StreamSubscription(first.id(), "first", true, true, null, null, null, null, 99L));
    }

    @Test
    void explicitSubscriptionsAreInStorageOrder() {
        subscriptions(store -> {
            store.createDefaultSubscription("default");
            store.subscribe("b", null, null, 60, 0);
            store.subscribe("a", null, 1, 60, 0);
            return null;
        });

        assertThat(subscriptions(StreamSubscriptionStore::explicitSubscriptions))
                .extracting(StreamSubscription::streamName)
                .containsExactly("b", "a");
    }
}
