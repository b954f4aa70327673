package dev.hexsync.ports.transport;

/**
 * The HTTP interface of a PowerSync service, as the client uses it. Implementations must be safe for
 * concurrent use (the connection loop and the upload loop share one).
 */
public interface SyncTransport {

    /**
     * Opens {@code POST {endpoint}/sync/stream} with the engine's request body.
     *
     * @param credentials the endpoint and token
     * @param requestBody the sync request as JSON text
     * @return the open stream, read by one thread
     * @throws CredentialsException when the service rejects the token (HTTP 401)
     * @throws ServiceException when the service answers with an error
     * @throws TransportException when the service cannot be reached
     */
    SyncStream openStream(Credentials credentials, String requestBody);

    /**
     * {@code GET {endpoint}/write-checkpoint2.json?client_id=...}: a checkpoint the service will report once
     * it has seen every write this client uploaded so far.
     *
     * @param credentials the endpoint and token
     * @param clientId this database's client id
     * @return the write checkpoint, a decimal string
     */
    String fetchWriteCheckpoint(Credentials credentials, String clientId);

    /**
     * {@code POST {endpoint}/sync/checkpoint-request}: asks the service to report {@code checkpointRequestId}
     * in a checkpoint once it has seen this client's writes.
     *
     * @param credentials the endpoint and token
     * @param clientId this database's client id
     * @param checkpointRequestId the id chosen locally
     * @return the id the service accepted, a decimal string
     */
    String postCheckpointRequest(Credentials credentials, String clientId, String checkpointRequestId);
}
