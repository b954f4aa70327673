package dev.hexsync.domain.connection;

import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.ports.transport.CredentialsException;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials of one connection: fetched from the application's connector when first needed, kept until the
 * service says they expired or a request fails for them, refreshed ahead of expiry when the engine asks.
 */
final class CredentialsCache {
    private final BackendConnector connector;
    private volatile Credentials credentials;

    CredentialsCache(BackendConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector is null");
    }

    /**
     * The credentials to use now, fetched if none are kept.
     *
     * @throws CredentialsException when the connector has none (the user is not signed in)
     */
    Credentials current() {
        Credentials current = credentials;
        if (current == null) {
            current = connector.fetchCredentials().orElseThrow(() -> new CredentialsException("Not signed in"));
            credentials = current;
        }
        return current;
    }

    /** Forgets the kept credentials: the next {@link #current()} fetches new ones. */
    void forget() {
        credentials = null;
    }

    /** Fetches new credentials now and keeps them; empty (keeping the old ones) when the connector has none. */
    Optional<Credentials> refresh() {
        Optional<Credentials> fresh = connector.fetchCredentials();
        fresh.ifPresent(value -> credentials = value);
        return fresh;
    }
}
