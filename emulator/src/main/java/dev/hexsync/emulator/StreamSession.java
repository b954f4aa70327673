package dev.hexsync.emulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One connection's protocol state, after the service's {@code BucketChecksumState}: which buckets the client
 * has up to which op id, the checksums last announced, and the buckets still to download. Builds the next
 * {@code checkpoint} or {@code checkpoint_diff} line, or nothing when no bucket of this connection changed
 * and its write checkpoint did not either. Used by one stream thread only; {@link #next} runs under the
 * emulator's lock.
 */
final class StreamSession {

    /** A line to send and the buckets whose data follows it. */
    record Plan(Map<String, Object> line, long checkpoint, List<Fetch> fetch) {
    }

    /** A bucket to download, with its effective priority. */
    record Fetch(String bucket, int priority) {
    }

    /** A bucket this connection gets, and why: "default" or the index of an explicit subscription. */
    private record Resolved(String bucket, StreamDefinition definition, List<Object> reasons) {
    }

    private final SyncRequest request;
    private final String userId;
    private final String writeCheckpointKey;
    /** Bucket to the op id the client has it up to; starts from the request's {@code after}s. */
    private final Map<String, Long> positions;
    private Map<String, BucketStorage.Totals> lastChecksums;
    private long lastWriteCheckpoint;
    private Map<String, Integer> streamIndex;
    private Set<String> pendingDownloads = new LinkedHashSet<>();

    StreamSession(SyncRequest request, String userId) {
        this.request = request;
        this.userId = userId;
        this.writeCheckpointKey = request.clientId() == null ? userId : userId + "/" + request.clientId();
        this.positions = new LinkedHashMap<>(request.buckets());
    }

    Long position(String bucket) {
        return positions.get(bucket);
    }

    /** Records data sent; a bucket sent to its end is no longer pending. */
    void advance(String bucket, long nextAfter, boolean hasMore) {
        if (positions.containsKey(bucket)) {
            positions.put(bucket, nextAfter);
        }
        if (!hasMore) {
            pendingDownloads.remove(bucket);
        }
    }

    /** The next line at the current checkpoint, or null if nothing changed for this connection. */
    Plan next(EmulatorCore core) {
        BucketStorage storage = core.storage();
        long checkpoint = storage.checkpoint();
        long writeCheckpoint = core.visibleWriteCheckpoint(writeCheckpointKey);
        Map<String, List<Map<String, Object>>> streamErrors = new LinkedHashMap<>();
        List<StreamDefinition> subscribed = new ArrayList<>();
        Map<String, Resolved> resolved = resolve(core.replicator(), subscribed, streamErrors);

        Map<String, BucketStorage.Totals> checksums = new LinkedHashMap<>();
        for (String bucket : resolved.keySet()) {
            checksums.put(bucket, storage.totals(bucket));
        }

        Map<String, Object> line = new LinkedHashMap<>();
        List<String> toFetch = new ArrayList<>();
        if (lastChecksums == null) {
            streamIndex = new HashMap<>();
            List<Map<String, Object>> streams = new ArrayList<>();
            for (StreamDefinition definition : subscribed) {
                streamIndex.put(definition.name(), streams.size());
                Map<String, Object> stream = new LinkedHashMap<>();
                stream.put("name", definition.name());
                stream.put("is_default", definition.isDefault());
                stream.put("errors", streamErrors.getOrDefault(definition.name(), List.of()));
                streams.add(stream);
            }
            List<Map<String, Object>> buckets = new ArrayList<>();
            resolved.values().forEach(bucket -> buckets.add(describe(bucket, checksums.get(bucket.bucket()))));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("last_op_id", Long.toString(checkpoint));
            putWriteCheckpoint(body, writeCheckpoint);
            body.put("buckets", buckets);
            body.put("streams", streams);
            line.put("checkpoint", body);
            toFetch.addAll(resolved.keySet());
        } else {
            List<Map<String, Object>> updated = new ArrayList<>();
            for (Map.Entry<String, BucketStorage.Totals> entry : checksums.entrySet()) {
                if (!entry.getValue().equals(lastChecksums.get(entry.getKey()))) {
                    updated.add(describe(resolved.get(entry.getKey()), entry.getValue()));
                    toFetch.add(entry.getKey());
                }
            }
            List<String> removed = new ArrayList<>();
            for (String bucket : lastChecksums.keySet()) {
                if (!checksums.containsKey(bucket)) {
                    removed.add(bucket);
                }
            }
            if (writeCheckpoint == lastWriteCheckpoint && updated.isEmpty() && removed.isEmpty()) {
                return null;
            }
            for (String bucket : pendingDownloads) {
                if (checksums.containsKey(bucket) && !toFetch.contains(bucket)) {
                    toFetch.add(bucket);
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("last_op_id", Long.toString(checkpoint));
            putWriteCheckpoint(body, writeCheckpoint);
            body.put("removed_buckets", removed);
            body.put("updated_buckets", updated);
            line.put("checkpoint_diff", body);
        }

        // What the service's CheckpointLine.advance() does once the line is sent.
        positions.keySet().retainAll(checksums.keySet());
        for (String bucket : checksums.keySet()) {
            positions.putIfAbsent(bucket, 0L);
        }
        lastChecksums = checksums;
        lastWriteCheckpoint = writeCheckpoint;
        pendingDownloads = new LinkedHashSet<>(toFetch);

        List<Fetch> fetch = new ArrayList<>();
        for (String bucket : toFetch) {
            fetch.add(new Fetch(bucket, priority(resolved.get(bucket))));
        }
        return new Plan(line, checkpoint, fetch);
    }

    /** The service omits {@code write_checkpoint} when there is none. */
    private static void putWriteCheckpoint(Map<String, Object> body, long writeCheckpoint) {
        if (writeCheckpoint != 0) {
            body.put("write_checkpoint", Long.toString(writeCheckpoint));
        }
    }

    private Map<String, Resolved> resolve(Replicator replicator, List<StreamDefinition> subscribed,
            Map<String, List<Map<String, Object>>> errors) {
        Map<String, Resolved> buckets = new LinkedHashMap<>();
        for (StreamDefinition definition : replicator.definitions()) {
            boolean byDefault = definition.isDefault() && request.includeDefaults();
            List<Integer> explicit = new ArrayList<>();
            for (int i = 0; i < request.subscriptions().size(); i++) {
                if (request.subscriptions().get(i).stream().equals(definition.name())) {
                    explicit.add(i);
                }
            }
            if (!byDefault && explicit.isEmpty()) {
                continue;
            }
            subscribed.add(definition);
            if (byDefault) {
                addBuckets(replicator, definition, Map.of(), "default", buckets, errors);
            }
            for (int i : explicit) {
                addBuckets(replicator, definition, request.subscriptions().get(i).parameters(), i, buckets, errors);
            }
        }
        return buckets;
    }

    private void addBuckets(Replicator replicator, StreamDefinition definition,
            Map<String, Object> subscriptionParameters, Object reason, Map<String, Resolved> buckets,
            Map<String, List<Map<String, Object>>> errors) {
        ParameterContext context = new ParameterContext() {
            @Override
            public String userId() {
                return userId;
            }

            @Override
            public Map<String, Object> connectionParameters() {
                return request.parameters();
            }

            @Override
            public Map<String, Object> subscriptionParameters() {
                return subscriptionParameters;
            }

            @Override
            public Collection<Map<String, Object>> rows(String table) {
                return replicator.rows(table);
            }
        };
        Collection<? extends List<?>> tuples;
        try {
            tuples = definition.parameterQuery().bucketParameters(context);
        } catch (RuntimeException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("subscription", reason);
            error.put("message", String.valueOf(e.getMessage()));
            errors.computeIfAbsent(definition.name(), name -> new ArrayList<>()).add(error);
            return;
        }
        for (List<?> tuple : tuples) {
            String bucket = replicator.bucketId(definition, tuple);
            buckets.computeIfAbsent(bucket, b -> new Resolved(b, definition, new ArrayList<>())).reasons().add(reason);
        }
    }

    /** An explicit subscription's {@code override_priority} wins (the smallest, if several); else the definition's. */
    private int priority(Resolved bucket) {
        Integer override = null;
        for (Object reason : bucket.reasons()) {
            if (reason instanceof Integer index) {
                Integer requested = request.subscriptions().get(index).overridePriority();
                if (requested != null) {
                    override = override == null ? requested : Math.min(override, requested);
                }
            }
        }
        return override != null ? override : bucket.definition().priority();
    }

    private Map<String, Object> describe(Resolved bucket, BucketStorage.Totals totals) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("bucket", bucket.bucket());
        // Postgres bucket storage sends bucket checksums signed; op checksums go out unsigned.
        description.put("checksum", totals.checksum());
        description.put("count", totals.count());
        description.put("priority", priority(bucket));
        List<Map<String, Object>> subscriptions = new ArrayList<>();
        for (Object reason : bucket.reasons()) {
            subscriptions.add(reason instanceof Integer index ? Map.of("sub", index)
                    : Map.of("default", streamIndex.get(bucket.definition().name())));
        }
        description.put("subscriptions", subscriptions);
        return description;
    }
}
