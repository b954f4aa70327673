package dev.hexsync.adapters.sqlite.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.StorageOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import dev.hexsync.testkit.time.VirtualScheduler;

/**
 * Errors raised inside hexsync's SQL functions carry the engine's result code and words, never a Java class
 * name. The expected messages are the engine's (oracle 0.5.3, conformance scenario crud/55; the non-text key of
 * powersync_remove_duplicate_key_encoding from the oracle too: the native judge, 0.5.1, reports it differently).
 */
class FunctionErrorsTest {
    private static final int SQLITE_CONSTRAINT_DATATYPE = 3091;

    private SqlSession session;

    @BeforeEach
    void open() {
        session = new SqliteStorageEngine(new VirtualScheduler()).open(DatabaseLocation.inMemory("function-errors"), StorageOptions.DEFAULT);
        session.applySchema(Schema.of(Table.builder("t").real("r").text("s").build()));
        session.write(tx -> tx.execute("INSERT INTO t(id, r) VALUES ('a', 1.5)"));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void aRealThatJsonCannotHoldIsRejectedAsTheEngineRejectsIt() {
        StorageException update = failure("UPDATE t SET r = 1e999");
        StorageException insert = failure("INSERT INTO t(id, r) VALUES ('b', -1e999)");

        assertThat(update.vendorCode()).hasValue(SQLITE_CONSTRAINT_DATATYPE);
        assertThat(update).hasMessage("powersync_diff: invalid argument: . cause: number out of range at line 1 column 13");
        assertThat(insert.vendorCode()).hasValue(SQLITE_CONSTRAINT_DATATYPE);
        assertThat(insert).hasMessage("powersync_diff: invalid argument: . cause: number out of range at line 1 column 14");
        long queued = session.read(tx -> tx.get("SELECT count(*) AS n FROM ps_crud").getLong("n"));
        double stored = session.read(tx -> tx.get("SELECT r FROM t").getDouble("r"));
        assertThat(queued).isEqualTo(1);
        assertThat(stored).isEqualTo(1.5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
        SELECT powersync_diff('{"a":1}', '{"a":2}x')  | powersync_diff: invalid argument: . cause: trailing characters at line 1 column 8
        SELECT powersync_diff('{"a":1', '{}')          | powersync_diff: invalid argument: . cause: EOF while parsing an object at line 1 column 6
        SELECT powersync_diff(NULL, '{}')              | powersync_diff: invalid argument: . cause: EOF while parsing a value at line 1 column 0
        SELECT powersync_diff('{}', '[1]')             | powersync_diff: invalid argument: expected two JSON objects. cause: unknown
        SELECT powersync_json_merge('{"a":1}', 'x')    | powersync_json_merge: invalid argument: Expected json object. cause: unknown
        SELECT powersync_json_merge('{"a":1}', NULL)   | powersync_json_merge: invalid argument: Expected json object. cause: unknown
        SELECT powersync_create_raw_table_crud_trigger('{"name":"a","table_name":"nosuch"}', 'x', 'INSERT') | powersync_create_raw_table_crud_trigger: invalid argument: Could not find nosuch in local schema.. cause: unknown
        SELECT powersync_create_raw_table_crud_trigger('{"name":"a","table_name":"ps_kv"}', 'x', 'FOO')     | powersync_create_raw_table_crud_trigger: invalid argument: unexpected write type FOO. cause: unknown
        SELECT powersync_remove_duplicate_key_encoding(NULL) | powersync_remove_duplicate_key_encoding: invalid argument: Expected a text argument. cause: unknown
        SELECT powersync_remove_duplicate_key_encoding(5)    | powersync_remove_duplicate_key_encoding: invalid argument: Expected a text argument. cause: unknown
        """)
    void invalidArgumentsOfTheEngineFunctions(String sql, String message) {
        StorageException error = failure(sql);

        assertThat(error.vendorCode()).hasValue(SQLITE_CONSTRAINT_DATATYPE);
        assertThat(error).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT powersync_create_raw_table_crud_trigger('{', 'x', 'INSERT')",
        "SELECT powersync_create_raw_table_crud_trigger('{}', 'x', 'INSERT')",
        "SELECT powersync_create_raw_table_crud_trigger('{\"name\":\"a\",\"table_name\":\"t\"}', 'x', 'INSERT')",
        "SELECT hexsync_crud_entry('PUT', 'a', 't', NULL, NULL, NULL) || powersync_diff('{}', '{\"a\":[')",
    })
    void noErrorShowsAJavaClassName(String sql) {
        StorageException error = failure(sql);

        assertThat(error.getMessage()).startsWith("powersync_").doesNotContainPattern("(java|javax|dev|org)\\.[a-z]+\\.")
                .doesNotContain("Exception");
    }

    @Test
    void aStatementAFunctionRunsKeepsItsOwnCode() {
        session.write(tx -> tx.execute("CREATE TRIGGER refuse BEFORE INSERT ON ps_crud BEGIN SELECT RAISE(ABORT, 'no'); END"));

        StorageException error = failure("SELECT hexsync_crud_insert(1, '{}')");

        assertThat(error.vendorCode()).hasValue(1811); // SQLITE_CONSTRAINT_TRIGGER, as SQLite reported it
        assertThat(error).hasMessage("hexsync_crud_insert: internal SQLite call returned CONSTRAINT_TRIGGER: no");
    }

    private StorageException failure(String sql) {
        StorageException error = catchThrowableOfType(StorageException.class, () -> session.write(tx -> tx.getAll(sql)));
        assertThat(error).as("%s fails", sql).isNotNull();
        return error;
    }
}
