package dev.hexsync.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's replication side: turns replicated row images into oplog ops. A row change gives a PUT in
 * every bucket the row is now in and a REMOVE in every bucket it has left, each with the next op id, and the
 * transaction's end becomes the new checkpoint. Keeps the replicated copy of the source that parameter queries
 * read. Not thread-safe; the emulator's lock guards it.
 */
final class Replicator {

    private final List<StreamDefinition> definitions;
    private final String versionPrefix;
    private final JsonMapper mapper;
    private final Map<String, Map<String, Map<String, Object>>> rows = new LinkedHashMap<>();
    /** Each replicated row's current buckets, to know which ones it leaves. */
    private final Map<String, Set<String>> bucketsByRow = new LinkedHashMap<>();

    Replicator(List<StreamDefinition> definitions, String versionPrefix, JsonMapper mapper) {
        this.definitions = List.copyOf(definitions);
        this.versionPrefix = versionPrefix;
        this.mapper = mapper;
    }

    List<StreamDefinition> definitions() {
        return definitions;
    }

    String bucketId(StreamDefinition definition, List<?> parameters) {
        return definition.bucketId(versionPrefix, mapper.writeValueAsString(parameters));
    }

    /**
     * Appends the transaction's ops and commits it. The data queries all run before the first op is
     * appended, so a query that throws leaves storage as it was.
     */
    void apply(List<SourceDatabase.RowImage> transaction, BucketStorage storage) {
        List<Set<String>> bucketSets = new ArrayList<>();
        for (SourceDatabase.RowImage image : transaction) {
            bucketSets.add(image.row() == null ? Set.of() : bucketsOf(image.table(), image.row()));
        }
        for (int i = 0; i < transaction.size(); i++) {
            SourceDatabase.RowImage image = transaction.get(i);
            String rowKey = image.table() + "\u0000" + image.id();
            Set<String> before = bucketsByRow.getOrDefault(rowKey, Set.of());
            Set<String> after = bucketSets.get(i);
            String subkey = subkey(image.table(), image.id());
            if (!after.isEmpty()) {
                String data = mapper.writeValueAsString(image.row());
                int checksum = OpChecksums.put(image.table(), image.id(), data);
                for (String bucket : after) {
                    storage.append(bucket, new OplogOp(storage.nextOpId(), OplogOp.Type.PUT, image.table(),
                            image.id(), subkey, data, checksum, 0));
                }
            }
            for (String bucket : before) {
                if (!after.contains(bucket)) {
                    storage.append(bucket, new OplogOp(storage.nextOpId(), OplogOp.Type.REMOVE, image.table(),
                            image.id(), subkey, null, OpChecksums.remove(subkey), 0));
                }
            }
            Map<String, Map<String, Object>> table = rows.computeIfAbsent(image.table(), t -> new LinkedHashMap<>());
            if (image.row() == null) {
                table.remove(image.id());
                bucketsByRow.remove(rowKey);
            } else {
                table.put(image.id(), image.row());
                bucketsByRow.put(rowKey, after);
            }
        }
        storage.commit();
    }

    Collection<Map<String, Object>> rows(String table) {
        Map<String, Map<String, Object>> tableRows = rows.get(table);
        return tableRows == null ? List.of() : Collections.unmodifiableCollection(new ArrayList<>(tableRows.values()));
    }

    private Set<String> bucketsOf(String table, Map<String, Object> row) {
        Set<String> buckets = new LinkedHashSet<>();
        for (StreamDefinition definition : definitions) {
            for (List<?> parameters : definition.dataQuery().bucketParameters(table, row)) {
                buckets.add(bucketId(definition, parameters));
            }
        }
        return buckets;
    }

    /**
     * A stable name for the source row, shaped like the Postgres storage's {@code <table uuid>/<row uuid>};
     * the service only needs it to be stable per row.
     */
    private static String subkey(String table, String id) {
        UUID tableId = UUID.nameUUIDFromBytes(("table:" + table).getBytes(StandardCharsets.UTF_8));
        UUID rowId = UUID.nameUUIDFromBytes((table + "\u0000" + id).getBytes(StandardCharsets.UTF_8));
        return tableId + "/" + rowId;
    }
}
