package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.json.Json;
import dev.hexsync.ports.model.UploadQueueStats;
import dev.hexsync.ports.storage.CrudQueue;
import dev.hexsync.ports.storage.CrudRecord;
import dev.hexsync.ports.storage.SqlSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CrudQueue}, as a test kit: peeking entries and transactions, completing them with and
 * without a write checkpoint, statistics. Every storage engine extends this class, names itself and where its file
 * databases live, and inherits every test.
 *
 * <pre>{@code
 * class MyCrudQueueContractTest extends CrudQueueContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 *
 * <p>See {@link SqlSessionContract} for the layout the tests speak and how they are bounded.
 */
public abstract class CrudQueueContractTest extends SqlSessionContract {
    // ---- Upload queue ----

    @Test
    void peekReturnsTheOldestEntriesFirstUpToTheLimit() {
        SqlSession session = openWithSchema();
        session.write(tx -> insertTodo(tx, "a", "first", 0));
        session.write(tx -> insertTodo(tx, "b", "second", 1));
        session.write(tx -> insertTodo(tx, "c", "third", 0));

        List<CrudRecord> two = session.crudQueue().peek(2);

        assertThat(two).hasSize(2);
        assertThat(two.get(0).id()).isLessThan(two.get(1).id());
        assertThat(two.get(0).transactionId().orElseThrow()).isLessThan(two.get(1).transactionId().orElseThrow());
        Map<String, Object> entry = Json.parseObject(two.get(0).data());
        assertThat(entry).containsEntry("op", "PUT").containsEntry("id", "a").containsEntry("type", "todos");
        assertThat(entry.get("data")).isEqualTo(Map.of("description", "first", "completed", 0L));
        assertThat(Json.parseObject(two.get(1).data())).containsEntry("id", "b");
        assertThat(session.crudQueue().peek(10)).extracting(record -> Json.parseObject(record.data()).get("id"))
                .containsExactly("a", "b", "c");
    }

    @Test
    void peekTransactionReturnsTheWholeOldestTransaction() {
        SqlSession session = openWithSchema();
        session.write(tx -> {
            insertTodo(tx, "a", "first", 0);
            insertTodo(tx, "b", "second", 0);
            return null;
        });
        session.write(tx -> insertTodo(tx, "c", "third", 0));
        CrudQueue queue = session.crudQueue();

        List<CrudRecord> oldest = queue.peekTransaction();
        assertThat(oldest).extracting(record -> Json.parseObject(record.data()).get("id")).containsExactly("a", "b");
        assertThat(oldest.get(0).transactionId()).isPresent().isEqualTo(oldest.get(1).transactionId());

        queue.complete(oldest.get(1).id(), Optional.empty());
        List<CrudRecord> next = queue.peekTransaction();
        assertThat(next).extracting(record -> Json.parseObject(record.data()).get("id")).containsExactly("c");
        assertThat(next.get(0).transactionId().orElseThrow())
                .isGreaterThan(oldest.get(0).transactionId().orElseThrow());

        queue.complete(next.get(0).id(), Optional.empty());
        assertThat(queue.peekTransaction()).isEmpty();
    }

    @Test
    void completeWithoutWriteCheckpointDeletesAndWaitsForAnUnknownCheckpoint() {
        SqlSession session = openWithSchema();
        session.write(tx -> insertTodo(tx, "a", "first", 0));
        session.write(tx -> insertTodo(tx, "b", "second", 0));
        List<CrudRecord> queued = session.crudQueue().peek(10);
        // A local write already raised the gate; clear it so that only complete() can have set it.
        clearTarget(session);

        session.crudQueue().complete(queued.get(0).id(), Optional.empty());

        assertThat(session.crudQueue().peek(10)).containsExactly(queued.get(1));
        assertThat(kvLong(session, "target_checkpoint_request_id")).contains(MAX_OP_ID);

        clearTarget(session);
        session.crudQueue().complete(queued.get(1).id(), Optional.empty());
        assertThat(session.crudQueue().peek(10)).isEmpty();
        assertThat(kvLong(session, "target_checkpoint_request_id")).contains(MAX_OP_ID);
    }

    @Test
    void completeWithWriteCheckpointThatDrainsTheQueueTargetsIt() {
        SqlSession session = openWithSchema();
        session.write(tx -> insertTodo(tx, "a", "first", 0));
        session.write(tx -> insertTodo(tx, "b", "second", 0));
        long last = session.crudQueue().peek(10).get(1).id();

        session.crudQueue().complete(last, Optional.of("42"));

        assertThat(session.crudQueue().peek(10)).isEmpty();
        assertThat(kvLong(session, "target_checkpoint_request_id")).contains(42L);
    }

    @Test
    void completeWithWriteCheckpointThatLeavesEntriesWaitsForAnUnknownCheckpoint() {
        SqlSession session = openWithSchema();
        session.write(tx -> insertTodo(tx, "a", "first", 0));
        session.write(tx -> insertTodo(tx, "b", "second", 0));
        List<CrudRecord> queued = session.crudQueue().peek(10);

        session.crudQueue().complete(queued.get(0).id(), Optional.of("42"));

        // The checkpoint only covers what was uploaded; the entry still queued has not reached the service.
        assertThat(session.crudQueue().peek(10)).containsExactly(queued.get(1));
        assertThat(kvLong(session, "target_checkpoint_request_id")).contains(MAX_OP_ID);
    }

    @Test
    void completingAnEmptyQueueChangesNothing() {
        SqlSession session = openWithSchema();

        // As the SDKs do: an upload that found nothing queued must not move the write gate.
        session.crudQueue().complete(100, Optional.of("42"));

        assertThat(kvLong(session, "target_checkpoint_request_id")).isEmpty();
        assertThat(session.crudQueue().peek(10)).isEmpty();
        assertThat(session.crudQueue().peekTransaction()).isEmpty();
    }

    @Test
    void statsCountEntriesAndTheirSize() {
        SqlSession session = openWithSchema();
        assertThat(session.crudQueue().stats(true)).satisfies(empty -> {
            assertThat(empty.count()).isZero();
            assertThat(empty.sizeBytes()).hasValue(0);
        });
        session.write(tx -> insertTodo(tx, "a", "café ☕", 0));
        session.write(tx -> insertTodo(tx, "b", "plain", 1));
        // The size is of the UTF-8 JSON, so the non-ASCII description counts by bytes, not characters.
        long bytes = session.crudQueue().peek(10).stream()
                .mapToLong(record -> record.data().getBytes(StandardCharsets.UTF_8).length).sum();

        UploadQueueStats withSize = session.crudQueue().stats(true);
        UploadQueueStats withoutSize = session.crudQueue().stats(false);

        assertThat(withSize.count()).isEqualTo(2);
        assertThat(withSize.sizeBytes()).hasValue(bytes);
        assertThat(withoutSize.count()).isEqualTo(2);
        assertThat(withoutSize.sizeBytes()).isEmpty();
    }

}
