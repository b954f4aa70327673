package dev.hexsync.domain.sync;

import static dev.hexsync.domain.sync.Lines.bucket;
import static dev.hexsync.domain.sync.Lines.checkpoint;
import static dev.hexsync.domain.sync.Lines.clear;
import static dev.hexsync.domain.sync.Lines.complete;
import static dev.hexsync.domain.sync.Lines.data;
import static dev.hexsync.domain.sync.Lines.diff;
import static dev.hexsync.domain.sync.Lines.keepalive;
import static dev.hexsync.domain.sync.Lines.move;
import static dev.hexsync.domain.sync.Lines.partial;
import static dev.hexsync.domain.sync.Lines.put;
import static dev.hexsync.domain.sync.Lines.remove;
import static dev.hexsync.domain.sync.SyncHarness.CLIENT_ID;
import static dev.hexsync.domain.sync.SyncHarness.START_MICROS;
import static dev.hexsync.domain.sync.SyncHarness.array;
import static dev.hexsync.domain.sync.SyncHarness.close;
import static dev.hexsync.domain.sync.SyncHarness.downloading;
import static dev.hexsync.domain.sync.SyncHarness.group;
import static dev.hexsync.domain.sync.SyncHarness.json;
import static dev.hexsync.domain.sync.SyncHarness.log;
import static dev.hexsync.domain.sync.SyncHarness.status;
import static dev.hexsync.domain.sync.SyncHarness.statusJson;
import static dev.hexsync.domain.sync.SyncHarness.statusUpdate;
import static dev.hexsync.domain.sync.SyncHarness.synced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.domain.checkpoint.CheckpointKeys;
import dev.hexsync.domain.stream.StreamKey;
import dev.hexsync.ports.ProtocolException;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.storage.StorageBusyException;
import dev.hexsync.ports.storage.sync.BucketStore;
import dev.hexsync.ports.storage.sync.StreamSubscriptionStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.ports.sync.EngineControlException;
import dev.hexsync.testkit.storage.InMemorySyncStorage;
import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.OplogRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.RawTableWrite;
import dev.hexsync.testkit.storage.InMemorySyncStorage.RowKey;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The sync engine end to end on in-memory fakes: each test drives {@link SyncClient} with sync lines and
 * events, and compares the instructions (as the engine's JSON, so order, log texts and status contents are
 * all checked at once) and the stored state with what the PowerSync engine produces for the same input.
 */
class SyncClientTest {
    private static final int FULL = DownloadStatus.FULL_SYNC_PRIORITY;
    private static final String DID_COMPLETE = "{\"DidCompleteSync\":{}}";
    private static final String VALIDATED = log("DEBUG", "Validated and applied checkpoint");
    private static final String PENDING_LOCAL_DATA =
            "Could not apply checkpoint due to local data. Will retry at completed upload or next checkpoint.";

    private final SyncHarness h = new SyncHarness();
    private final InMemorySyncStorage store = h.store.declareTable("items");

    private static String establish(String request) {
        return "{\"EstablishSyncStream\":{\"request\":" + request + "}}";
    }

    private static String appliedStatus(long timestamp) {
        return statusUpdate(status(true, false, "[" + synced(FULL, timestamp) + "]", "null", "[]"));
    }

    // ---- start ----------------------------------------------------------------------------------------------

    @Test
    void startReportsConnectingThenAsksForEveryBucketAfterItsLastOp() {
        store.storage().buckets().lookupBucket("b");
        store.storage().buckets().lookupBucket("a");
        store.storage().buckets().setLastOp(List.of("b"), new OpId(7));

        List<Instruction> out = h.start();

        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(Instruction.UpdateSyncStatus.class);
        assertThat(out.get(1)).isInstanceOfSatisfying(Instruction.EstablishSyncStream.class,
                establish -> assertThat(establish.checkpointRequest()).isNull());
        assertThat(json(out)).isEqualTo(array(
                statusUpdate(status(false, true, "[]", "null", "[]")),
                establish("{\"buckets\":[{\"name\":\"b\",\"after\":\"7\"},{\"name\":\"a\",\"after\":\"0\"}],"
                        + "\"include_checksum\":true,\"raw_data\":true,\"binary_data\":true,"
                        + "\"client_id\":\"test-test-test-test\",\"parameters\":null,"
                        + "\"streams\":{\"include_defaults\":true,\"subscriptions\":[]}}")));
        assertThat(h.client.isRunning()).isTrue();
    }

    @Test
    void startCarriesParametersAppMetadataAndCompletedSyncs() {
        store.storage().keyValues().markSynced(FULL, 1_000);
        StartOptions options = new StartOptions("{\"user\":\"u1\"}", List.of(), false, List.of(),
                "{\"app\":\"demo\"}", StartOptions.CheckpointMode.LEGACY);

        assertThat(json(h.start(options))).isEqualTo(array(
                statusUpdate(status(false, true, "[" + synced(FULL, 1_000) + "]", "null", "[]")),
                establish("{\"buckets\":[],\"include_checksum\":true,\"raw_data\":true,\"binary_data\":true,"
                        + "\"client_id\":\"test-test-test-test\",\"parameters\":{\"user\":\"u1\"},"
                        + "\"streams\":{\"include_defaults\":false,\"subscriptions\":[]},"
                        + "\"app_metadata\":{\"app\":\"demo\"}}")));
    }

    @Test
    void requestsModeAffirmsTheLargestKnownCheckpointRequestId() {
        StartOptions requests = new StartOptions(null, List.of(), true, List.of(), null,
                StartOptions.CheckpointMode.REQUESTS);

        assertThat(checkpointRequest(h.start(requests))).isEqualTo(new Instruction.CheckpointRequest(CLIENT_ID, 1));

        store.storage().keyValues().writeLong(CheckpointKeys.LAST_REQUESTED, 4);
        store.storage().keyValues().writeLong(CheckpointKeys.TARGET, Long.MAX_VALUE);
        assertThat(checkpointRequest(h.start(requests))).as("the pending-writes sentinel is never sent")
                .isEqualTo(new Instruction.CheckpointRequest(CLIENT_ID, 4));

        store.storage().keyValues().writeLong(CheckpointKeys.TARGET, 9);
        assertThat(checkpointRequest(h.start(requests))).isEqualTo(new Instruction.CheckpointRequest(CLIENT_ID, 9));
        assertThat(json(h.start(requests))).endsWith(
                "\"checkpoint_request\":{\"client_id\":\"test-test-test-test\",\"checkpoint_request_id\":\"9\"}}}]");
    }

    private static Instruction.CheckpointRequest checkpointRequest(List<Instruction> out) {
        return ((Instruction.EstablishSyncStream) out.get(1)).checkpointRequest();
    }

    // ---- a complete sync ------------------------------------------------------------------------------------

    @Test
    void initialSyncOfTwoBucketsPublishesEveryRow() {
        h.start();

        assertThat(json(h.line(checkpoint(4, bucket("a", 0x30, 3, 2), bucket("b", 0x70, 3, 2)))))
                .isEqualTo(array(statusUpdate(status(true, false, "[]", downloading(group(3, 0, 4)), "[]"))));
        assertThat(json(h.line("data-a", data("a",
                put(1, "items", "1", "{\"name\":\"one\"}", 0x10), put(2, "items", "2", "{\"name\":\"two\"}", 0x20)))))
                .isEqualTo(array(statusUpdate(status(true, false, "[]", downloading(group(3, 2, 4)), "[]"))));
        assertThat(json(h.line("data-b", data("b",
                put(3, "items", "3", "{\"name\":\"three\"}", 0x30), put(4, "other", "x", "{\"v\":4}", 0x40)))))
                .isEqualTo(array(statusUpdate(status(true, false, "[]", downloading(group(3, 4, 4)), "[]"))));

        List<Instruction> out = h.line(complete(4));

        assertThat(out).hasExactlyElementsOfTypes(Instruction.LogLine.class, Instruction.DidCompleteSync.class,
                Instruction.UpdateSyncStatus.class);
        assertThat(json(out)).isEqualTo(array(VALIDATED, DID_COMPLETE, appliedStatus(START_MICROS)));
        assertThat(((Instruction.UpdateSyncStatus) out.get(2)).status().priorityStatus())
                .containsExactly(new DownloadStatus.PriorityStatus(FULL, START_MICROS, true));

        assertThat(store.rows("items")).containsExactly(Map.entry("1", "{\"name\":\"one\"}"),
                Map.entry("2", "{\"name\":\"two\"}"), Map.entry("3", "{\"name\":\"three\"}"));
        assertThat(store.untyped()).containsExactly(Map.entry(new RowKey("other", "x"), "{\"v\":4}"));
        assertThat(store.storage().keyValues().syncStates()).containsExactly(Map.entry(FULL, START_MICROS));
        assertThat(store.buckets()).containsExactly(
                new BucketRow(1, "a", 4, 4, 0, 0x30, false, 2, 0, 6),
                new BucketRow(2, "b", 4, 4, 0, 0x70, false, 2, 0, 6));
        assertThat(store.updatedRows()).isEmpty();
        assertThat(store.kv()).containsOnlyKeys(InMemorySyncStorage.CLIENT_ID_KEY);
    }

    @Test
    void onlyDataLinesMayShareTheirCommitWithTheFollowingLines() {
        h.start();
        assertThat(h.client.storedDataOnly()).isFalse();
        h.line(checkpoint(1, bucket("a", 0x10, 3, 1)));
        assertThat(h.client.storedDataOnly()).isFalse();
        h.line("data-a", data("a", put(1, "items", "1", "{\"name\":\"one\"}", 0x10)));
        assertThat(h.client.storedDataOnly()).isTrue();
        h.line(keepalive(3600));
        assertThat(h.client.storedDataOnly()).isFalse();
        h.line("data-a2", data("a"));
        assertThat(h.client.storedDataOnly()).isTrue();
        h.line(complete(1));
        assertThat(h.client.storedDataOnly()).isFalse();
    }

    @Test
    void aLaterIterationAsksForBucketsAfterTheAppliedCheckpoint() {
        h.start();
        h.line(checkpoint(9, bucket("a", 5)));
        h.line(data("a", put(3, "items", "1", "{}", 5)));
        h.line(complete(9));

        assertThat(json(h.start())).contains("\"buckets\":[{\"name\":\"a\",\"after\":\"9\"}]");
    }

    @Test
    void bucketsMissingFromTheFirstCheckpointAreDeletedAndTheirRowsRemoved() {
        h.start();
        h.line(checkpoint(1, bucket("old", 1)));
        h.line(data("old", put(1, "items", "gone", "{}", 1)));
        h.line(complete(1));
        assertThat(store.rows("items")).containsOnlyKeys("gone");

        h.start();
        h.line(checkpoint(2, bucket("new", 2)));
        assertThat(store.bucket("old")).isEmpty();
        assertThat(store.updatedRows()).containsExactly(new RowKey("items", "gone"));

        h.line(data("new", put(2, "items", "kept", "{}", 2)));
        h.line(complete(2));
        assertThat(store.rows("items")).containsOnlyKeys("kept");
        assertThat(store.updatedRows()).isEmpty();
    }

    @Test
    void rowsGoToTheirTableElseToTheRawTableOfTheirTypeElseToUntyped() {
        StartOptions options = new StartOptions(null,
                List.of(RawTable.of("raw_items"), RawTable.of("items")), true, List.of(), null,
                StartOptions.CheckpointMode.LEGACY);
        h.start(options);
        h.line(checkpoint(3, bucket("a", 1 + 2 + 3)));
        h.line(data("a", put(1, "raw_items", "r1", "{\"a\":1}", 1), put(2, "items", "i1", "{}", 2),
                put(3, "loose", "l1", "{}", 3)));
        h.line(complete(3));

        assertThat(store.rawTableWrites()).as("a declared table wins over a raw table of the same name")
                .containsExactly(new RawTableWrite("raw_items", "r1", "{\"a\":1}"));
        assertThat(store.rows("items")).containsOnlyKeys("i1");
        assertThat(store.untyped()).containsOnlyKeys(new RowKey("loose", "l1"));

        h.line(diff(5, List.of(bucket("a", 1 + 2 + 3 + 4 + 5)), List.of()));
        h.line(data("a", remove(4, "raw_items", "r1", 4), remove(5, "loose", "l1", 5)));
        h.line(complete(5));
        assertThat(store.rawTableWrites()).containsExactly(new RawTableWrite("raw_items", "r1", "{\"a\":1}"),
                new RawTableWrite("raw_items", "r1", null));
        assertThat(store.untyped()).isEmpty();
    }

    @Test
    void binaryLinesAndTextLinesCountTheirSizeInBytes() {
        h.start();
        h.line(checkpoint(2, bucket("a", 3)));
        h.line("x".repeat(186), data("a", put(1, "items", "1", "{}", 1)));
        h.binaryLine("é".repeat(10), data("a", put(2, "items", "2", "{}", 2)));

        assertThat(store.bucket("a")).get().extracting(BucketRow::downloadedSize).isEqualTo(186L + 20L);
    }

    // ---- validation -----------------------------------------------------------------------------------------

    @Test
    void checksumMismatchWarnsClosesAndDeletesTheBucket() {
        h.start();
        h.line(checkpoint(1, bucket("b", 1234)));
        h.line(data("b", put(1, "items", "1", "{}", 4321)));

        List<Instruction> out = h.line(complete(1));

        assertThat(json(out)).isEqualTo(array(log("WARNING", "Could not apply checkpoint, Checksums didn't match, "
                + "failed for: b (expected 0x000004d2, got 0x000010e1 = 0x000010e1 (op) + 0x00000000 (add))"),
                close(false)));
        assertThat(out.get(1)).isEqualTo(new Instruction.CloseSyncStream(false));
        assertThat(h.client.isRunning()).isFalse();
        assertThat(store.bucket("b")).isEmpty();
        assertThat(store.oplog()).isEmpty();
        assertThat(store.updatedRows()).containsExactly(new RowKey("items", "1"));
        assertThat(store.rows("items")).isEmpty();
        assertThat(store.storage().keyValues().syncStates()).isEmpty();
        assertThat(json(h.start())).as("the bucket is downloaded again from scratch").contains("\"buckets\":[]");
    }

    @Test
    void checksumMismatchNamesEveryFailingBucketWithItsTwoSums() {
        h.start();
        h.line(checkpoint(3, bucket("a", 0xffffffffL), bucket("b", 1), bucket("c", 9)));
        h.line(data("a", put(1, "items", "1", "{}", 5), remove(2, "items", "1", 7)));
        h.line(data("c", put(3, "items", "3", "{}", 9)));

        assertThat(json(h.line(complete(3)))).isEqualTo(array(log("WARNING",
                "Could not apply checkpoint, Checksums didn't match, failed for: "
                        + "a (expected 0xffffffff, got 0x0000000c = 0x00000000 (op) + 0x0000000c (add)), "
                        + "b (expected 0x00000001, got 0x00000000 = 0x00000000 (op) + 0x00000000 (add))"),
                close(false)));
        assertThat(store.buckets()).extracting(BucketRow::name).containsExactly("c");
        assertThat(store.rows("items")).isEmpty();
    }

    @Test
    void partialChecksumMismatchIsWordedForThePartialCheckpoint() {
        h.start();
        h.line(checkpoint(2, bucket("p0", 99, 0), bucket("p3", 3, 3)));
        h.line(data("p0", put(1, "items", "1", "{}", 1)));

        assertThat(json(h.line(partial(2, 0)))).isEqualTo(array(log("WARNING",
                "Could not apply partial checkpoint, Checksums didn't match, failed for: "
                        + "p0 (expected 0x00000063, got 0x00000001 = 0x00000001 (op) + 0x00000000 (add))"),
                close(false)));
        assertThat(store.bucket("p0")).isEmpty();
    }

    // ---- op accounting --------------------------------------------------------------------------------------

    @Test
    void removeMoveAndClearKeepTheBucketChecksumEqualToTheSumOfItsOps() {
        h.start();
        h.line(checkpoint(4, bucket("a", 10 + 20 + 30 + 40)));
        h.line(data("a", put(1, "items", "1", "{\"v\":1}", 10), put(2, "items", "2", "{\"v\":2}", 20),
                remove(3, "items", "1", 30), move(4, 40)));
        assertThat(h.line(complete(4))).contains(new Instruction.DidCompleteSync(null));
        assertThat(bucketA()).extracting(BucketRow::addChecksum, BucketRow::opChecksum).containsExactly(80L, 20L);
        assertThat(store.rows("items")).containsOnlyKeys("2");
        assertThat(store.updatedRows()).as("a removal in a never-published bucket needs no re-check").isEmpty();

        // A removal superseding a published op queues its row for the next full publish.
        h.line(diff(6, List.of(bucket("a", 210)), List.of()));
        h.line(data("a", put(5, "items", "3", "{\"v\":3}", 50), remove(6, "items", "2", 60)));
        assertThat(store.updatedRows()).containsExactly(new RowKey("items", "2"));
        assertThat(bucketA()).extracting(BucketRow::addChecksum, BucketRow::opChecksum).containsExactly(160L, 50L);
        assertThat(h.line(complete(6))).contains(new Instruction.DidCompleteSync(null));
        assertThat(store.rows("items")).containsOnlyKeys("3");

        // CLEAR stands for everything before it: its checksum restarts the ledger, every row is re-checked.
        h.line(diff(8, List.of(bucket("a", 1070)), List.of()));
        h.line(data("a", clear(7, 1000), put(8, "items", "4", "{\"v\":4}", 70)));
        assertThat(store.updatedRows()).containsExactly(new RowKey("items", "3"));
        assertThat(bucketA()).extracting(BucketRow::lastAppliedOp, BucketRow::addChecksum, BucketRow::opChecksum)
                .containsExactly(0L, 1000L, 70L);
        assertThat(store.oplog()).extracting(OplogRow::opId).containsExactly(8L);
        assertThat(h.line(complete(8))).contains(new Instruction.DidCompleteSync(null));
        assertThat(store.rows("items")).containsExactly(Map.entry("4", "{\"v\":4}"));
    }

    @Test
    void checksumSumsWrapAt32BitsAndAreStoredUnsigned() {
        h.start();
        h.line(checkpoint(3, bucket("a", 0x10)));
        h.line(data("a", put(1, "items", "1", "{}", 0xfffffff0L)));
        assertThat(bucketA().opChecksum()).isEqualTo(0xfffffff0L);

        h.line(data("a", put(2, "items", "2", "{}", 0x20)));
        assertThat(bucketA().opChecksum()).isEqualTo(0x10L);
        assertThat(store.oplog()).extracting(OplogRow::hash).containsExactly(-16, 0x20);

        assertThat(h.line(complete(3))).contains(new Instruction.DidCompleteSync(null));
    }

    @Test
    void putsOfOneRowUnderDifferentSubkeysCoexistAndTheNewestWins() {
        h.start();
        h.line(checkpoint(3, bucket("a", 6)));
        h.line(data("a", put(1, "items", "1", "s1", "{\"v\":1}", 1), put(2, "items", "1", "s2", "{\"v\":2}", 2),
                remove(3, "items", "1", "s2", 3)));
        assertThat(store.oplog()).extracting(OplogRow::key).containsExactly("items/1/s1");
        h.line(complete(3));

        assertThat(store.rows("items")).containsExactly(Map.entry("1", "{\"v\":1}"));
    }

    private BucketRow bucketA() {
        return store.bucket("a").orElseThrow();
    }

    // ---- the apply gate -------------------------------------------------------------------------------------

    @Test
    void queuedUploadsHoldTheCheckpointBack() {
        store.setPendingUploads(1);
        h.start();
        h.line(checkpoint(1, bucket("a", 5)));
        h.line(data("a", put(1, "items", "1", "{\"v\":1}", 5)));

        assertThat(json(h.line(complete(1)))).isEqualTo(array(log("INFO", PENDING_LOCAL_DATA)));
        assertThat(store.rows("items")).isEmpty();
        assertThat(store.storage().keyValues().syncStates()).isEmpty();
        assertThat(bucketA()).extracting(BucketRow::lastOp, BucketRow::lastAppliedOp).containsExactly(1L, 0L);

        // The queue is still not empty when the upload loop reports: the pending checkpoint is dropped.
        assertThat(json(h.event(new SyncEvent.UploadFinished())))
                .isEqualTo(array(log("WARNING", "Could not apply pending checkpoint even after completed upload")));
        store.setPendingUploads(0);
        assertThat(h.event(new SyncEvent.UploadFinished())).isEmpty();
        assertThat(store.rows("items")).isEmpty();
    }

    @Test
    void aTargetAboveTheLastSeenWriteCheckpointHoldsTheCheckpointBack() {
        store.storage().keyValues().writeLong(CheckpointKeys.TARGET, Long.MAX_VALUE);
        h.start();
        h.line(checkpoint(1, 2L, List.of(bucket("a", 5)), List.of()));
        h.line(data("a", put(1, "items", "1", "{}", 5)));

        assertThat(json(h.line(complete(1)))).isEqualTo(array(log("INFO", PENDING_LOCAL_DATA)));
        assertThat(store.storage().keyValues().readLong(CheckpointKeys.LAST_SEEN)).hasValue(2);
        assertThat(store.rows("items")).isEmpty();
    }

    @Test
    void aHeldCheckpointIsAppliedAfterTheUploadInstallsItsWriteCheckpoint() {
        store.storage().keyValues().writeLong(CheckpointKeys.TARGET, Long.MAX_VALUE);
        store.setPendingUploads(1);
        h.start();
        h.line(checkpoint(5, 3L, List.of(bucket("a", 5)), List.of()));
        h.line(data("a", put(5, "items", "1", "{\"v\":1}", 5)));
        assertThat(json(h.line(complete(5)))).isEqualTo(array(log("INFO", PENDING_LOCAL_DATA)));

        // The upload loop empties the queue and installs the write checkpoint the service answered.
        store.setPendingUploads(0);
        store.storage().keyValues().writeLong(CheckpointKeys.TARGET, 3);
        List<Instruction> out = h.event(new SyncEvent.UploadFinished());

        String applied = status(true, false, "[" + synced(FULL, START_MICROS) + "]", "null", "[]");
        assertThat(json(out)).isEqualTo(array(
                log("DEBUG", "Applied pending checkpoint after completed upload"),
                log("DEBUG", "Applied checkpoint request id 3"),
                "{\"DidCompleteSync\":{\"applied_checkpoint_request_id\":\"3\"}}",
                statusUpdate(applied.substring(0, applied.length() - 1)
                        + ",\"internal_last_applied_checkpoint_request_id\":\"3\"}")));
        assertThat(out.get(2)).isEqualTo(new Instruction.DidCompleteSync(3L));
        assertThat(store.rows("items")).containsExactly(Map.entry("1", "{\"v\":1}"));
        assertThat(store.storage().keyValues().readLong(CheckpointKeys.LAST_APPLIED)).hasValue(3);
        assertThat(store.storage().keyValues().readLong(CheckpointKeys.LAST_SEEN)).hasValue(3);
    }

    @Test
    void aHeldCheckpointOlderThanTheInstalledWriteCheckpointWaitsForTheNextOne() {
        store.storage().keyValues().writeLong(CheckpointKeys.TARGET, Long.MAX_VALUE);
        h.start();
        h.line(checkpoint(5, 3L, List.of(bucket("a", 5)), List.of()));
        h.line(data("a", put(5, "items", "1", "{}", 5)));
        h.line(complete(5));

        store.storage().keyValues().writeLong(CheckpointKeys.TARGET, 4);
        assertThat(h.event(new SyncEvent.UploadFinished())).isEmpty();
        assertThat(store.rows("items")).isEmpty();

        h.line(diff(6, 4L, List.of(bucket("a", 5)), List.of()));
        List<Instruction> out = h.line(complete(6));
        assertThat(out).startsWith(new Instruction.LogLine(Instruction.Severity.DEBUG, "Validated and applied checkpoint"),
                new Instruction.LogLine(Instruction.Severity.DEBUG, "Applied checkpoint request id 4"),
                new Instruction.DidCompleteSync(4L));
        assertThat(statusJson(out.get(3))).endsWith(",\"internal_last_applied_checkpoint_request_id\":\"4\"}");
        assertThat(store.rows("items")).containsOnlyKeys("1");
    }

    @Test
    void priorityZeroIsPublishedDespiteQueuedUploadsAndLowerPrioritiesWait() {
        store.setPendingUploads(1);
        h.start();
        h.line(checkpoint(3, bucket("p0", 1, 0, 1), bucket("p1", 2, 1, 1), bucket("p3", 3, 3, 1)));
        h.line(data("p0", put(1, "items", "0", "{}", 1)));
        h.line(data("p1", put(2, "items", "1", "{}", 2)));
        h.line(data("p3", put(3, "items", "3", "{}", 3)));
        String progress = downloading(group(0, 1, 1), group(1, 1, 1), group(3, 1, 1));

        assertThat(json(h.line(partial(3, 0)))).isEqualTo(array(statusUpdate(
                status(true, false, "[" + synced(0, START_MICROS) + "]", progress, "[]"))));
        assertThat(store.rows("items")).containsOnlyKeys("0");
        assertThat(store.storage().keyValues().syncStates()).containsExactly(Map.entry(0, START_MICROS));
        assertThat(store.bucket("p0")).get().extracting(BucketRow::lastAppliedOp).isEqualTo(3L);

        assertThat(h.line(partial(3, 1))).as("held back silently").isEmpty();
        assertThat(store.rows("items")).containsOnlyKeys("0");
        assertThat(store.bucket("p1")).get().extracting(BucketRow::lastOp, BucketRow::lastAppliedOp)
                .containsExactly(3L, 0L);

        assertThat(json(h.line(complete(3)))).isEqualTo(array(log("INFO", PENDING_LOCAL_DATA)));

        store.setPendingUploads(0);
        assertThat(json(h.event(new SyncEvent.UploadFinished()))).isEqualTo(array(
                log("DEBUG", "Applied pending checkpoint after completed upload"), DID_COMPLETE,
                appliedStatus(START_MICROS)));
        assertThat(store.rows("items")).containsOnlyKeys("0", "1", "3");
        assertThat(store.storage().keyValues().syncStates()).containsExactly(Map.entry(FULL, START_MICROS));
    }

    @Test
    void partialSyncsReplaceTheEntriesOfHigherPrioritiesAndKeepOlderFullSyncs() {
        store.storage().keyValues().markSynced(FULL, 1_000);
        h.start();
        h.line(checkpoint(2, bucket("p0", 1, 0), bucket("p1", 2, 1)));
        h.line(data("p0", put(1, "items", "0", "{}", 1)));
        h.line(data("p1", put(2, "items", "1", "{}", 2)));

        h.advance(Duration.ofSeconds(1));
        long t1 = h.nowMicros();
        assertThat(statusJson(single(h.line(partial(2, 0)))))
                .contains("\"priority_status\":[" + synced(0, t1) + "," + synced(FULL, 1_000) + "]");
        h.advance(Duration.ofSeconds(1));
        long t2 = h.nowMicros();
        assertThat(statusJson(single(h.line(partial(2, 1)))))
                .contains("\"priority_status\":[" + synced(1, t2) + "," + synced(FULL, 1_000) + "]");
        assertThat(store.storage().keyValues().syncStates()).containsExactly(Map.entry(1, t2), Map.entry(FULL, 1_000L));
        assertThat(store.rows("items")).containsOnlyKeys("0", "1");

        h.advance(Duration.ofSeconds(1));
        long t3 = h.nowMicros();
        assertThat(json(h.line(complete(2)))).isEqualTo(array(VALIDATED, DID_COMPLETE, appliedStatus(t3)));
        assertThat(store.storage().keyValues().syncStates()).containsExactly(Map.entry(FULL, t3));
    }

    private static Instruction single(List<Instruction> out) {
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    // ---- checkpoint_diff and status emission ----------------------------------------------------------------

    @Test
    void checkpointDiffDeletesRemovedBucketsAndAnIdenticalDiffEmitsNothing() {
        h.start();
        h.line(checkpoint(2, bucket("a", 1, 3, 1), bucket("b", 2, 3, 1)));
        h.line(data("a", put(1, "items", "1", "{}", 1)));
        h.line(data("b", put(2, "items", "2", "{}", 2)));
        h.line(complete(2));
        assertThat(store.rows("items")).containsOnlyKeys("1", "2");

        var change = diff(3, List.of(bucket("a", 1 + 3, 3, 2)), List.of("b"));
        assertThat(json(h.line(change))).isEqualTo(array(statusUpdate(status(true, false,
                "[" + synced(FULL, START_MICROS) + "]", downloading(group(3, 0, 1)), "[]"))));
        assertThat(store.bucket("b")).isEmpty();
        assertThat(store.updatedRows()).containsExactly(new RowKey("items", "2"));

        assertThat(h.line(change)).as("the status did not change").isEmpty();

        h.line(data("a", put(3, "items", "3", "{}", 3)));
        h.line(complete(3));
        assertThat(store.rows("items")).containsOnlyKeys("1", "3");
        assertThat(store.bucket("a")).get().extracting(BucketRow::lastOp, BucketRow::countAtLast)
                .containsExactly(3L, 2L);
    }

    @Test
    void aNewCheckpointDropsTheCheckpointHeldBackForUploads() {
        store.setPendingUploads(1);
        h.start();
        h.line(checkpoint(1, bucket("a", 5)));
        h.line(data("a", put(1, "items", "1", "{}", 5)));
        h.line(complete(1));
        h.line(checkpoint(1, bucket("a", 5)));

        store.setPendingUploads(0);
        assertThat(h.event(new SyncEvent.UploadFinished())).isEmpty();
        assertThat(store.rows("items")).isEmpty();
    }

    @Test
    void diffBeforeAnyCheckpointIsAProtocolErrorThatEndsTheIteration() {
        h.start();
        assertThatThrownBy(() -> h.line(diff(1, List.of(), List.of())))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("Received checkpoint_diff without previous checkpoint");
        assertThat(h.client.isRunning()).isFalse();
    }

    @Test
    void completeBeforeAnyCheckpointIsAProtocolError() {
        h.start();
        assertThatThrownBy(() -> h.line(complete(1)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("Received checkpoint complete without previous checkpoint");
        assertThat(h.client.isRunning()).isFalse();

        h.start();
        String text = h.decoder.register(complete(1));
        assertThatThrownBy(() -> h.control.control("line_text", text))
                .isInstanceOfSatisfying(EngineControlException.class, e -> assertThat(e.code()).isEqualTo(4))
                .hasMessage("powersync_control: Sync protocol error: "
                        + "Received checkpoint complete without previous checkpoint");
    }

    @Test
    void partialCompleteBeforeAnyCheckpointIsAStateError() {
        h.start();
        assertThatThrownBy(() -> h.line(partial(1, 0)))
                .isInstanceOfSatisfying(SyncEngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(SyncEngineException.Kind.STATE))
                .hasMessage("invalid state: Received checkpoint complete without previous checkpoint");
        assertThat(h.client.isRunning()).isFalse();
    }

    @Test
    void anUnknownLineIsLoggedAndIgnored() {
        h.start();
        assertThat(json(h.line(new SyncLine.Unknown("whatever")))).isEqualTo(array(
                log("DEBUG", "Unknown sync line"), statusUpdate(status(true, false, "[]", "null", "[]"))));
        assertThat(h.client.isRunning()).isTrue();
    }

    // ---- download progress ----------------------------------------------------------------------------------

    @Test
    void progressCountsOpsPerPriorityAndResumesAnInterruptedDownload() {
        var first = checkpoint(5, bucket("a", 1 + 2 + 3, 1, 3), bucket("b", 15, 3, 5));
        h.start();
        assertThat(json(h.line(first))).isEqualTo(array(statusUpdate(status(true, false, "[]",
                downloading(group(1, 0, 3), group(3, 0, 5)), "[]"))));
        assertThat(json(h.line(data("a", put(1, "items", "1", "{}", 1), put(2, "items", "2", "{}", 2)))))
                .isEqualTo(array(statusUpdate(status(true, false, "[]",
                        downloading(group(1, 2, 3), group(3, 0, 5)), "[]"))));
        h.stop();

        h.start();
        assertThat(statusJson(single(h.line(first)))).contains(downloading(group(1, 2, 3), group(3, 0, 5)));
        h.line(data("a", put(3, "items", "3", "{}", 3)));
        assertThat(statusJson(single(h.line(data("b", put(4, "items", "4", "{}", 1), put(5, "items", "5", "{}", 2),
                put(6, "items", "6", "{}", 3), put(7, "items", "7", "{}", 4), put(8, "items", "8", "{}", 5))))))
                .contains(downloading(group(1, 3, 3), group(3, 5, 5)));
        // op ids past the checkpoint are fine: only checksums are validated
        assertThat(h.line(complete(5))).contains(new Instruction.DidCompleteSync(null));
        assertThat(store.storage().buckets().bucketProgress()).containsExactly(new BucketStore.BucketProgress("a", 3, 0),
                new BucketStore.BucketProgress("b", 5, 0));

        // The next checkpoint reports only what is new since the last completed sync.
        assertThat(statusJson(single(h.line(checkpoint(9, bucket("a", 10, 1, 4), bucket("b", 15, 3, 5))))))
                .contains(downloading(group(1, 0, 1), group(3, 0, 0)));
    }

    @Test
    void aBucketThatShrankBelowItsLocalCountResetsEveryCounter() {
        h.start();
        h.line(checkpoint(2, bucket("a", 3, 3, 2), bucket("b", 4, 3, 1)));
        h.line(data("a", put(1, "items", "1", "{}", 1), put(2, "items", "2", "{}", 2)));
        h.line(data("b", put(3, "items", "3", "{}", 4)));
        h.line(complete(2));

        assertThat(statusJson(single(h.line(checkpoint(4, bucket("a", 3, 3, 1), bucket("b", 4, 3, 1))))))
                .contains(downloading(group(3, 0, 2)));
        assertThat(store.storage().buckets().bucketProgress()).containsExactly(new BucketStore.BucketProgress("a", 0, 0),
                new BucketStore.BucketProgress("b", 0, 0));
    }

    // ---- keepalive --------------------------------------------------------------------------------------------

    @Test
    void anExpiredTokenFetchesCredentialsAndCloses() {
        h.start();
        h.event(new SyncEvent.ConnectionEstablished());
        assertThat(json(h.line(keepalive(0))))
                .isEqualTo(array("{\"FetchCredentials\":{\"did_expire\":true}}", close(false)));
        assertThat(h.client.isRunning()).isFalse();

        h.start();
        h.event(new SyncEvent.ConnectionEstablished());
        assertThat(h.line(keepalive(-5)))
                .containsExactly(new Instruction.FetchCredentials(true), new Instruction.CloseSyncStream(false));
    }

    @Test
    void aTokenAboutToExpireIsPrefetchedWithoutClosing() {
        h.start();
        assertThat(json(h.line(keepalive(30)))).isEqualTo(array("{\"FetchCredentials\":{\"did_expire\":false}}",
                statusUpdate(status(true, false, "[]", "null", "[]"))));
        assertThat(h.line(keepalive(1))).containsExactly(new Instruction.FetchCredentials(false));
        assertThat(h.client.isRunning()).isTrue();
    }

    @Test
    void aValidTokenChangesNothing() {
        h.start();
        h.event(new SyncEvent.ConnectionEstablished());
        assertThat(h.line(keepalive(31))).isEmpty();
        assertThat(h.client.isRunning()).isTrue();
    }

    @Test
    void aKeepaliveRestartsQuietlyWhenAnExplicitSubscriptionExpired() {
        store.storage().subscriptions().subscribe("lists", "null", null, 60, START_MICROS);
        h.start();
        h.event(new SyncEvent.ConnectionEstablished());

        h.advance(Duration.ofSeconds(61));
        assertThat(json(h.line(keepalive(3600)))).isEqualTo(array(close(true)));
        assertThat(store.storage().subscriptions().subscriptions()).isEmpty();
    }

    @Test
    void aKeepaliveExtendsActiveSubscriptionsBeforeComparing() {
        store.storage().subscriptions().subscribe("lists", "null", null, 60, START_MICROS);
        h.start(new StartOptions(null, List.of(), true, List.of(new StreamKey("lists", null)), null,
                StartOptions.CheckpointMode.LEGACY));
        h.event(new SyncEvent.ConnectionEstablished());

        h.advance(Duration.ofSeconds(61));
        assertThat(h.line(keepalive(3600))).isEmpty();
        assertThat(store.storage().subscriptions().subscriptions()).singleElement()
                .extracting(StreamSubscriptionStore.StreamSubscription::expiresAt).isEqualTo(h.nowMicros() + 60_000_000L);
    }

    // ---- lifecycle --------------------------------------------------------------------------------------------

    @Test
    void stopReportsDisconnectedAndCloses() {
        h.start();
        h.event(new SyncEvent.ConnectionEstablished());

        assertThat(json(h.stop())).isEqualTo(array(statusUpdate(status(false, false, "[]", "null", "[]")),
                close(false)));
        assertThat(h.client.isRunning()).isFalse();
        assertThat(h.stop()).isEmpty();
    }

    @Test
    void connectionEventsUpdateTheStatus() {
        h.start();
        assertThat(json(h.event(new SyncEvent.ConnectionEstablished())))
                .isEqualTo(array(statusUpdate(status(true, false, "[]", "null", "[]"))));
        assertThat(h.event(new SyncEvent.ConnectionEstablished())).isEmpty();
        assertThat(json(h.event(new SyncEvent.StreamEnded())))
                .isEqualTo(array(statusUpdate(status(false, false, "[]", "null", "[]")), close(false)));
        assertThat(h.client.isRunning()).isFalse();
    }

    @Test
    void aRefreshedTokenRestartsQuietly() {
        h.start();
        assertThat(json(h.event(new SyncEvent.TokenRefreshed()))).isEqualTo(array(close(true)));
        assertThat(h.client.isRunning()).isFalse();
    }

    @Test
    void startingAgainEndsTheRunningIterationSilently() {
        h.start();
        h.line(checkpoint(1, bucket("a", 1)));

        assertThat(json(h.start())).isEqualTo(array(statusUpdate(status(false, true, "[]", "null", "[]")),
                establish("{\"buckets\":[],\"include_checksum\":true,\"raw_data\":true,\"binary_data\":true,"
                        + "\"client_id\":\"test-test-test-test\",\"parameters\":null,"
                        + "\"streams\":{\"include_defaults\":true,\"subscriptions\":[]}}")));
    }

    @Test
    void eventsWithoutAnIterationAreStateErrors() {
        assertThatThrownBy(() -> h.event(new SyncEvent.ConnectionEstablished()))
                .isInstanceOfSatisfying(SyncEngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(SyncEngineException.Kind.STATE))
                .hasMessage("invalid state: No iteration is active");
        assertThatThrownBy(() -> h.control.control("completed_upload", null))
                .isInstanceOfSatisfying(EngineControlException.class, e -> assertThat(e.code()).isEqualTo(21))
                .hasMessage("powersync_control: invalid state: No iteration is active");

        h.start();
        h.event(new SyncEvent.TokenRefreshed());
        assertThatThrownBy(() -> h.line(keepalive(60)))
                .isInstanceOfSatisfying(SyncEngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(SyncEngineException.Kind.STATE));
    }

    @Test
    void aBusyStoreLeavesTheIterationAsItWasSoTheLineCanBeHandedInAgain() {
        InMemorySyncStorage backing = new InMemorySyncStorage(CLIENT_ID).declareTable("items");
        AtomicBoolean busy = new AtomicBoolean();
        SyncStorage roles = backing.storage();
        BucketStore flaky = (BucketStore) Proxy.newProxyInstance(BucketStore.class.getClassLoader(),
                new Class<?>[] {BucketStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("lookupBucket") && busy.getAndSet(false)) {
                        throw new StorageBusyException("database is locked", OptionalInt.of(5), null);
                    }
                    try {
                        return method.invoke(roles.buckets(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SyncHarness harness = new SyncHarness(backing, new SyncStorage(flaky, roles.oplog(), roles.publishing(),
                roles.keyValues(), roles.subscriptions(), roles.replica()));
        harness.start();
        harness.event(new SyncEvent.ConnectionEstablished());
        harness.line(checkpoint(1, bucket("a", 1, 3, 1)));

        var line = data("a", put(1, "items", "1", "{}", 1));
        busy.set(true);
        assertThatThrownBy(() -> harness.line(line)).isInstanceOf(StorageBusyException.class);
        assertThat(harness.client.isRunning()).isTrue();

        assertThat(statusJson(single(harness.line(line)))).contains(downloading(group(3, 1, 1)));
        assertThat(json(harness.line(complete(1)))).isEqualTo(array(VALIDATED, DID_COMPLETE,
                appliedStatus(START_MICROS)));
        assertThat(backing.rows("items")).containsOnlyKeys("1");
    }
}
