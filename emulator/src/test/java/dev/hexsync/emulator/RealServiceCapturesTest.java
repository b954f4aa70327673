package dev.hexsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's streams against streams the real service sent (copies of the realservice recipe's
 * {@code captures/}, under {@code realservice/captures} in the test resources) for the same request, the same
 * sync config and the same source rows: every line kind and every field, with its JSON (or BSON) type, must
 * occur in both. Op ids and checksums differ (the service's source had a history); the shape may not.
 */
class RealServiceCapturesTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String FIRST_SYNC = "{\"buckets\":[],\"include_checksum\":true,\"raw_data\":true,"
            + "\"binary_data\":false,\"client_id\":\"capture-1\",\"parameters\":{},"
            + "\"streams\":{\"include_defaults\":true,\"subscriptions\":[]}}";
    private static final String WITH_SUBSCRIPTION = FIRST_SYNC.replace("\"subscriptions\":[]",
            "\"subscriptions\":[{\"stream\":\"list_todos\",\"parameters\":{\"list_id\":\"list-002\"},"
                    + "\"override_priority\":null}]");

    private SyncServiceEmulator emulator;
    private TestClient client;

    @BeforeEach
    void startWithTheRecipesConfigAndRows() {
        // realservice/config/sync-config.yaml: global_lists, todos_by_list (lists owned by the user), list_todos.
        emulator = SyncServiceEmulator.builder()
                .define(StreamDefinition.bucketDefinition("global_lists").tables("lists"))
                .define(StreamDefinition.bucketDefinition("todos_by_list")
                        .data((table, row) -> table.equals("todos") ? List.of(List.of(row.get("list_id"))) : List.of())
                        .parameters(context -> context.rows("lists").stream()
                                .filter(list -> context.userId().equals(list.get("owner_id")))
                                .map(list -> List.of(list.get("id"))).toList()))
                .define(StreamDefinition.stream("list_todos")
                        .data((table, row) -> table.equals("todos") ? List.of(List.of(row.get("list_id"))) : List.of())
                        .parameters(context -> List.of(List.of(context.subscriptionParameter("list_id")))))
                .build().start();
        // realservice/schema.sql: 20 lists of user1 with 49 todos each.
        emulator.transaction(source -> {
            for (int l = 1; l <= 20; l++) {
                String list = String.format("list-%03d", l);
                source.put("lists", list, row("name", "List " + l, "owner_id", "user1",
                        "created_at", String.format("2026-01-01T00:00:%02dZ", l)));
                for (int t = 1; t <= 49; t++) {
                    source.put("todos", String.format("todo-%03d-%03d", l, t), row("list_id", list,
                            "description", "Todo " + t + " of list " + l, "completed", t % 3 == 0 ? 1 : 0,
                            "created_at", String.format("2026-01-02T00:%02d:00Z", t % 60)));
                }
            }
        });
        // The captured service's source had a history: a todo and a list deleted, so its buckets hold REMOVEs.
        emulator.delete("todos", "todo-003-002");
        emulator.put("lists", "list-021", row("name", "List 21", "owner_id", "user1",
                "created_at", "2026-01-03T00:00:00Z"));
        emulator.delete("lists", "list-021");
        client = new TestClient(emulator.endpoint());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void firstSyncHasTheServicesShape() throws IOException {
        assertSameShape(emulatorLines(FIRST_SYNC), ndjson(capture("01-first-sync.ndjson")), false);
    }

    @Test
    void firstSyncWithAStreamSubscriptionHasTheServicesShape() throws IOException {
        assertSameShape(emulatorLines(WITH_SUBSCRIPTION),
                ndjson(capture("02-first-sync-with-stream-subscription.ndjson")), false);
    }

    @Test
    void aResumedStreamWithLiveChangesHasTheServicesShape() throws IOException {
        long last = emulator.checkpoint();
        String resume = new String(capture("04-resume-request.json"), StandardCharsets.UTF_8)
                .replace("\"after\":\"2126\"", "\"after\":\"" + last + "\"");
        List<Object> lines = new ArrayList<>();
        try (TestClient.SyncStream stream = client.stream(emulator.issueToken("user1"), resume)) {
            stream.untilComplete().forEach(line -> lines.add(MAPPER.treeToValue(line, Object.class)));
            // The capture's live change: an UPDATE, a DELETE and an INSERT in list-008.
            emulator.transaction(source -> {
                source.patch("todos", "todo-008-001", Map.of("completed", 1));
                source.delete("todos", "todo-008-002");
                source.put("todos", "todo-008-100", row("list_id", "list-008", "description", "new",
                        "completed", 0, "created_at", "2026-01-03T00:00:00Z"));
            });
            stream.untilComplete().forEach(line -> lines.add(MAPPER.treeToValue(line, Object.class)));
        }
        assertSameShape(lines, ndjson(capture("04-resume-with-live-changes.ndjson")), false);
    }

    @Test
    void theBsonStreamHasTheServicesShapeIncludingNumberTypes() throws IOException {
        List<Object> lines;
        // A token about to expire ends the stream, so that the whole BSON body can be read.
        Instant now = Instant.now();
        try (TestClient.SyncStream stream = client.stream(emulator.issueToken("user1", now, now.plusSeconds(2)),
                FIRST_SYNC.replace("\"binary_data\":false", "\"binary_data\":true"),
                Map.of("Accept", "application/vnd.powersync.bson-stream;q=0.9,application/x-ndjson;q=0.8"))) {
            assertThat(stream.header("content-type")).isEqualTo("application/vnd.powersync.bson-stream");
            lines = upToComplete(SyncStreamTest.readBson(stream.body()));
        }
        assertSameShape(lines, upToComplete(SyncStreamTest.readBson(capture("05-first-sync.bson"))), true);
    }

    private List<Object> emulatorLines(String body) {
        List<Object> lines = new ArrayList<>();
        try (TestClient.SyncStream stream = client.stream(emulator.issueToken("user1"), body)) {
            assertThat(stream.status()).isEqualTo(200);
            stream.untilComplete().forEach(line -> lines.add(MAPPER.treeToValue(line, Object.class)));
        }
        return lines;
    }

    /** The documents up to the first {@code checkpoint_complete}: captures were cut at an arbitrary point after. */
    private static List<Object> upToComplete(List<Map<String, Object>> documents) {
        List<Object> lines = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            if (!document.containsKey("token_expires_in")) {
                lines.add(document);
            }
            if (document.containsKey("checkpoint_complete")) {
                break;
            }
        }
        return lines;
    }

    private static void assertSameShape(List<Object> emulated, List<Object> captured, boolean bson) {
        assertThat(kinds(emulated)).as("line kinds in order").isEqualTo(kinds(captured));
        assertThat(shape(emulated, bson)).as("fields and their types").isEqualTo(shape(captured, bson));
    }

    /** The line kinds in order, with runs of one kind (data lines) collapsed. */
    private static List<String> kinds(List<Object> lines) {
        List<String> kinds = new ArrayList<>();
        for (Object line : lines) {
            String kind = ((Map<?, ?>) line).keySet().iterator().next().toString();
            if (kinds.isEmpty() || !kinds.get(kinds.size() - 1).equals(kind)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** Every path of every line with the type found there, arrays collapsed: {@code data.data[].op_id:string}. */
    private static Set<String> shape(List<Object> lines, boolean bson) {
        Set<String> paths = new TreeSet<>();
        for (Object line : lines) {
            walk(line, "", paths, bson);
        }
        return paths;
    }

    private static void walk(Object value, String path, Set<String> paths, boolean bson) {
        if (value instanceof Map<?, ?> map) {
            paths.add(path + ":object");
            map.forEach((key, child) -> walk(child, path + (path.isEmpty() ? "" : ".") + key, paths, bson));
        } else if (value instanceof List<?> list) {
            paths.add(path + ":array");
            list.forEach(child -> walk(child, path + "[]", paths, bson));
        } else {
            paths.add(path + ":" + typeName(value, bson));
        }
    }

    private static String typeName(Object value, boolean bson) {
        if (value == null) {
            return "null";
        }
        // BSON keeps int32, int64 and double apart (a client must read all three); JSON has one number type.
        if (value instanceof Number && !bson) {
            return "number";
        }
        return value.getClass().getSimpleName();
    }

    /** The captured lines up to the first {@code checkpoint_complete} (and, for a resume, the next one). */
    private static List<Object> ndjson(byte[] text) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> parsed = MAPPER.readValue(line, Map.class);
                lines.add(parsed);
            }
        }
        List<Object> kept = new ArrayList<>();
        for (Map<String, Object> line : lines) {
            if (!line.containsKey("token_expires_in")) {
                kept.add(line);
            }
        }
        return kept;
    }

    private static byte[] capture(String name) throws IOException {
        try (InputStream in = RealServiceCapturesTest.class.getResourceAsStream("/realservice/captures/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
