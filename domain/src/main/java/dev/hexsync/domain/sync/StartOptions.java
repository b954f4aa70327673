package dev.hexsync.domain.sync;

import dev.hexsync.domain.stream.StreamKey;
import dev.hexsync.ports.schema.RawTable;
import java.util.List;
import java.util.Objects;

/**
 * How a sync iteration starts.
 *
 * @param parameters client parameters for the service's sync rules, as a JSON object text, or null
 * @param rawTables raw tables synced rows may be written to
 * @param includeDefaults whether to request the service's default streams
 * @param activeStreams the application's active stream subscriptions (their TTL is extended)
 * @param appMetadata free JSON the service logs with the connection, or null
 * @param checkpointMode legacy write checkpoints, or client-chosen checkpoint requests
 */
public record StartOptions(String parameters, List<RawTable> rawTables, boolean includeDefaults,
        List<StreamKey> activeStreams, String appMetadata, CheckpointMode checkpointMode) {

    /** How the client makes the service acknowledge its uploads. */
    public enum CheckpointMode {
        /** Fetch a write checkpoint after each upload. */
        LEGACY,
        /** Choose checkpoint request ids locally and post them. */
        REQUESTS
    }

    public static final StartOptions DEFAULT =
            new StartOptions(null, List.of(), true, List.of(), null, CheckpointMode.LEGACY);

    public StartOptions {
        rawTables = List.copyOf(rawTables);
        activeStreams = List.copyOf(activeStreams);
        Objects.requireNonNull(checkpointMode, "checkpointMode is null");
    }
}
