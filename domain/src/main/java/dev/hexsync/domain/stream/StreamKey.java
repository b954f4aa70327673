package dev.hexsync.domain.stream;

import java.util.Objects;

/**
 * Identifies a stream subscription: the stream name and its parameters as the exact JSON text the
 * application gave (compared as text, so it must be produced canonically).
 *
 * @param params raw JSON, or null for a subscription without parameters
 */
public record StreamKey(String name, String params) {
    public StreamKey {
        Objects.requireNonNull(name, "name is null");
    }

    /** The parameters as stored: the raw JSON, or {@code null} spelled as JSON. */
    public String serializedParams() {
        return params == null ? "null" : params;
    }
}
