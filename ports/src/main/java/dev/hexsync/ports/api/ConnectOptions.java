package dev.hexsync.ports.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a database connects to its sync service.
 *
 * @param params parameters for the service's sync rules ({@code user_parameters}), JSON-compatible values
 * @param appMetadata string labels the service logs with the connection
 * @param includeDefaultStreams whether the service's default streams are synced
 * @param checkpointMode how uploads are acknowledged
 * @param retryDelay the wait after a failed sync iteration or upload before retrying (fixed, no backoff)
 * @param uploadThrottle the least time between two runs of the upload loop
 */
public record ConnectOptions(Map<String, Object> params, Map<String, String> appMetadata, boolean includeDefaultStreams,
        CheckpointMode checkpointMode, Duration retryDelay, Duration uploadThrottle) {

    /** How the service acknowledges the client's uploads. */
    public enum CheckpointMode {
        /** After each upload, fetch a write checkpoint from {@code /write-checkpoint2.json}. */
        LEGACY,
        /** Choose checkpoint request ids locally and post them to {@code /sync/checkpoint-request}. */
        REQUESTS
    }

    /** The PowerSync SDKs' defaults: 5 s retry delay, 1 s upload throttle, default streams included. */
    public static final ConnectOptions DEFAULT = new ConnectOptions(Map.of(), Map.of(), true, CheckpointMode.LEGACY,
            Duration.ofSeconds(5), Duration.ofSeconds(1));

    public ConnectOptions {
        params = Map.copyOf(params);
        appMetadata = Map.copyOf(appMetadata);
        Objects.requireNonNull(checkpointMode, "checkpointMode is null");
        Objects.requireNonNull(retryDelay, "retryDelay is null");
        Objects.requireNonNull(uploadThrottle, "uploadThrottle is null");
        if (retryDelay.isNegative() || uploadThrottle.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    public ConnectOptions withParams(Map<String, Object> newParams) {
        return new ConnectOptions(newParams, appMetadata, includeDefaultStreams, checkpointMode, retryDelay, uploadThrottle);
    }

    public ConnectOptions withAppMetadata(Map<String, String> metadata) {
        return new ConnectOptions(params, metadata, includeDefaultStreams, checkpointMode, retryDelay, uploadThrottle);
    }

    public ConnectOptions withIncludeDefaultStreams(boolean include) {
        return new ConnectOptions(params, appMetadata, include, checkpointMode, retryDelay, uploadThrottle);
    }

    public ConnectOptions withCheckpointMode(CheckpointMode mode) {
        return new ConnectOptions(params, appMetadata, includeDefaultStreams, mode, retryDelay, uploadThrottle);
    }

    public ConnectOptions withRetryDelay(Duration delay) {
        return new ConnectOptions(params, appMetadata, includeDefaultStreams, checkpointMode, delay, uploadThrottle);
    }

    public ConnectOptions withUploadThrottle(Duration throttle) {
        return new ConnectOptions(params, appMetadata, includeDefaultStreams, checkpointMode, retryDelay, throttle);
    }
}
