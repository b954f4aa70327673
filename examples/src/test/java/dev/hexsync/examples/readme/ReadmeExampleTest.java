package dev.hexsync.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

// tag::imports[]
import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.SyncStreamSubscription;
import dev.hexsync.ports.api.WatchSubscription;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.schema.TrackPreviousValues;
import dev.hexsync.ports.transport.Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
// end::imports[]
import dev.hexsync.emulator.StreamDefinition;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main example, run against the emulator standing in for a PowerSync Service and a backend. */
class ReadmeExampleTest {
    /** The app's own API, where uploads go. */
    interface MyBackend {
        void apply(List<CrudEntry> changes) throws Exception;
    }

    /** The app's auth endpoint. */
    interface MyAuth {
        String powerSyncToken();
    }

    /** The app's screen; the README's example hands it each result of its watch. */
    private void show(List<String> descriptions) {
        System.out.println("open todos: " + descriptions);
    }

    @TempDir
    Path appData;

    @Test
    void theReadmeExampleRuns() throws Exception {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder()
                .define(StreamDefinition.bucketDefinition("all").tables("todos"))
                .define(StreamDefinition.stream("lists")
                        .parameters(ctx -> List.of(List.of(ctx.subscriptionParameter("owner")))))
                .build().start()) {
            MyAuth auth = () -> service.issueToken("user-1");
            MyBackend myBackend = changes -> {
                List<Map<String, Object>> entries = new ArrayList<>();
                changes.forEach(change -> entries.add(change.toUploadJson()));
                service.applyUpload(entries);
            };
            app(service.endpoint(), auth, myBackend);
        }
        // The write was made (and queued, if the upload had not run yet) in the file the example left behind.
        try (SyncDatabase reopened = HexSync.builder().sqlite(appData.resolve("app.db"))
                .schema(Schema.of(Table.builder("todos").text("description").integer("completed").build())).build()) {
            assertThat(reopened.get("SELECT description FROM todos WHERE id = 't1'").getString("description"))
                    .isEqualTo("Buy milk");
        }
    }

    private void app(URI endpoint, MyAuth auth, MyBackend myBackend) throws Exception {
        // tag::usage[]
        Schema schema = Schema.of(
                Table.builder("todos").text("description").integer("completed")
                        .trackPreviousValues(TrackPreviousValues.all()).build());

        try (SyncDatabase db = HexSync.builder().sqlite(appData.resolve("app.db")).schema(schema).build()) {
            db.connect(new BackendConnector() {
                @Override
                public Optional<Credentials> fetchCredentials() {
                    return Optional.of(Credentials.of(endpoint, auth.powerSyncToken()));
                }

                @Override
                public void uploadData(SyncDatabase database) throws Exception {
                    Optional<CrudTransaction> tx;
                    while ((tx = database.getNextCrudTransaction()).isPresent()) {
                        myBackend.apply(tx.get().crud());       // PUT / PATCH / DELETE entries
                        tx.get().complete();
                    }
                }
            });
            try {
                db.waitForFirstSync().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {                     // wrong endpoint, rejected token, offline...
                throw new IllegalStateException("Not synced after 30 s: " + db.syncStatus().anyError()
                        .map(Throwable::getMessage).orElse("the service did not answer"), e);
            }

            db.execute("INSERT INTO todos(id, description, completed) VALUES (?, ?, ?)", "t1", "Buy milk", false);
            try (WatchSubscription open = db.watch("SELECT description FROM todos WHERE completed = 0", List.of(),
                    row -> row.getString("description"), descriptions -> show(descriptions),
                    error -> System.err.println("watch failed: " + error))) {
                try (SyncStreamSubscription lists = db.syncStream("lists", Map.of("owner", "me")).subscribe()) {
                    lists.waitForFirstSync().get(30, TimeUnit.SECONDS);
                }
            }
        }
        // end::usage[]
    }
}
