package dev.hexsync.ports.api;

import dev.hexsync.ports.transport.Credentials;
import java.util.Optional;

/**
 * What an application provides to connect a database: credentials for the sync service, and the upload of
 * local changes to its own backend.
 */
public interface BackendConnector {

    /**
     * Credentials for the sync service: called before connecting, when the token expires or is about to,
     * and after the service rejected it.
     *
     * @return the credentials, or empty when the user is signed out (the client then waits and retries)
     */
    Optional<Credentials> fetchCredentials();

    /**
     * Uploads queued local changes to the application's backend, typically with
     * {@link SyncDatabase#getNextCrudTransaction()} in a loop, completing each transaction once the backend
     * accepted it. Throw to have the upload retried after the retry delay.
     */
    void uploadData(SyncDatabase database) throws Exception;
}
