package dev.hexsync.ports.transport;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the sync service is and how to authenticate to it. {@link #toString()} never shows the token.
 *
 * @param endpoint the service's base URL, http or https, without a trailing slash
 * @param token the JWT sent as {@code Authorization: Token <jwt>}
 * @param expiresAt when the token expires, if known
 */
public record Credentials(URI endpoint, String token, Optional<Instant> expiresAt) {
    /**
     * Refuses null components.
     *
     * @param endpoint the service's base URL
     * @param token the JWT
     * @param expiresAt when the token expires, if known
     */
    public Credentials {
        Objects.requireNonNull(endpoint, "endpoint is null");
        Objects.requireNonNull(token, "token is null");
        Objects.requireNonNull(expiresAt, "expiresAt is null");
    }

    /**
     * Credentials without a known expiry.
     *
     * @param endpoint the service's base URL
     * @param token the JWT
     * @return the credentials
     * @throws IllegalArgumentException when {@code endpoint} is not a URI
     */
    public static Credentials of(String endpoint, String token) {
        return of(URI.create(endpoint), token);
    }

    /**
     * Credentials without a known expiry, for an endpoint already held as a {@link URI} (as an emulator's
     * {@code endpoint()} returns it).
     *
     * @param endpoint the service's base URL
     * @param token the JWT
     * @return the credentials
     */
    public static Credentials of(URI endpoint, String token) {
        return new Credentials(endpoint, token, Optional.empty());
    }

    @Override
    public String toString() {
        return "Credentials[endpoint=" + endpoint + ", token=<redacted>, expiresAt=" + expiresAt.map(Instant::toString).orElse("unknown") + "]";
    }
}
