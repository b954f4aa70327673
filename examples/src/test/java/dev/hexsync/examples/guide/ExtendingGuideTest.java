package dev.hexsync.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.examples.claims.RegistryClaimManager;
import dev.hexsync.examples.todo.ServerDatabase;
import dev.hexsync.examples.todo.TodoApp;
import dev.hexsync.examples.todo.TodoBackend;
import dev.hexsync.examples.transport.MeteredTransport;
import dev.hexsync.examples.transport.MeteredTransportModule;
import dev.hexsync.ports.api.DiffTrigger;
import dev.hexsync.ports.api.DiffTriggerOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.TriggerStorage;
import dev.hexsync.ports.claims.ClaimManager;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's page on replacing an adapter through Guice: a custom transport and a custom claim backend. */
class ExtendingGuideTest {
    @TempDir
    Path dir;

    @Test
    void aCustomTransport() throws Exception {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "lists").build()
                .start()) {
            service.put("lists", "l1", Map.of("name", "Groceries"));
            // tag::transport[]
            MeteredTransportModule metered = new MeteredTransportModule();
            try (SyncDatabase db = HexSync.builder().inMemory().schema(TodoApp.SCHEMA)
                    .override(metered)                          // replaces the SyncTransport binding, nothing else
                    .build()) {
                db.connect(new TodoBackend(() -> Credentials.of(service.endpoint(), service.issueToken("u1")),
                        new ServerDatabase()));
                db.waitForFirstSync().get(10, TimeUnit.SECONDS);
                MeteredTransport transport = metered.transport();
                System.out.println(transport.streams() + " stream(s), " + transport.lines() + " line(s)");
            }
            // end::transport[]
            assertThat(metered.transport().streams()).isPositive();
            assertThat(metered.transport().lines()).isGreaterThanOrEqualTo(3);   // checkpoint, data, complete
        }
    }

    @Test
    void aCustomClaimBackend() {
        // tag::claims[]
        Map<String, Object> registry = RegistryClaimManager.newRegistry();
        RegistryClaimManager claims = new RegistryClaimManager(registry, "main-window");
        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("app.db")).schema(TodoApp.SCHEMA)
                .override(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(ClaimManager.class).toInstance(claims);   // diff-trigger owners and the sync leader
                    }
                })
                .build();
                DiffTrigger trigger = db.createDiffTrigger(DiffTriggerOptions.of("todos")
                        .withStorage(TriggerStorage.PERSISTED))) {
            System.out.println("claims held: " + claims.held());   // the trigger's id, while it lives
        }
        // end::claims[]
        assertThat(registry).isEmpty();
    }
}
