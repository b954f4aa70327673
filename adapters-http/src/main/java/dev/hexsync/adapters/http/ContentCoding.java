package dev.hexsync.adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The response content codings we accept: identity and gzip.
 *
 * <p>We decode gzip ourselves instead of letting HttpClient do it, so that what we advertise is exactly what we
 * can read: HttpClient's own negotiation adds codings (zstd, brotli) depending on what happens to be on the
 * classpath, and the service prefers zstd whenever it is offered. The service flushes its compressor after
 * every line, so an inflating stream yields each line as soon as its bytes arrive.
 */
enum ContentCoding {
    IDENTITY,
    GZIP;

    /** The {@code Accept-Encoding} of a sync stream request. */
    static final String ACCEPT_ENCODING = "gzip";

    /** The coding a {@code Content-Encoding} header names, or empty when we cannot decode it. */
    static Optional<ContentCoding> fromHeader(String contentEncoding) {
        if (contentEncoding == null) {
            return Optional.of(IDENTITY);
        }
        return switch (contentEncoding.trim().toLowerCase(Locale.ROOT)) {
            case "", "identity" -> Optional.of(IDENTITY);
            case "gzip", "x-gzip" -> Optional.of(GZIP);
            default -> Optional.empty();
        };
    }

    /**
     * Wraps a body in its decoder. For gzip this reads the gzip header, so it blocks until the first bytes arrive:
     * call it from the reading thread, not when the response opens.
     */
    InputStream decode(InputStream body) throws IOException {
        return this == GZIP ? new GZIPInputStream(body, 8 * 1024) : body;
    }
}
