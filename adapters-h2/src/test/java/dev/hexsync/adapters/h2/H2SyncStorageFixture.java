package dev.hexsync.adapters.h2;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.testkit.storage.SqlSyncStorageFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sync storage contracts' engine on an H2 file database. The one physical difference the contracts can see:
 * {@code ps_kv.value} is VARCHAR on H2 (a column has one type; SQLite's BLOB column holds integers and text
 * alike), so integer values are stored in decimal; observed, a value that is an integer's decimal spelling is
 * that integer, as SQLite's column holds it.
 */
final class H2SyncStorageFixture extends SqlSyncStorageFixture {

    private H2SyncStorageFixture(Path tempDir) {
        super(new H2StorageEngine().open(DatabaseLocation.file(tempDir.resolve("contract.h2")), StorageOptions.DEFAULT));
    }

    static H2SyncStorageFixture open(Path tempDir) {
        return new H2SyncStorageFixture(tempDir);
    }

    @Override
    public Map<String, Object> keyValues() {
        Map<String, Object> values = new TreeMap<>();
        for (Map.Entry<String, Object> entry : super.keyValues().entrySet()) {
            Object value = entry.getValue();
            if (value instanceof String text && text.matches("-?[0-9]{1,19}")) {
                try {
                    value = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    // Beyond 64 bits: text it stays.
                }
            }
            values.put(entry.getKey(), value);
        }
        return values;
    }
}
