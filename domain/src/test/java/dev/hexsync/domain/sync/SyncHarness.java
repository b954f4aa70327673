package dev.hexsync.domain.sync;

import dev.hexsync.domain.sync.control.ControlDispatcher;
import dev.hexsync.domain.sync.control.InstructionJson;
import dev.hexsync.json.Json;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.ports.sync.EngineControl;
import dev.hexsync.testkit.storage.InMemorySyncStorage;
import dev.hexsync.testkit.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The sync engine wired to in-memory fakes on virtual time: one {@link SyncClient} (and the
 * {@link ControlDispatcher} over it) on an {@link InMemorySyncStorage}, a {@link ManualClock} and a
 * {@link ScriptedLineDecoder}. Lines go in as records; instructions come out as records or as the engine's
 * JSON, which is what the assertions compare so that a difference shows as text.
 */
final class SyncHarness {
    /** The clock of the engine's own golden transcripts: 2025-03-01T10:00Z. */
    static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    static final long START_MICROS = 1_740_823_200_000_000L;
    static final String CLIENT_ID = "test-test-test-test";

    final InMemorySyncStorage store;
    final ManualClock clock = new ManualClock(START);
    final ScriptedLineDecoder decoder = new ScriptedLineDecoder();
    final SyncClient client;
    final ControlDispatcher control;

    SyncHarness() {
        this(new InMemorySyncStorage(CLIENT_ID));
    }

    SyncHarness(InMemorySyncStorage store) {
        this(store, store.storage());
    }

    /** The engine on {@code engineStore} (wrappers of {@code store}'s roles, say), inspected through {@code store}. */
    SyncHarness(InMemorySyncStorage store, SyncStorage engineStore) {
        this.store = store;
        this.client = new SyncClient(engineStore, decoder, clock);
        this.control = new ControlDispatcher(client, engineStore, clock);
    }

    List<Instruction> start() {
        return client.start(StartOptions.DEFAULT);
    }

    List<Instruction> start(StartOptions options) {
        return client.start(options);
    }

    List<Instruction> line(SyncLine line) {
        return client.handle(new SyncEvent.TextLine(decoder.register(line)));
    }

    /** Hands in a line under the exact text {@code text}, whose length is the line's size. */
    List<Instruction> line(String text, SyncLine line) {
        return client.handle(new SyncEvent.TextLine(decoder.register(text, line)));
    }

    List<Instruction> binaryLine(String text, SyncLine line) {
        return client.handle(new SyncEvent.BinaryLine(decoder.register(text, line).getBytes(StandardCharsets.UTF_8)));
    }

    List<Instruction> event(SyncEvent event) {
        return client.handle(event);
    }

    List<Instruction> stop() {
        return client.stop();
    }

    /** Runs a {@code powersync_control} operation that answers with instructions, returning their JSON. */
    String controlJson(String op, Object payload) {
        EngineControl.Result result = control.control(op, payload);
        if (!(result instanceof EngineControl.Result.Instructions instructions)) {
            throw new AssertionError(op + " returned " + result + ", not instructions");
        }
        return instructions.json();
    }

    void advance(Duration duration) {
        clock.advance(duration);
    }

    long nowMicros() {
        return clock.now().toEpochMilli() * 1000;
    }

    // ---- rendering ------------------------------------------------------------------------------------------

    /** The instructions as {@code powersync_control} returns them. */
    static String json(List<Instruction> instructions) {
        return InstructionJson.write(instructions);
    }

    /** The status object of an {@link Instruction.UpdateSyncStatus}, as JSON. */
    static String statusJson(Instruction instruction) {
        if (!(instruction instanceof Instruction.UpdateSyncStatus update)) {
            throw new AssertionError("not a status update: " + instruction);
        }
        return Json.write(InstructionJson.status(update.status()));
    }

    /** {@code {"UpdateSyncStatus":{"status":<status>}}}, for writing expected instruction arrays. */
    static String statusUpdate(String statusJson) {
        return "{\"UpdateSyncStatus\":{\"status\":" + statusJson + "}}";
    }

    static String log(String severity, String line) {
        return "{\"LogLine\":{\"severity\":\"" + severity + "\",\"line\":" + Json.write(line) + "}}";
    }

    static String close(boolean hideDisconnect) {
        return "{\"CloseSyncStream\":{\"hide_disconnect\":" + hideDisconnect + "}}";
    }

    /** A JSON array of instruction texts. */
    static String array(String... instructions) {
        return "[" + String.join(",", instructions) + "]";
    }

    // ---- expected status texts --------------------------------------------------------------------------

    /** A status object in the engine's key order, without the internal checkpoint request id. */
    static String status(boolean connected, boolean connecting, String priorityStatus, String downloading,
            String streams) {
        return "{\"connected\":" + connected + ",\"connecting\":" + connecting + ",\"priority_status\":"
                + priorityStatus + ",\"downloading\":" + downloading + ",\"streams\":" + streams + "}";
    }

    /** One entry of {@code priority_status}. */
    static String synced(int priority, long lastSyncedAt) {
        return "{\"priority\":" + priority + ",\"last_synced_at\":" + lastSyncedAt + ",\"has_synced\":true}";
    }

    /** A {@code downloading} object from {@link #group} entries. */
    static String downloading(String... groups) {
        return "{\"buckets\":{" + String.join(",", groups) + "}}";
    }

    /** One priority group of {@code downloading}. */
    static String group(int priority, long sinceLast, long targetCount) {
        return "\"prio_" + priority + "\":{\"priority\":" + priority + ",\"at_last\":0,\"since_last\":" + sinceLast
                + ",\"target_count\":" + targetCount + "}";
    }
}
