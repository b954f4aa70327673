package dev.hexsync.adapters.http;

import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/** The two body formats of {@code /sync/stream}, negotiated with {@code Accept}, told apart by {@code Content-Type}. */
enum StreamFormat {
    NDJSON("application/x-ndjson"),
    BSON("application/vnd.powersync.bson-stream");

    /**
     * What we ask for: BSON first, as powersync-js does. It is the more compact encoding and spares parsing
     * numbers from text; a service that cannot send it (or a proxy that drops the header) gives NDJSON.
     */
    static final String ACCEPT = BSON.mediaType + ";q=0.9," + NDJSON.mediaType + ";q=0.8";

    private final String mediaType;

    StreamFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    /**
     * The format a response's {@code Content-Type} names, ignoring parameters and case. A missing header means
     * NDJSON, which is what the service sends when it has not negotiated anything else.
     */
    static Optional<StreamFormat> fromContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.of(NDJSON);
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters))
                .trim().toLowerCase(Locale.ROOT);
        for (StreamFormat format : values()) {
            if (format.mediaType.equals(type)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    FrameReader reader(InputStream body) {
        return this == NDJSON ? new NdjsonFrameReader(body) : new BsonFrameReader(body);
    }
}
