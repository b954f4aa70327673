package dev.hexsync.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request the emulator received, as the client sent it, except that the token in {@code authorization} is
 * replaced by {@code ***} (the scheme, {@code Token} or {@code Bearer}, is kept).
 *
 * @param receivedAt when the request arrived
 * @param method the HTTP method
 * @param path the path without the query
 * @param query the raw query string, or null
 * @param headers lower-case header names to their values
 * @param body the request body as UTF-8 text (empty when there was none)
 */
public record RecordedRequest(Instant receivedAt, String method, String path, String query,
        Map<String, List<String>> headers, String body) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
