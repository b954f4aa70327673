package dev.hexsync.emulator;

import static dev.hexsync.emulator.TodoWorld.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Compaction turns superseded ops into MOVE and a leading run into CLEAR without changing checksums. */
class CompactionTest {

    private static final String BUCKET = "1#global[]";

    @Test
    void supersededOpsBecomeMovesAndALeadingRunBecomesOneClear() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            emulator.put("todos", "t1", Map.of("v", 1));      // 1: superseded by 3 -> MOVE
            emulator.put("todos", "t2", Map.of("v", 1));      // 2: superseded by 4 -> MOVE
            emulator.put("todos", "t1", Map.of("v", 2));      // 3: superseded by 5 -> MOVE
            emulator.delete("todos", "t2");                   // 4: REMOVE, newest for t2
            emulator.put("todos", "t1", Map.of("v", 3));      // 5: PUT stays
            BucketSnapshot before = emulator.bucket(BUCKET).orElseThrow();

            assertThat(emulator.compact()).containsExactly(BUCKET);

            BucketSnapshot after = emulator.bucket(BUCKET).orElseThrow();
            assertThat(after.checksum()).isEqualTo(before.checksum());
            assertThat(after.ops()).extracting(OplogOp::opId, OplogOp::type).containsExactly(
                    tuple(4L, OplogOp.Type.CLEAR),
                    tuple(5L, OplogOp.Type.PUT));
            OplogOp clear = after.ops().get(0);
            int runSum = 0;
            for (OplogOp op : before.ops().subList(0, 4)) {
                runSum += op.checksum();
            }
            assertThat(clear.checksum()).isEqualTo(runSum);
            assertThat(clear.targetOp()).isEqualTo(5L);
            assertThat(after.count()).isEqualTo(2);
            assertThat(emulator.compact()).as("compaction is idempotent").isEmpty();
        }
    }

    @Test
    void moveOpsKeepTheirChecksumsWhenNotLeading() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            emulator.put("todos", "keep", Map.of("v", 0));    // 1: PUT stays first, so no CLEAR
            emulator.put("todos", "t1", Map.of("v", 1));      // 2: -> MOVE
            emulator.put("todos", "t1", Map.of("v", 2));      // 3
            BucketSnapshot before = emulator.bucket(BUCKET).orElseThrow();
            emulator.compact();
            BucketSnapshot after = emulator.bucket(BUCKET).orElseThrow();
            OplogOp move = after.ops().get(1);
            assertThat(move.type()).isEqualTo(OplogOp.Type.MOVE);
            assertThat(move.checksum()).isEqualTo(before.ops().get(1).checksum());
            assertThat(move.targetOp()).isEqualTo(3L);
            assertThat(after.count()).isEqualTo(3);
        }
    }

    @Test
    void aClientSyncingAfterCompactionGetsConsistentChecksums() {
        try (SyncServiceEmulator emulator = SyncServiceEmulator.builder().globalBucket("global", "todos").build()
                .start()) {
            emulator.put("todos", "t1", Map.of("v", 1));
            emulator.put("todos", "t2", Map.of("v", 1));
            emulator.delete("todos", "t1");
            emulator.put("todos", "t2", Map.of("v", 2));
            emulator.put("todos", "t3", Map.of("v", 1));
            TestClient client = new TestClient(emulator.endpoint());
            try (TestClient.SyncStream connected = client.stream(emulator.issueToken(USER), TestClient.streamBody())) {
                connected.untilComplete();
                emulator.compact();
                // The count shrank, so connected clients get a diff; they already have everything.
                List<JsonNode> lines = connected.untilComplete();
                assertThat(lines).hasSize(2);
                JsonNode updated = lines.get(0).get("checkpoint_diff").get("updated_buckets").get(0);
                assertThat(updated.get("count").asInt()).isEqualTo(3);
            }
            try (TestClient.SyncStream fresh = client.stream(emulator.issueToken(USER), TestClient.streamBody())) {
                List<JsonNode> lines = fresh.untilComplete();
                JsonNode bucket = lines.get(0).get("checkpoint").get("buckets").get(0);
                JsonNode ops = lines.get(1).get("data").get("data");
                int sum = 0;
                for (JsonNode op : ops.values()) {
                    sum += (int) op.get("checksum").asLong();
                }
                assertThat(sum).isEqualTo(bucket.get("checksum").asInt());
                assertThat(ops.size()).isEqualTo(bucket.get("count").asInt());
                JsonNode clear = ops.get(0);
                assertThat(clear.toString()).startsWith("{\"op_id\":\"3\",\"op\":\"CLEAR\",\"checksum\":");
                assertThat(clear.propertyNames()).containsExactly("op_id", "op", "checksum");
            }
        }
    }
}
