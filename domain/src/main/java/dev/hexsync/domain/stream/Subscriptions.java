package dev.hexsync.domain.stream;

import dev.hexsync.domain.checkpoint.TrackedCheckpoint;
import dev.hexsync.ports.model.BucketChecksum;
import dev.hexsync.ports.model.BucketSubscriptionReason;
import dev.hexsync.ports.model.StreamDescription;
import dev.hexsync.ports.storage.sync.StreamSubscriptionStore;
import dev.hexsync.ports.storage.sync.StreamSubscriptionStore.StreamSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Local stream subscriptions and their reconciliation with the streams a checkpoint describes.
 */
public final class Subscriptions {
    /** The TTL of an explicit subscription that does not give one: a day. */
    public static final long DEFAULT_TTL_SECONDS = 24 * 60 * 60;

    private Subscriptions() {
    }

    /** The status entries of the local subscriptions, as they are before any checkpoint. */
    public static List<ActiveStream> offline(StreamSubscriptionStore store) {
        List<ActiveStream> streams = new ArrayList<>();
        for (StreamSubscription row : store.subscriptions()) {
            streams.add(fromLocal(row));
        }
        return streams;
    }

    /** Drops expired and unused subscriptions, then collects the explicit ones into a request. */
    public static SubscriptionRequest request(StreamSubscriptionStore store, boolean includeDefaults, long nowMicros) {
        store.deleteOutdatedSubscriptions(nowMicros);
        List<SubscriptionRequest.Requested> requested = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (StreamSubscription row : store.explicitSubscriptions()) {
            requested.add(new SubscriptionRequest.Requested(row.streamName(), row.params(), row.localPriority()));
            ids.add(row.id());
        }
        return new SubscriptionRequest(includeDefaults, requested, ids);
    }

    /** Extends the expiry of the explicit subscriptions among {@code active}. */
    public static void extend(StreamSubscriptionStore store, List<StreamKey> active, long nowMicros) {
        if (active.isEmpty()) {
            return;
        }
        store.extendSubscriptions(active.stream()
                .map(key -> Map.entry(key.name(), key.serializedParams())).toList(), nowMicros);
    }

    /**
     * Reconciles local subscriptions with a checkpoint's streams: a local row is active when the checkpoint
     * has its stream (any parameters), with the stream's default flag; a default stream without a local row
     * gets one; rows neither explicit nor in the checkpoint are deleted. Buckets are associated with the
     * subscription that brought them. Errors the service reports for subscriptions become warnings.
     *
     * @param warnings receives the warning lines, in the engine's wording
     * @return the status entries, ordered by local id
     */
    public static List<ActiveStream> resolve(StreamSubscriptionStore store, TrackedCheckpoint checkpoint, List<String> warnings) {
        final class Tracked {
            StreamSubscription local;
            boolean active;
            boolean isDefault;
            int serverIndex = -1;

            Tracked(StreamSubscription local) {
                this.local = local;
            }
        }
        List<Tracked> tracked = new ArrayList<>();
        for (StreamSubscription row : store.subscriptions()) {
            tracked.add(new Tracked(row));
        }
        List<StreamDescription> streams = checkpoint.streams();
        List<Long> requestedIds = checkpoint.requested().localIds();
        for (int serverIndex = 0; serverIndex < streams.size(); serverIndex++) {
            StreamDescription stream = streams.get(serverIndex);
            boolean hasLocal = false;
            for (Tracked t : tracked) {
                if (t.local.streamName().equals(stream.name())) {
                    t.serverIndex = serverIndex;
                    t.active = true;
                    t.isDefault = stream.isDefault();
                    hasLocal = true;
                }
            }
            for (StreamDescription.StreamSubscriptionError error : stream.errors()) {
                if (error.isDefault()) {
                    warnings.add("Default subscription " + stream.name() + " has errors: " + error.message());
                    continue;
                }
                int index = error.subscription();
                if (index < 0 || index >= requestedIds.size()) {
                    continue;
                }
                long localId = requestedIds.get(index);
                for (Tracked t : tracked) {
                    if (t.local.id() == localId) {
                        warnings.add("Subscription to stream " + t.local.streamName() + " "
                                + (t.local.params() != null ? "(with parameters " + t.local.params() + ")" : "(without parameters)")
                                + " could not be resolved: " + error.message());
                    }
                }
            }
            if (!hasLocal && stream.isDefault()) {
                Tracked created = new Tracked(store.createDefaultSubscription(stream.name()));
                created.active = true;
                created.isDefault = true;
                created.serverIndex = serverIndex;
                tracked.add(created);
            }
        }
        List<Tracked> kept = new ArrayList<>();
        for (Tracked t : tracked) {
            boolean explicit = t.local.hasExplicitSubscription();
            StreamSubscription updated = new StreamSubscription(t.local.id(), t.local.streamName(),
                    t.active, t.isDefault, t.local.localPriority(), t.local.params(), t.local.ttl(), t.local.expiresAt(),
                    t.local.lastSyncedAt());
            if (!explicit && t.serverIndex < 0) {
                store.deleteSubscription(t.local.id());
            } else {
                store.updateSubscription(updated);
                t.local = updated;
                kept.add(t);
            }
        }
        List<ActiveStream> resolved = new ArrayList<>();
        TreeMap<Integer, Integer> defaultStreamToResolved = new TreeMap<>();
        for (int i = 0; i < kept.size(); i++) {
            Tracked t = kept.get(i);
            resolved.add(fromLocal(t.local));
            if (t.serverIndex >= 0 && streams.get(t.serverIndex).isDefault() && !t.local.hasExplicitSubscription()) {
                defaultStreamToResolved.putIfAbsent(t.serverIndex, i);
            }
        }
        for (BucketChecksum bucket : checkpoint.buckets().values()) {
            for (BucketSubscriptionReason reason : bucket.subscriptions()) {
                Integer index = null;
                if (reason instanceof BucketSubscriptionReason.DefaultStream d) {
                    index = defaultStreamToResolved.get(d.index());
                } else if (reason instanceof BucketSubscriptionReason.ExplicitSubscription s
                        && s.index() >= 0 && s.index() < requestedIds.size()) {
                    long id = requestedIds.get(s.index());
                    for (int i = 0; i < kept.size(); i++) {
                        if (kept.get(i).local.id() == id) {
                            index = i;
                            break;
                        }
                    }
                }
                if (index != null) {
                    resolved.get(index).associate(bucket.bucket(), bucket.priority());
                }
            }
        }
        return resolved;
    }

    static ActiveStream fromLocal(StreamSubscription row) {
        return new ActiveStream(row.id(), row.streamName(), row.params(), row.active(), row.isDefault(),
                row.hasExplicitSubscription(), row.expiresAt(), row.lastSyncedAt());
    }
}
