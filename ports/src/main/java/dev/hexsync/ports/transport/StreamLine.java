package dev.hexsync.ports.transport;

import java.util.Objects;

/** One line of a sync stream as received: NDJSON text or a BSON document. */
public sealed interface StreamLine {

    record Text(String line) implements StreamLine {
        public Text {
            Objects.requireNonNull(line, "line is null");
        }
    }

    record Binary(byte[] document) implements StreamLine {
        public Binary {
            Objects.requireNonNull(document, "document is null");
        }
    }
}
