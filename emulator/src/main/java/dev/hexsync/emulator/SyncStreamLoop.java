package dev.hexsync.emulator;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.util.RawValue;

/**
 * The body of one {@code /sync/stream} response, after the service's {@code sync.ts} and {@code tokenStream}:
 * a checkpoint line whenever something changed for the connection, then its data by priority (highest first)
 * with {@code partial_checkpoint_complete} after each priority group but the last and
 * {@code checkpoint_complete} after the last, and {@code token_expires_in} lines as keepalive and expiry
 * warning until the token runs out. Runs on the response's own thread; waits on the emulator's lock
 * condition, never spins.
 */
final class SyncStreamLoop {

    /** After this many ops of one checkpoint, a newer checkpoint interrupts the download (sync.ts). */
    private static final int INTERRUPT_AFTER_OPS = 1000;
    private static final long EXPIRY_WARNING_MILLIS = 20_000;

    private final EmulatorCore core;
    private final StreamSession session;
    private final SyncConnection connection;
    private final LineWriter writer;
    private final Faults faults;
    private final long expiresAtMillis;
    private final long keepaliveMillis;
    private final int batchSize;
    private final boolean embedData;
    private long nextTokenLineAtMillis;

    SyncStreamLoop(EmulatorCore core, StreamSession session, SyncConnection connection, LineWriter writer,
            Faults faults, long expiresAtMillis, Duration keepalive, int batchSize, boolean rawData) {
        this.core = core;
        this.session = session;
        this.connection = connection;
        this.writer = writer;
        this.faults = faults;
        this.expiresAtMillis = expiresAtMillis;
        this.keepaliveMillis = keepalive.toMillis();
        this.batchSize = batchSize;
        // Legacy clients (no raw_data) get op data as nested JSON; BSON always carries it as a string.
        this.embedData = !rawData && writer.format() == LineWriter.Format.NDJSON;
    }

    /** Runs until the token expires or the stream is ended; ends by throwing {@link StreamTermination}. */
    void run() throws IOException {
        long now = System.currentTimeMillis();
        if (now >= expiresAtMillis) {
            // A token inside the 60 s clock tolerance connects, but gets only the final zero (tokenStream).
            writer.write(Map.of("token_expires_in", 0));
            throw StreamTermination.end();
        }
        scheduleTokenLine(now);
        long seenVersion = -1;
        while (true) {
            if (awaitWork(seenVersion)) {
                sendTokenLine();
            } else {
                seenVersion = sendCheckpoint();
            }
        }
    }

    /** What woke the stream thread. */
    private record Wake(SyncConnection.Control control, boolean tokenLineDue) {
    }

    /**
     * Blocks until a token line is due (returns true) or the state moved past {@code seenVersion} (returns
     * false); connection switches are obeyed first.
     */
    private boolean awaitWork(long seenVersion) throws IOException {
        Wake wake = core.locked(() -> {
            while (true) {
                SyncConnection.Control control = connection.control();
                if (control != SyncConnection.Control.NONE) {
                    return new Wake(control, false);
                }
                long stall = connection.stallLeftNanos();
                if (stall > 0) {
                    core.awaitNanos(stall);
                    continue;
                }
                long now = System.currentTimeMillis();
                if (now >= nextTokenLineAtMillis) {
                    return new Wake(control, true);
                }
                if (core.version() != seenVersion) {
                    return new Wake(control, false);
                }
                core.awaitNanos(TimeUnit.MILLISECONDS.toNanos(nextTokenLineAtMillis - now));
            }
        });
        act(wake.control());
        return wake.tokenLineDue();
    }

    /** Between lines: obeys switches, stays silent while stalled, sends a due token line. */
    private void checkpointInterlude() throws IOException {
        SyncConnection.Control control = core.locked(() -> {
            while (true) {
                SyncConnection.Control c = connection.control();
                long stall = c == SyncConnection.Control.NONE ? connection.stallLeftNanos() : 0;
                if (stall == 0) {
                    return c;
                }
                core.awaitNanos(stall);
            }
        });
        act(control);
        if (System.currentTimeMillis() >= nextTokenLineAtMillis) {
            sendTokenLine();
        }
    }

    private void act(SyncConnection.Control control) throws IOException {
        switch (control) {
            case DROP -> writer.abortMidLine();
            case END -> throw StreamTermination.end();
            case NONE -> {
            }
        }
    }

    private void sendTokenLine() throws IOException {
        long now = System.currentTimeMillis();
        long seconds = Math.max(0, (long) Math.ceil((expiresAtMillis - now) / 1000.0));
        writer.write(Map.of("token_expires_in", seconds));
        if (seconds == 0) {
            // The service ends the response normally once the token has expired.
            throw StreamTermination.end();
        }
        scheduleTokenLine(now);
    }

    /** tokenStream's timing: a keepalive every interval ±10%, a warning 20 s before expiry, then the zero. */
    private void scheduleTokenLine(long now) {
        long keepalive = (long) (keepaliveMillis * (0.9 + ThreadLocalRandom.current().nextDouble() * 0.2));
        long untilExpiry = Math.max(0, expiresAtMillis - now + 3);
        long untilWarning = Math.max(0, expiresAtMillis - EXPIRY_WARNING_MILLIS - now + 3);
        long relevant = untilWarning != 0 ? untilWarning : untilExpiry;
        nextTokenLineAtMillis = now + Math.min(relevant, keepalive);
    }

    /** A plan and the state version it was built from. */
    private record Built(long version, StreamSession.Plan plan) {
    }

    /**
     * Sends the next checkpoint line and its data, if anything changed for this connection.
     *
     * @return the state version the line was built from
     */
    private long sendCheckpoint() throws IOException {
        Built built = core.locked(() -> new Built(core.version(), session.next(core)));
        long version = built.version();
        StreamSession.Plan plan = built.plan();
        if (plan == null) {
            return version;
        }
        Map<String, Object> line = plan.line();
        if (hasBuckets(line) && faults.takeChecksumCorruption()) {
            corruptFirstChecksum(line);
        }
        writer.write(line);

        long checkpoint = plan.checkpoint();
        TreeMap<Integer, List<String>> byPriority = new TreeMap<>();
        for (StreamSession.Fetch fetch : plan.fetch()) {
            byPriority.computeIfAbsent(fetch.priority(), p -> new ArrayList<>()).add(fetch.bucket());
        }
        if (byPriority.isEmpty()) {
            // An empty checkpoint still gets its complete line.
            writer.write(Map.of("checkpoint_complete", Map.of("last_op_id", Long.toString(checkpoint))));
            return version;
        }
        int sentOps = 0;
        for (Map.Entry<Integer, List<String>> group : byPriority.entrySet()) {
            List<String> buckets = group.getValue();
            buckets.sort(null);
            boolean invalidated = false;
            for (String bucket : buckets) {
                while (true) {
                    checkpointInterlude();
                    Long after = session.position(bucket);
                    if (after == null) {
                        break;
                    }
                    BucketStorage.Chunk chunk = core.locked(() -> core.storage().read(bucket, after, checkpoint,
                            batchSize));
                    if (chunk.ops().isEmpty()) {
                        session.advance(bucket, after, false);
                        break;
                    }
                    // A MOVE or CLEAR whose target is beyond the checkpoint means compaction raced the download.
                    invalidated |= chunk.maxTarget() > checkpoint;
                    writer.write(dataLine(bucket, after, chunk));
                    session.advance(bucket, chunk.lastOpId(), chunk.hasMore());
                    sentOps += chunk.ops().size();
                    if (sentOps >= INTERRUPT_AFTER_OPS && core.locked(() -> core.version()) != version) {
                        // No complete for this checkpoint; the caller builds the next line at once.
                        return version;
                    }
                    if (!chunk.hasMore()) {
                        break;
                    }
                }
            }
            if (invalidated) {
                continue;
            }
            Map<String, Object> complete = new LinkedHashMap<>();
            complete.put("last_op_id", Long.toString(checkpoint));
            if (group.getKey().equals(byPriority.lastKey())) {
                writer.write(Map.of("checkpoint_complete", complete));
            } else {
                complete.put("priority", group.getKey());
                writer.write(Map.of("partial_checkpoint_complete", complete));
            }
        }
        return version;
    }

    private Map<String, Object> dataLine(String bucket, long after, BucketStorage.Chunk chunk) {
        List<Map<String, Object>> ops = new ArrayList<>();
        for (OplogOp op : chunk.ops()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("op_id", Long.toString(op.opId()));
            entry.put("op", op.type().name());
            if (op.objectType() != null) {
                entry.put("object_type", op.objectType());
                entry.put("object_id", op.objectId());
            }
            entry.put("checksum", op.unsignedChecksum());
            if (op.objectType() != null) {
                entry.put("subkey", op.subkey());
                entry.put("data", op.data() == null ? null : embedData ? new RawValue(op.data()) : op.data());
            }
            ops.add(entry);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bucket", bucket);
        data.put("after", Long.toString(after));
        data.put("has_more", chunk.hasMore());
        data.put("data", ops);
        data.put("next_after", Long.toString(chunk.lastOpId()));
        return Map.of("data", data);
    }

    @SuppressWarnings("unchecked")
    private static boolean hasBuckets(Map<String, Object> line) {
        Map<String, Object> body = (Map<String, Object>) line.values().iterator().next();
        Object buckets = body.containsKey("buckets") ? body.get("buckets") : body.get("updated_buckets");
        return buckets instanceof List<?> list && !list.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static void corruptFirstChecksum(Map<String, Object> line) {
        Map<String, Object> body = (Map<String, Object>) line.values().iterator().next();
        Object buckets = body.containsKey("buckets") ? body.get("buckets") : body.get("updated_buckets");
        Map<String, Object> first = ((List<Map<String, Object>>) buckets).get(0);
        first.put("checksum", (Integer) first.get("checksum") + 1);
    }
}
