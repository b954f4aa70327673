package dev.hexsync.domain.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.model.Checksum;
import dev.hexsync.ports.model.OpId;
import dev.hexsync.ports.model.OpType;
import dev.hexsync.ports.model.OplogEntry;
import dev.hexsync.ports.model.SyncLine;
import dev.hexsync.ports.storage.sync.BucketStore;
import dev.hexsync.ports.storage.sync.OplogStore;
import dev.hexsync.ports.storage.sync.SyncStorage;
import dev.hexsync.testkit.storage.InMemorySyncStorage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The ledger skips supersedes that cannot match and hands PUTs over in runs; neither may change what the store
 * ends up holding. Random lines (PUT, REMOVE, MOVE, CLEAR, ops without type and id, repeated keys within a line,
 * lines before and after a publish) go through the ledger against stores that answer {@link
 * OplogStore#keysInOplog} exactly, with extra keys, or with every key (the port's default), and through a copy of
 * the engine's op-by-op algorithm; all four stores must agree after every line.
 */
class BucketLedgerTest {

    @Test
    void skippingSupersedesThatCannotMatchChangesNothing() {
        Random random = new Random(7);
        for (int scenario = 0; scenario < 200; scenario++) {
            InMemorySyncStorage reference = new InMemorySyncStorage();
            InMemorySyncStorage exact = new InMemorySyncStorage();
            InMemorySyncStorage superset = new InMemorySyncStorage();
            InMemorySyncStorage everything = new InMemorySyncStorage();
            // One iteration's memory of the keys stored in buckets it found empty, across all its lines.
            InMemorySyncStorage tracked = new InMemorySyncStorage();
            DownloadKeys known = new DownloadKeys();
            AtomicInteger exactSupersedes = new AtomicInteger();
            OplogStore exactView = answering(exact, (bucket, keys) -> held(exact, bucket, keys), exactSupersedes);
            OplogStore supersetView = answering(superset, (bucket, keys) -> {
                Set<String> answer = held(superset, bucket, keys);
                for (String key : keys) {
                    if (random.nextInt(3) == 0) {
                        answer.add(key);
                    }
                }
                answer.add("todos/not-asked/null");
                return answer;
            }, new AtomicInteger());
            int lines = 1 + random.nextInt(12);
            long opId = 0;
            for (int i = 0; i < lines; i++) {
                if (random.nextInt(4) == 0) {
                    for (InMemorySyncStorage store : List.of(reference, exact, superset, everything, tracked)) {
                        store.storage().publishing().publish(Optional.empty(), List.of());
                    }
                }
                List<OplogEntry> ops = new ArrayList<>();
                int count = 1 + random.nextInt(15);
                for (int j = 0; j < count; j++) {
                    ops.add(randomOp(random, ++opId));
                }
                SyncLine.Data line = new SyncLine.Data(random.nextBoolean() ? "a" : "b", ops);
                ReferenceLedger.apply(reference.storage(), line, 100);
                BucketLedger.apply(exact.storage().buckets(), exactView, line, 100);
                BucketLedger.apply(superset.storage().buckets(), supersetView, line, 100);
                BucketLedger.apply(everything.storage().buckets(), everything.storage().oplog(), line, 100);
                BucketLedger.apply(tracked.storage().buckets(), tracked.storage().oplog(), line, 100, known);
                for (InMemorySyncStorage store : List.of(exact, superset, everything, tracked)) {
                    assertThat(store.oplog()).as("scenario %d line %d: oplog", scenario, i)
                            .isEqualTo(reference.oplog());
                    assertThat(store.buckets()).as("scenario %d line %d: buckets", scenario, i)
                            .isEqualTo(reference.buckets());
                    assertThat(store.updatedRows()).as("scenario %d line %d: updated rows", scenario, i)
                            .isEqualTo(reference.updatedRows());
                }
            }
        }
    }

    @Test
    void aLineOfNewRowsSupersedesNothingAndStoresItsPutsInOneRun() {
        InMemorySyncStorage store = new InMemorySyncStorage();
        AtomicInteger supersedes = new AtomicInteger();
        List<Integer> runs = new ArrayList<>();
        OplogStore view = answering(store, (bucket, keys) -> held(store, bucket, keys), supersedes, runs);
        List<OplogEntry> ops = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            ops.add(new OplogEntry(new OpId(i), OpType.PUT, "todos", "t" + i, null, "{}", Checksum.of(i)));
        }
        // The same row twice in the line: the second PUT supersedes the first, which must be stored by then.
        ops.add(new OplogEntry(new OpId(51), OpType.PUT, "todos", "t7", null, "{}", Checksum.of(51)));

        BucketLedger.apply(store.storage().buckets(), view, new SyncLine.Data("a", ops), 10);

        assertThat(supersedes).hasValue(1);
        assertThat(runs).containsExactly(50, 1);
        assertThat(store.oplog()).hasSize(50);
        assertThat(store.bucket("a").orElseThrow().opChecksum()).isEqualTo((1275 - 7 + 51) & 0xffffffffL);
        assertThat(store.bucket("a").orElseThrow().addChecksum()).isEqualTo(7);
    }

    @Test
    void anIterationLooksUpNoKeyOfABucketItFoundEmptyUnlessItStoredThatKeyBefore() {
        InMemorySyncStorage store = new InMemorySyncStorage();
        List<String> asked = new ArrayList<>();
        AtomicInteger supersedes = new AtomicInteger();
        OplogStore view = answering(store, (bucket, keys) -> {
            asked.addAll(keys);
            return held(store, bucket, keys);
        }, supersedes);
        DownloadKeys known = new DownloadKeys();
        List<OplogEntry> first = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            first.add(new OplogEntry(new OpId(i), OpType.PUT, "todos", "t" + i, null, "{}", Checksum.of(i)));
        }
        BucketLedger.apply(store.storage().buckets(), view, new SyncLine.Data("a", first), 10, known);
        assertThat(asked).as("a bucket with no op yet holds no key").isEmpty();

        // A later line of the same download updates row t7 and adds t1001: only t7 may be held.
        BucketLedger.apply(store.storage().buckets(), view, new SyncLine.Data("a", List.of(
                new OplogEntry(new OpId(1001), OpType.PUT, "todos", "t7", null, "{}", Checksum.of(1001)),
                new OplogEntry(new OpId(1002), OpType.PUT, "todos", "t1001", null, "{}", Checksum.of(1002)))), 10, known);
        assertThat(asked).as("t7 was stored by this download; t1001 may only be asked on a filter false positive")
                .contains("todos/t7/null").hasSizeLessThanOrEqualTo(2);
        assertThat(supersedes).hasValue(1);
        assertThat(store.oplog()).hasSize(1001);

        // A new iteration finds the bucket not empty: every key is looked up again.
        asked.clear();
        BucketLedger.apply(store.storage().buckets(), view, new SyncLine.Data("a", List.of(
                new OplogEntry(new OpId(1003), OpType.PUT, "todos", "t1", null, "{}", Checksum.of(1003)))), 10,
                new DownloadKeys());
        assertThat(asked).containsExactly("todos/t1/null");
        assertThat(supersedes).hasValue(2);
    }

    // ---- stores ----------------------------------------------------------------------------------------------

    private interface KeysAnswer {
        Set<String> keys(long bucketId, Collection<String> keys);
    }

    private static OplogStore answering(InMemorySyncStorage store, KeysAnswer answer, AtomicInteger supersedes) {
        return answering(store, answer, supersedes, new ArrayList<>());
    }

    /** The store's oplog, with its own {@code keysInOplog}, counting supersedes and recording the size of each run. */
    private static OplogStore answering(InMemorySyncStorage store, KeysAnswer answer, AtomicInteger supersedes,
            List<Integer> runs) {
        OplogStore oplog = store.storage().oplog();
        return (OplogStore) Proxy.newProxyInstance(OplogStore.class.getClassLoader(), new Class<?>[] {OplogStore.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "keysInOplog" -> {
                            @SuppressWarnings("unchecked")
                            Collection<String> keys = (Collection<String>) args[1];
                            return answer.keys((Long) args[0], keys);
                        }
                        case "supersede" -> supersedes.incrementAndGet();
                        case "insertOps" -> runs.add(((List<?>) args[1]).size());
                        default -> {
                        }
                    }
                    try {
                        return method.invoke(oplog, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Set<String> held(InMemorySyncStorage store, long bucketId, Collection<String> keys) {
        Set<String> held = new HashSet<>();
        for (InMemorySyncStorage.OplogRow row : store.oplog()) {
            if (row.bucket() == bucketId && keys.contains(row.key())) {
                held.add(row.key());
            }
        }
        return held;
    }

    private static OplogEntry randomOp(Random random, long opId) {
        Checksum checksum = Checksum.of(random.nextInt());
        int kind = random.nextInt(20);
        if (kind == 0) {
            return new OplogEntry(new OpId(opId), OpType.CLEAR, null, null, null, null, checksum);
        }
        if (kind < 3) {
            return new OplogEntry(new OpId(opId), OpType.MOVE, null, null, null, null, checksum);
        }
        if (kind == 3) {
            // No type and id: stored without a key, never superseded.
            return new OplogEntry(new OpId(opId), OpType.PUT, null, null, null, "{}", checksum);
        }
        String type = random.nextBoolean() ? "todos" : "lists";
        String id = Integer.toString(random.nextInt(6));
        String subkey = random.nextInt(4) == 0 ? "s" : null;
        OpType op = kind < 8 ? OpType.REMOVE : OpType.PUT;
        return new OplogEntry(new OpId(opId), op, type, id, subkey, op == OpType.PUT ? "{\"v\":" + opId + "}" : null,
                checksum);
    }

    /** The engine's op-by-op algorithm (operations.rs), as the ledger ran it before it learned to skip. */
    private static final class ReferenceLedger {
        static void apply(SyncStorage storage, SyncLine.Data line, long lineSize) {
            BucketStore.BucketHandle bucket = storage.buckets().lookupBucket(line.bucket());
            OplogStore store = storage.oplog();
            boolean empty = bucket.lastAppliedOp().value() == 0;
            Checksum add = Checksum.ZERO;
            Checksum op = Checksum.ZERO;
            OpId last = null;
            int count = 0;
            for (OplogEntry entry : line.data()) {
                last = entry.opId();
                count++;
                switch (entry.op()) {
                    case PUT, REMOVE -> {
                        String key = entry.key();
                        boolean superseded = false;
                        for (Checksum previous : store.supersede(bucket.id(), key == null ? "" : key)) {
                            add = add.plus(previous);
                            op = op.minus(previous);
                            if (!empty) {
                                superseded = true;
                            }
                        }
                        if (entry.op() == OpType.REMOVE) {
                            add = add.plus(entry.checksum());
                            if (superseded && entry.objectType() != null && entry.objectId() != null) {
                                store.markUpdated(entry.objectType(), entry.objectId());
                            }
                        } else {
                            store.insertOp(bucket.id(), entry);
                            op = op.plus(entry.checksum());
                        }
                    }
                    case MOVE -> add = add.plus(entry.checksum());
                    case CLEAR -> {
                        store.clearBucket(bucket.id(), entry.checksum());
                        add = Checksum.ZERO;
                        op = Checksum.ZERO;
                        empty = true;
                    }
                }
            }
            if (last != null) {
                store.finishDataLine(bucket.id(), last, add, op, count, lineSize);
            }
        }
    }
}
