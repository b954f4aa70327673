package dev.hexsync.emulator;

import static dev.hexsync.emulator.TodoWorld.BREAD;
import static dev.hexsync.emulator.TodoWorld.EGGS;
import static dev.hexsync.emulator.TodoWorld.GLOBAL_BUCKET;
import static dev.hexsync.emulator.TodoWorld.LIST;
import static dev.hexsync.emulator.TodoWorld.MILK;
import static dev.hexsync.emulator.TodoWorld.OTHER_USER;
import static dev.hexsync.emulator.TodoWorld.USER;
import static dev.hexsync.emulator.TodoWorld.USER_LISTS_BUCKET;
import static dev.hexsync.emulator.TodoWorld.list;
import static dev.hexsync.emulator.TodoWorld.todo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Changes in the source while a client is connected: diffs, data, completes and keepalives. */
class LiveSyncTest {

    @Test
    void aSourceChangeArrivesAsDiffDataAndComplete() {
        try (SyncServiceEmulator emulator = TodoWorld.builder().build().start()) {
            TodoWorld.seed(emulator);
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), TestClient.streamBody())) {
                JsonNode checkpoint = stream.untilComplete().get(0).get("checkpoint");
                int globalBefore = checkpoint.get("buckets").get(0).get("checksum").asInt();

                emulator.put("todos", BREAD, todo("2026-11-22 12:04:37Z", null, "Bread", false, LIST));
                List<JsonNode> lines = stream.untilComplete();
                assertThat(lines).hasSize(4);
                JsonNode diff = lines.get(0).get("checkpoint_diff");
                assertThat(diff.propertyNames()).containsExactly("last_op_id", "removed_buckets", "updated_buckets");
                assertThat(diff.get("last_op_id").asString()).isEqualTo(Long.toString(emulator.checkpoint()));
                assertThat(diff.get("updated_buckets").findValuesAsString("bucket"))
                        .containsExactly(GLOBAL_BUCKET, USER_LISTS_BUCKET);
                JsonNode globalData = lines.get(1).get("data");
                JsonNode op = globalData.get("data").get(0);
                assertThat(diff.get("updated_buckets").get(0).get("checksum").asInt())
                        .isEqualTo(globalBefore + (int) op.get("checksum").asLong());
                assertThat(diff.get("updated_buckets").get(0).get("count").asInt()).isEqualTo(4);
                assertThat(op.get("object_id").asString()).isEqualTo(BREAD);
                assertThat(lines.get(3).get("checkpoint_complete").get("last_op_id")).isEqualTo(diff.get("last_op_id"));
            }
        }
    }

    @Test
    void deletesArriveAsRemovesWithNullData() {
        try (SyncServiceEmulator emulator = TodoWorld.builder().build().start()) {
            TodoWorld.seed(emulator);
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), TestClient.streamBody())) {
                List<JsonNode> initial = stream.untilComplete();
                String subkey = initial.get(1).get("data").get("data").get(1).get("subkey").asString();

                emulator.delete("todos", EGGS);
                List<JsonNode> lines = stream.untilComplete();
                JsonNode remove = lines.get(1).get("data").get("data").get(0);
                assertThat(remove.propertyNames())
                        .containsExactly("op_id", "op", "object_type", "object_id", "checksum", "subkey", "data");
                assertThat(remove.get("op").asString()).isEqualTo("REMOVE");
                assertThat(remove.get("data").isNull()).isTrue();
                assertThat(remove.get("subkey").asString()).isEqualTo(subkey);
                assertThat(remove.get("checksum").asLong())
                        .isEqualTo(Integer.toUnsignedLong(OpChecksums.remove(subkey)));
            }
        }
    }

    @Test
    void rowsAndBucketsFollowParameterChanges() {
        String groceries2 = "33333333-3333-3333-3333-333333333333";
        String bucket2 = "1#user_lists[\"" + groceries2 + "\"]";
        try (SyncServiceEmulator emulator = TodoWorld.builder().build().start()) {
            TodoWorld.seed(emulator);
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), TestClient.streamBody())) {
                stream.untilComplete();

                // A new list of the user's: a new (empty) bucket appears.
                emulator.put("lists", groceries2, list("2026-11-22 12:05:00Z", "Hardware", USER));
                JsonNode added = stream.untilComplete().get(0).get("checkpoint_diff");
                assertThat(added.get("updated_buckets").findValuesAsString("bucket"))
                        .containsExactly(GLOBAL_BUCKET, bucket2);
                assertThat(added.get("updated_buckets").get(1).get("count").asInt()).isZero();

                // Moving Milk there: PUT in the new bucket, REMOVE in the old one.
                emulator.put("todos", MILK, todo("2026-11-22 12:03:26Z", null, "Milk", false, groceries2));
                List<JsonNode> moved = stream.untilComplete();
                List<String> ops = new ArrayList<>();
                for (JsonNode line : moved.subList(1, moved.size() - 1)) {
                    ops.add(line.get("data").get("bucket").asString() + " "
                            + line.get("data").get("data").get(0).get("op").asString());
                }
                assertThat(ops).containsExactly(GLOBAL_BUCKET + " PUT", USER_LISTS_BUCKET + " REMOVE",
                        bucket2 + " PUT");

                // Giving the list away removes its bucket.
                emulator.put("lists", groceries2, list("2026-11-22 12:05:00Z", "Hardware", OTHER_USER));
                JsonNode removed = stream.untilComplete().get(0).get("checkpoint_diff");
                assertThat(removed.get("removed_buckets").toString()).isEqualTo("[\"" + bucket2.replace("\"", "\\\"") + "\"]");
            }
        }
    }

    @Test
    void changesOutsideTheConnectionsBucketsSendNothing() {
        StreamDefinition own = StreamDefinition.bucketDefinition("own")
                .parameters(context -> List.of(List.of(context.userId())))
                .data((table, row) -> List.of(List.of(row.get("owner"))));
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().define(own).build().start()) {
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), TestClient.streamBody())) {
                stream.untilComplete();
                emulator.put("todos", "t1", Map.of("owner", OTHER_USER));
                assertThat(stream.next(Duration.ofMillis(300))).isNull();
                emulator.put("todos", "t2", Map.of("owner", USER));
                assertThat(stream.next().get("checkpoint_diff").get("updated_buckets").get(0).get("bucket").asString())
                        .isEqualTo("1#own[\"" + USER + "\"]");
            }
        }
    }

    @Test
    void aTransactionArrivesInOneCheckpoint() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), TestClient.streamBody())) {
                stream.untilComplete();
                emulator.transaction(tx -> {
                    tx.put("todos", "t1", Map.of("n", 1));
                    tx.put("todos", "t2", Map.of("n", 2));
                    tx.delete("todos", "t1");
                });
                List<JsonNode> lines = stream.untilComplete();
                assertThat(lines).hasSize(3);
                assertThat(lines.get(0).get("checkpoint_diff").get("last_op_id").asString()).isEqualTo("3");
                assertThat(lines.get(1).get("data").get("data").findValuesAsString("op_id"))
                        .containsExactly("1", "2", "3");
            }
        }
    }

    @Test
    void keepalivesCarryTheTokensRemainingSeconds() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().keepaliveInterval(Duration.ofMillis(100))
                .build().start()) {
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(emulator.issueToken(USER), TestClient.streamBody())) {
                stream.untilComplete();
                JsonNode keepalive = stream.next();
                assertThat(keepalive.propertyNames()).containsExactly("token_expires_in");
                assertThat(keepalive.get("token_expires_in").asLong()).isBetween(3590L, 3600L);
            }
        }
    }

    @Test
    void theStreamEndsNormallyWhenTheTokenExpires() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().keepaliveInterval(Duration.ofMillis(300))
                .build().start()) {
            Instant now = Instant.now();
            String token = emulator.issueToken(USER, now, now.plusSeconds(2));
            try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                    .stream(token, TestClient.streamBody())) {
                List<JsonNode> lines = stream.until(line -> line.has("token_expires_in")
                        && line.get("token_expires_in").asLong() == 0);
                assertThat(lines.get(0).has("checkpoint")).isTrue();
                List<Long> remaining = lines.stream().filter(line -> line.has("token_expires_in"))
                        .map(line -> line.get("token_expires_in").asLong()).toList();
                assertThat(remaining).isSortedAccordingTo((a, b) -> Long.compare(b, a)).contains(0L);
                assertThat(remaining.size()).isGreaterThan(1);
                assertThat(stream.awaitEnd().error()).isNull();
            }
        }
    }

    @Test
    void closingTheEmulatorCutsOpenStreams() {
        SyncServiceEmulator emulator = SyncServiceEmulator.builder().build().start();
        try (TestClient.SyncStream stream = new TestClient(emulator.endpoint())
                .stream(emulator.issueToken(USER), TestClient.streamBody())) {
            stream.untilComplete();
            emulator.close();
            assertThat(stream.awaitEnd().error()).isNotNull();
        } finally {
            emulator.close();
        }
        assertThatThrownBy(() -> new TestClient(emulator.endpoint()).get("/write-checkpoint2.json", null))
                .isInstanceOf(RuntimeException.class);
    }
}
