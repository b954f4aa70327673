package dev.hexsync.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.storage.sync.KeyValueStore;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link KeyValueStore}, as a test kit: integer key-values, the client id and the completed
 * syncs per priority. Every storage engine extends this class, names itself and where its file databases live,
 * and inherits every test.
 *
 * <pre>{@code
 * class MyKeyValueStoreContractTest extends KeyValueStoreContractTest {
 *     protected StorageEngine engine() { return new MyStorageEngine(); }
 *     protected DatabaseLocation newFileLocation(Path tempDir) { return DatabaseLocation.file(tempDir.resolve("db")); }
 * }
 * }</pre>
 *
 * <p>See {@link SyncStorageContract} for how effects are observed.
 */
public abstract class KeyValueStoreContractTest extends SyncStorageContract {

    @Test
    void integerKeyValues() {
        assertThat(keyValues((KeyValueStore store) -> store.readLong("k"))).isEmpty();

        keyValues(store -> {
            store.writeLong("k", 5);
            return null;
        });
        assertThat(keyValues((KeyValueStore store) -> store.readLong("k"))).hasValue(5);
        keyValues(store -> {
            store.writeLong("k", Long.MAX_VALUE);
            return null;
        });
        assertThat(keyValues((KeyValueStore store) -> store.readLong("k"))).hasValue(Long.MAX_VALUE);
        assertThat(stored().keyValues()).containsEntry("k", Long.MAX_VALUE);

        keyValues(store -> {
            store.delete("k");
            store.delete("never set");
            return null;
        });
        assertThat(keyValues((KeyValueStore store) -> store.readLong("k"))).isEmpty();
    }

    @Test
    void incrementStartsFromZero() {
        assertThat(keyValues((KeyValueStore store) -> store.increment("counter"))).isEqualTo(1);
        assertThat(keyValues((KeyValueStore store) -> store.increment("counter"))).isEqualTo(2);
        assertThat(keyValues((KeyValueStore store) -> store.readLong("counter"))).isEqualTo(OptionalLong.of(2));

        keyValues(store -> {
            store.writeLong("counter", 41);
            return null;
        });
        assertThat(keyValues((KeyValueStore store) -> store.increment("counter"))).isEqualTo(42);
    }

    @Test
    void clientIdIsTheDatabasesOwn() {
        Object stored = stored().keyValues().get("client_id");

        assertThat(keyValues(KeyValueStore::clientId)).isEqualTo(stored).isNotBlank();
    }

    @Test
    void markSyncedDropsHigherPriorities() {
        keyValues(store -> {
            store.markSynced(3, 100);
            store.markSynced(1, 200);
            return null;
        });
        assertThat(keyValues(KeyValueStore::syncStates)).containsExactly(Map.entry(1, 200L), Map.entry(3, 100L));

        keyValues(store -> {
            store.markSynced(2, 300);
            return null;
        });
        assertThat(keyValues(KeyValueStore::syncStates)).containsExactly(Map.entry(2, 300L), Map.entry(3, 100L));

        keyValues(store -> {
            store.markSynced(Integer.MAX_VALUE, 400);
            return null;
        });
        assertThat(keyValues(KeyValueStore::syncStates)).containsExactly(Map.entry(Integer.MAX_VALUE, 400L));
        assertThat(stored().syncStates()).containsExactly(Map.entry(2147483647, 400L));
    }
}
