package dev.hexsync.examples.todo;

import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.transport.Credentials;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The app's side of syncing: where to get a token, and how local writes reach the server. Uploads go one local
 * transaction at a time, so the server applies what the user did together, together; a transaction is completed
 * (removed from the queue) only after the server took it. A transaction the server refuses for good (it breaks a
 * rule, so retrying cannot help) is recorded and completed too, or it would block every later upload; any other
 * failure propagates, and the database retries the upload later.
 */
public final class TodoBackend implements BackendConnector {
    private final Supplier<Credentials> credentials;
    private final ServerDatabase server;
    private final List<String> rejected = new CopyOnWriteArrayList<>();

    /**
     * @param credentials the service's endpoint and a fresh token (in a real app: a call to your auth endpoint)
     * @param server where uploads go (in a real app: your API)
     */
    public TodoBackend(Supplier<Credentials> credentials, ServerDatabase server) {
        this.credentials = credentials;
        this.server = server;
    }

    @Override
    public Optional<Credentials> fetchCredentials() {
        return Optional.of(credentials.get());
    }

    @Override
    public void uploadData(SyncDatabase database) {
        Optional<CrudTransaction> next;
        while ((next = database.getNextCrudTransaction()).isPresent()) {
            try {
                server.apply(next.get().crud());
            } catch (IllegalArgumentException refused) {
                rejected.add(refused.getMessage());
            }
            next.get().complete();
        }
    }

    /**
     * What the server refused for good, in upload order.
     *
     * @return the server's reasons
     */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }
}
