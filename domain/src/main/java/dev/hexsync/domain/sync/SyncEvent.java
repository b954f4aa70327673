package dev.hexsync.domain.sync;

import dev.hexsync.domain.stream.StreamKey;
import java.util.List;
import java.util.Objects;

/** Something that happened to a running sync iteration. */
public sealed interface SyncEvent {

    /** A JSON line arrived. */
    record TextLine(String line) implements SyncEvent {
        public TextLine {
            Objects.requireNonNull(line, "line is null");
        }
    }

    /** A BSON line arrived. */
    record BinaryLine(byte[] line) implements SyncEvent {
        public BinaryLine {
            Objects.requireNonNull(line, "line is null");
        }
    }

    /** The upload loop emptied the queue (and installed a write checkpoint target). */
    record UploadFinished() implements SyncEvent {
    }

    /** New credentials are available: the iteration should restart with them. */
    record TokenRefreshed() implements SyncEvent {
    }

    /** The HTTP stream is open. */
    record ConnectionEstablished() implements SyncEvent {
    }

    /** The HTTP stream ended. */
    record StreamEnded() implements SyncEvent {
    }

    /** The application's active stream subscriptions changed. */
    record SubscriptionsUpdated(List<StreamKey> activeStreams) implements SyncEvent {
        public SubscriptionsUpdated {
            activeStreams = List.copyOf(activeStreams);
        }
    }
}
