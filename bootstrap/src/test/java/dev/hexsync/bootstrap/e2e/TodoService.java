package dev.hexsync.bootstrap.e2e;

import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.schema.Index;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data set most end-to-end tests share: lists and todos in one global bucket, as the PowerSync demo apps
 * have them, and the connect options that keep the suite fast.
 */
final class TodoService {
    static final String USER = "user-1";
    static final String GLOBAL = "1#global[]";

    static final Schema SCHEMA = Schema.of(
            Table.builder("lists").text("name").text("owner_id").build(),
            Table.builder("todos").text("list_id").text("description").integer("completed").real("estimate")
                    .index(Index.on("by_list", "list_id"))
                    .build());

    /**
     * Retries and upload throttle short enough that recovering from a fault costs a fraction of a second, not
     * the SDK defaults' 5 s; nothing in the tests depends on their exact values.
     */
    static final ConnectOptions OPTIONS = ConnectOptions.DEFAULT
            .withRetryDelay(Duration.ofMillis(200))
            .withUploadThrottle(Duration.ofMillis(50));

    private TodoService() {
    }

    /** An emulator (not started) with the global bucket over lists and todos. */
    static SyncServiceEmulator.Builder emulator() {
        return SyncServiceEmulator.builder().globalBucket("global", "lists", "todos");
    }

    /** Seeds {@code lists} lists and {@code todos} todos spread over them, in one source transaction. */
    static void seed(SyncServiceEmulator service, int lists, int todos) {
        service.transaction(tx -> {
            for (int i = 1; i <= lists; i++) {
                tx.put("lists", "list-" + i, Map.of("name", "List " + i, "owner_id", USER));
            }
            for (int i = 1; i <= todos; i++) {
                tx.put("todos", todoId(i), todo(i, lists));
            }
        });
    }

    static String todoId(int i) {
        return String.format("todo-%05d", i);
    }

    static Map<String, Object> todo(int i, int lists) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("list_id", "list-" + (1 + i % lists));
        values.put("description", "Todo number " + i);
        values.put("completed", i % 4 == 0);
        values.put("estimate", (i % 8) * 0.25);
        return values;
    }
}
