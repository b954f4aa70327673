package dev.hexsync.adapters.h2;

import dev.hexsync.ports.api.ReadContext;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.StorageEngine;
import dev.hexsync.testkit.storage.StorageContractTest;
import java.nio.file.Path;

/** The storage contract, run against H2 file databases. */
class H2StorageContractTest extends StorageContractTest {

    @Override
    protected StorageEngine engine() {
        return new H2StorageEngine();
    }

    @Override
    protected DatabaseLocation newFileLocation(Path tempDir) {
        return DatabaseLocation.file(tempDir.resolve("contract.h2"));
    }

    /**
     * H2 has no schema counter like SQLite's {@code PRAGMA schema_version}: this one is a fingerprint of the
     * definitions of every view, table and trigger, which changes when one is created, dropped or redefined (not
     * when one is dropped and created again exactly alike).
     */
    @Override
    protected long schemaVersion(ReadContext tx) {
        long fingerprint = 17;
        for (SqlRow row : tx.getAll("SELECT table_name, table_type FROM information_schema.tables"
                + " WHERE table_schema = 'public' ORDER BY table_name")) {
            fingerprint = 31 * fingerprint + (row.getString("table_name") + row.getString("table_type")).hashCode();
        }
        for (SqlRow row : tx.getAll("SELECT table_name, view_definition FROM information_schema.views"
                + " WHERE table_schema = 'public' ORDER BY table_name")) {
            fingerprint = 31 * fingerprint + (row.getString("table_name") + row.getString("view_definition")).hashCode();
        }
        for (SqlRow row : tx.getAll("SELECT trigger_name FROM information_schema.triggers"
                + " WHERE trigger_schema = 'public' ORDER BY trigger_name")) {
            fingerprint = 31 * fingerprint + row.getString("trigger_name").hashCode();
        }
        return fingerprint;
    }
}
