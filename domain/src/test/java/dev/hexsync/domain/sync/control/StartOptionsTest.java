package dev.hexsync.domain.sync.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.domain.sync.StartOptions;
import dev.hexsync.domain.sync.SyncEngineException;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.schema.RawTableStatement;
import dev.hexsync.ports.schema.RawTableStatement.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The raw tables of {@code start}'s schema, read into the typed definitions the storage adapters read. */
class StartOptionsTest {

    @Test
    void rawTablesAreReadIntoTypedDefinitions() {
        StartOptions options = ControlDispatcher.startOptions("""
                {"schema": {"tables": [], "raw_tables": [
                  {"name": "users", "table_name": "local_users", "synced_columns": ["name"], "clear": "DELETE FROM local_users"},
                  {"name": "items", "put": {"sql": "INSERT INTO items VALUES (?, ?, ?)", "params": ["Id", {"Column": "name"}, "Rest"]},
                   "delete": {"sql": "DELETE FROM items WHERE id = ?", "params": ["Id"]}}]}}""");

        assertThat(options.rawTables()).containsExactly(
                RawTable.of("users").withTableName("local_users").withSyncedColumns(List.of("name"))
                        .withClear("DELETE FROM local_users"),
                RawTable.of("items")
                        .withPut(RawTableStatement.of("INSERT INTO items VALUES (?, ?, ?)", Param.ID,
                                Param.column("name"), Param.REST))
                        .withDelete(RawTableStatement.of("DELETE FROM items WHERE id = ?", Param.ID)));
    }

    @Test
    void aMalformedRawTableIsAnArgumentErrorNamingWhatIsWrong() {
        assertThatThrownBy(() -> ControlDispatcher.startOptions(
                "{\"schema\": {\"raw_tables\": [{\"name\": \"items\", \"put\": {\"sql\": \"INSERT\", \"params\": [\"id\"]}}]}}"))
                .isInstanceOfSatisfying(SyncEngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(SyncEngineException.Kind.ARGUMENT))
                .hasMessage("invalid argument: Schema JSON: raw table 'items'.put.params: expected \"Id\", \"Rest\" or"
                        + " {\"Column\": name}, got \"id\"");
        assertThatThrownBy(() -> ControlDispatcher.startOptions("{\"schema\": {\"raw_tables\": [{\"table_name\": \"t\"}]}}"))
                .isInstanceOfSatisfying(SyncEngineException.class,
                        e -> assertThat(e.kind()).isEqualTo(SyncEngineException.Kind.ARGUMENT))
                .hasMessage("invalid argument: raw tables need a name");
    }
}
