package dev.hexsync.domain.checkpoint;

/** The {@code ps_kv} keys of the write gate and of checkpoint requests. */
public final class CheckpointKeys {
    private CheckpointKeys() {
    }

    /** The checkpoint the local writes wait for; {@code Long.MAX_VALUE} means "uploaded, not known yet". */
    public static final String TARGET = "target_checkpoint_request_id";
    /** The write checkpoint of the last validated full checkpoint since the last local write. */
    public static final String LAST_SEEN = "last_seen_checkpoint_request_id";
    /** The write checkpoint of the last applied full checkpoint since the last local write. */
    public static final String LAST_APPLIED = "last_applied_checkpoint_request_id";
    /** The checkpoint request allocation counter. */
    public static final String LAST_REQUESTED = "last_requested_checkpoint_request_id";
}
