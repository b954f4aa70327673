package dev.hexsync.testkit.storage;

import dev.hexsync.testkit.storage.InMemorySyncStorage.BucketRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.OplogRow;
import dev.hexsync.testkit.storage.InMemorySyncStorage.RowKey;
import java.util.List;
import java.util.Map;

/**
 * What the sync storage contracts see of the state an engine keeps, named after the PowerSync layout it keeps
 * ({@code ps_buckets}, {@code ps_oplog}, ...) and with the values as that layout stores them (unsigned checksum
 * sums after a data line, the signed CLEAR checksum, signed op hashes): the expected values are the PowerSync
 * engine's. {@link SqlSyncStorageFixture} reads them with SQL, {@link InMemorySyncStorageFixture} from
 * {@link InMemorySyncStorage}; rows use the latter's records.
 */
public interface LayoutObservation {

    /** {@code ps_buckets}, by id. */
    List<BucketRow> buckets();

    /** {@code ps_oplog}, by bucket then op id. */
    List<OplogRow> oplog();

    /** {@code ps_updated_rows}, by type then id. */
    List<RowKey> updatedRows();

    /** {@code ps_untyped}: (type, id) to data, by type then id. */
    Map<RowKey, String> untyped();

    /** {@code ps_data__<type>}: id to data, by id. */
    Map<String, String> syncedRows(String type);

    /**
     * The rows an application reads through the view of a table of the schema (synced or local-only): {@code id}
     * and the given columns, each as the view casts it (Long, Double, String or null), by id.
     */
    List<Map<String, Object>> viewRows(String view, List<String> columns);

    /** {@code ps_kv}: key to value (Long for integers, String for text such as the client id), by key. */
    Map<String, Object> keyValues();

    /** {@code ps_sync_state}: priority to the time of its last completed sync, by priority. */
    Map<Integer, Long> syncStates();

    /** {@code local_params} of {@code ps_stream_subscriptions} as stored (the text {@code null} for none), by id. */
    List<String> subscriptionParams();

    /** How many entries the upload queue ({@code ps_crud}) holds. */
    long uploadQueueSize();
}
