package dev.hexsync.adapters.h2;

import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.testkit.storage.KeyValueStoreContractTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The KeyValueStore contract, run against H2 file databases. */
class H2KeyValueStoreContractTest extends KeyValueStoreContractTest {

    @Override
    protected StorageEngine engine() {
        return new H2StorageEngine();
    }

    @Override
    protected DatabaseLocation newFileLocation(Path tempDir) {
        return DatabaseLocation.file(tempDir.resolve("contract.h2"));
    }

    /**
     * A physical difference: {@code ps_kv.value} is VARCHAR on H2 (one type per column; SQLite's BLOB column holds
     * integers and text alike), so integer values are stored in decimal. Read back, a value that is an integer's
     * decimal spelling is the integer, as SQLite's column holds it.
     */
    @Override
    protected List<Map<String, Object>> rows(String sql, Object... params) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : super.rows(sql, params)) {
            Map<String, Object> typed = new LinkedHashMap<>(row);
            if (typed.get("value") instanceof String text && text.matches("-?[0-9]{1,19}")) {
                try {
                    typed.put("value", Long.parseLong(text));
                } catch (NumberFormatException e) {
                    // Beyond 64 bits: text it stays.
                }
            }
            rows.add(typed);
        }
        return rows;
    }
}
