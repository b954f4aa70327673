package dev.hexsync.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sync config and rows of the real-service fixture: bucket definitions {@code global} (all lists and
 * todos) and {@code user_lists} (todos of the lists the user owns), with the fixture's exact row values so
 * PUT checksums match what the real service sent.
 */
final class TodoWorld {

    static final String USER = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
    static final String OTHER_USER = "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb";
    static final String LIST = "11111111-1111-1111-1111-111111111111";
    static final String EGGS = "86e17254-7be2-405f-8eb5-be065cac5cd9";
    static final String MILK = "88880694-4c07-47a3-bf27-ee7e99a3a77d";
    static final String BREAD = "22222222-2222-2222-2222-222222222222";
    static final String GLOBAL_BUCKET = "1#global[]";
    static final String USER_LISTS_BUCKET = "1#user_lists[\"" + LIST + "\"]";

    static final StreamDefinition GLOBAL = StreamDefinition.bucketDefinition("global").tables("lists", "todos");

    static final StreamDefinition USER_LISTS = StreamDefinition.bucketDefinition("user_lists")
            .parameters(context -> context.rows("lists").stream()
                    .filter(list -> context.userId().equals(list.get("owner_id")))
                    .map(list -> List.of(list.get("id")))
                    .toList())
            .data((table, row) -> table.equals("todos") && row.get("list_id") != null
                    ? List.of(List.of(row.get("list_id"))) : List.of());

    private TodoWorld() {
    }

    static SyncServiceEmulator.Builder builder() {
        return SyncServiceEmulator.builder().define(GLOBAL).define(USER_LISTS);
    }

    /** The fixture's initial rows: the user's list with Eggs and Milk. */
    static void seed(SyncServiceEmulator emulator) {
        emulator.transaction(tx -> {
            tx.put("lists", LIST, list("2026-11-22 12:03:26.456034Z", "Groceries", USER));
            tx.put("todos", EGGS, todo("2026-11-22 12:03:26.457057Z", null, "Eggs", false, LIST));
            tx.put("todos", MILK, todo("2026-11-22 12:03:26.457057Z", null, "Milk", false, LIST));
        });
    }

    static Map<String, Object> list(String createdAt, String name, String owner) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("created_at", createdAt);
        values.put("name", name);
        values.put("owner_id", owner);
        return values;
    }

    static Map<String, Object> todo(String createdAt, String completedAt, String description, boolean completed,
            String listId) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("created_at", createdAt);
        values.put("completed_at", completedAt);
        values.put("description", description);
        values.put("completed", completed);
        values.put("created_by", null);
        values.put("completed_by", null);
        values.put("list_id", listId);
        return values;
    }
}
