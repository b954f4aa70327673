package dev.hexsync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stream loop on its own, writing into memory, with a hook that changes the source after a given line:
 * this makes the races of sync.ts deterministic (a newer checkpoint during a long download, compaction during
 * a download).
 */
class StreamLoopTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void aMoveTargetBeyondTheCheckpointWithholdsTheComplete() {
        EmulatorCore core = core();
        core.transaction(tx -> {
            tx.put("todos", "t1", Map.of("v", 1));
            tx.put("todos", "t2", Map.of("v", 1));
        });
        List<JsonNode> lines = run(core, 1000, (line, connection) -> {
            if (line == 1) {
                // After the checkpoint line (last_op_id 2), t1 changes (op 3) and compaction makes op 1 a MOVE
                // whose target, 3, is beyond the checkpoint being downloaded.
                core.transaction(tx -> tx.put("todos", "t1", Map.of("v", 2)));
                core.compact();
            } else if (line == 5) {
                connection.end();
            }
        });
        assertThat(kinds(lines)).containsExactly("checkpoint", "data", "checkpoint_diff", "data",
                "checkpoint_complete");
        assertThat(lines.get(1).get("data").get("data").get(0).get("op").asString()).isEqualTo("MOVE");
        assertThat(lines.get(4).get("checkpoint_complete").get("last_op_id").asString()).isEqualTo("3");
    }

    @Test
    void aNewerCheckpointInterruptsALongDownload() {
        EmulatorCore core = core();
        core.transaction(tx -> {
            for (int i = 0; i < 1500; i++) {
                tx.put("todos", "t" + i, Map.of("v", i));
            }
        });
        List<JsonNode> lines = run(core, 100, (line, connection) -> {
            if (line == 2) {
                core.transaction(tx -> tx.put("todos", "late", Map.of("v", 0)));
            } else if (line == 19) {
                connection.end();
            }
        });
        // 10 batches (1000 ops), then the new checkpoint's diff; the interrupted one never completes.
        assertThat(kinds(lines).subList(0, 12)).containsExactly("checkpoint", "data", "data", "data", "data",
                "data", "data", "data", "data", "data", "data", "checkpoint_diff");
        JsonNode resumed = lines.get(12).get("data");
        assertThat(resumed.get("after").asString()).isEqualTo("1000");
        assertThat(lines.get(18).get("checkpoint_complete").get("last_op_id").asString()).isEqualTo("1501");
        assertThat(lines).noneMatch(line -> line.has("checkpoint_complete")
                && line.get("checkpoint_complete").get("last_op_id").asString().equals("1500"));
    }

    /** Called after each whole line the loop writes, with its 1-based number. */
    private interface LineHook {
        void afterLine(int line, SyncConnection connection);
    }

    private static EmulatorCore core() {
        return new EmulatorCore(List.of(StreamDefinition.bucketDefinition("global").tables("todos")), "1#", 1,
                MAPPER);
    }

    private static List<JsonNode> run(EmulatorCore core, int batchSize, LineHook hook) {
        SyncConnection connection = core.open("user1", null, "{}");
        HookedOutput out = new HookedOutput(line -> hook.afterLine(line, connection));
        SyncRequest request = SyncRequest.parse(MAPPER.readTree("{\"raw_data\": true}"), MAPPER);
        SyncStreamLoop loop = new SyncStreamLoop(core, new StreamSession(request, "user1"), connection,
                new LineWriter(out, LineWriter.Format.NDJSON, MAPPER, null), new Faults(),
                System.currentTimeMillis() + 3_600_000, Duration.ofSeconds(20), batchSize, true);
        assertThatThrownBy(loop::run).isInstanceOf(StreamTermination.class)
                .matches(e -> !((StreamTermination) e).isAbort(), "ends normally");
        return out.toString(StandardCharsets.UTF_8).lines().map(MAPPER::readTree).toList();
    }

    private static List<String> kinds(List<JsonNode> lines) {
        return lines.stream().map(line -> line.propertyNames().iterator().next()).toList();
    }

    /** Collects the body and calls the hook on the stream thread after each line is flushed. */
    private static final class HookedOutput extends ByteArrayOutputStream {
        private final IntConsumer afterLine;
        private int lines;

        HookedOutput(IntConsumer afterLine) {
            this.afterLine = afterLine;
        }

        @Override
        public void flush() {
            int count = (int) toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
            while (lines < count) {
                afterLine.accept(++lines);
            }
        }
    }
}
