package dev.hexsync.ports.transport;

import java.util.Objects;

/** One line of a sync stream as received: NDJSON text or a BSON document. */
public sealed interface StreamLine {

    /**
     * A line of an NDJSON stream.
     *
     * @param line the JSON text, without the newline
     */
    record Text(String line) implements StreamLine {
        /**
         * Refuses a null line.
         *
         * @param line the JSON text
         */
        public Text {
            Objects.requireNonNull(line, "line is null");
        }
    }

    /**
     * A document of a BSON stream.
     *
     * @param document the BSON bytes, length prefix included
     */
    record Binary(byte[] document) implements StreamLine {
        /**
         * Refuses a null document.
         *
         * @param document the BSON bytes
         */
        public Binary {
            Objects.requireNonNull(document, "document is null");
        }
    }
}
