package dev.hexsync.schema.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hexsync.json.Json;
import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.ColumnType;
import dev.hexsync.ports.schema.Index;
import dev.hexsync.ports.schema.IndexedColumn;
import dev.hexsync.ports.schema.RawTable;
import dev.hexsync.ports.schema.RawTableStatement;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.SchemaException;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.schema.TableOptions;
import dev.hexsync.ports.schema.TrackPreviousValues;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SchemaJson reads the schema JSON the PowerSync SDKs hand to the engine. The oracle snippets below are the
 * {@code schema} objects of committed conformance scenarios (testkit/.../conformance/crud), copied verbatim
 * so that a change to the parser that would break them shows up here, next to the parser.
 */
class SchemaJsonTest {

    /** From 34-indexes.scenario.json: ascending/descending/multi-column indexes and a local-only table. */
    private static final String ORACLE_INDEXES = """
            {"tables": [
                {"name": "todos", "columns": [{"name": "list_id", "type": "text"}, {"name": "created_at", "type": "text"}, {"name": "priority", "type": "integer"}, {"name": "score", "type": "real"}], "indexes": [{"name": "list", "columns": [{"name": "list_id", "ascending": true, "type": "text"}]}, {"name": "recent", "columns": [{"name": "created_at", "ascending": false, "type": "text"}]}, {"name": "multi", "columns": [{"name": "list_id", "ascending": true, "type": "text"}, {"name": "priority", "ascending": false, "type": "integer"}, {"name": "score", "ascending": true, "type": "real"}]}]},
                {"name": "drafts", "columns": [{"name": "body", "type": "text"}], "local_only": true, "indexes": [{"name": "body", "columns": [{"name": "body", "ascending": true, "type": "text"}]}]}
              ]}
            """;

    /** From 26-include-old-only-when-changed-columns.scenario.json. */
    private static final String ORACLE_INCLUDE_OLD = """
            {"tables": [
                {"name": "docs", "columns": [{"name": "title", "type": "text"}, {"name": "count", "type": "integer"}, {"name": "amount", "type": "real"}, {"name": "note", "type": "text"}], "include_old": ["title", "amount"], "include_old_only_when_changed": true}
              ]}
            """;

    /** From 28-include-metadata.scenario.json. */
    private static final String ORACLE_METADATA = """
            {"tables": [
                {"name": "posts", "columns": [{"name": "title", "type": "text"}, {"name": "votes", "type": "integer"}], "include_metadata": true}
              ]}
            """;

    /** From 33-view-name-and-quoted-names.scenario.json: names the engine accepts but the SDKs refuse. */
    private static final String ORACLE_QUOTED_NAMES = """
            {"tables": [
                {"name": "todos", "columns": [{"name": "title", "type": "text"}], "view_name": "my_todos"},
                {"name": "MixedCase", "columns": [{"name": "Value", "type": "text"}]},
                {"name": "my table", "columns": [{"name": "my col", "type": "text"}]},
                {"name": "it's", "columns": [{"name": "a", "type": "integer"}]}
              ]}
            """;

    private static Schema everyOption() {
        return new Schema(List.of(
                Table.builder("todos").text("description").integer("completed").real("estimate")
                        .index(Index.on("by_description", "description"))
                        .index(new Index("mixed", List.of(IndexedColumn.descending("completed"),
                                IndexedColumn.ascending("estimate"))))
                        .trackPreviousValues(TrackPreviousValues.columns("completed", "estimate").whenChanged())
                        .trackMetadata()
                        .ignoreEmptyUpdates()
                        .viewName("my_todos")
                        .build(),
                Table.builder("notes").text("body").trackPreviousValues(TrackPreviousValues.all()).build(),
                Table.builder("notes_changed").text("body")
                        .trackPreviousValues(TrackPreviousValues.all().whenChanged()).build(),
                Table.builder("settings").text("value").localOnly().build(),
                Table.builder("events").text("name").insertOnly().trackMetadata().build(),
                Table.builder("plain").build()),
                List.of(RawTable.of("lists")
                        .withPut(RawTableStatement.of("INSERT OR REPLACE INTO lists (id, name, rest) VALUES (?, ?, ?)",
                                RawTableStatement.Param.ID, RawTableStatement.Param.column("name"),
                                RawTableStatement.Param.REST))
                        .withDelete(RawTableStatement.of("DELETE FROM lists WHERE id = ?", RawTableStatement.Param.ID))
                        .withClear("DELETE FROM lists"),
                        RawTable.of("comments").withTableName("local_comments").withSyncedColumns(List.of("body"))));
    }

    @Test
    void roundTripKeepsEveryOption() {
        Schema schema = everyOption();

        Schema parsed = SchemaJson.parse(SchemaJson.write(schema));

        assertThat(parsed).isEqualTo(schema);
        assertThat(parsed.validate()).isSameAs(parsed);
    }

    @Test
    void writtenJsonUsesTheEnginesKeys() {
        Map<String, Object> root = Json.parseObject(SchemaJson.write(everyOption()));

        @SuppressWarnings("unchecked")
        Map<String, Object> todos = ((List<Map<String, Object>>) root.get("tables")).get(0);
        assertThat(todos).containsEntry("name", "todos")
                .containsEntry("view_name", "my_todos")
                .containsEntry("local_only", false)
                .containsEntry("insert_only", false)
                .containsEntry("include_metadata", true)
                .containsEntry("include_old", List.of("completed", "estimate"))
                .containsEntry("include_old_only_when_changed", true)
                .containsEntry("ignore_empty_update", true);
        // The engine needs each index column's type to build the CAST expression.
        assertThat(todos.get("indexes").toString()).contains("type=integer").contains("ascending=false");
        assertThat(root).containsKey("raw_tables");
    }

    @Test
    void writingASchemaWithoutRawTablesOmitsTheKey() {
        String json = SchemaJson.write(Schema.of(Table.builder("t").text("a").build()));
        assertThat(Json.parseObject(json)).containsOnlyKeys("tables");
    }

    @Test
    void emptySchemaRoundTrips() {
        assertThat(SchemaJson.parse(SchemaJson.write(Schema.empty()))).isEqualTo(Schema.empty());
    }

    @Test
    void parsesTheOracleIndexSchema() {
        Schema schema = SchemaJson.parse(ORACLE_INDEXES);

        assertThat(schema.tables()).extracting(Table::name).containsExactly("todos", "drafts");
        Table todos = schema.table("todos").orElseThrow();
        assertThat(todos.columns()).containsExactly(Column.text("list_id"), Column.text("created_at"),
                Column.integer("priority"), Column.real("score"));
        assertThat(todos.indexes()).containsExactly(
                Index.on("list", "list_id"),
                new Index("recent", List.of(IndexedColumn.descending("created_at"))),
                new Index("multi", List.of(IndexedColumn.ascending("list_id"), IndexedColumn.descending("priority"),
                        IndexedColumn.ascending("score"))));
        assertThat(todos.options()).isEqualTo(TableOptions.DEFAULT);
        Table drafts = schema.table("drafts").orElseThrow();
        assertThat(drafts.options().localOnly()).isTrue();
        assertThat(drafts.indexes()).containsExactly(Index.on("body", "body"));
        assertThat(schema.validate()).isSameAs(schema);
    }

    @Test
    void parsesTheOracleIncludeOldSchema() {
        Table docs = SchemaJson.parse(ORACLE_INCLUDE_OLD).table("docs").orElseThrow();

        assertThat(docs.options().trackPreviousValues())
                .contains(new TrackPreviousValues(Optional.of(List.of("title", "amount")), true));
        assertThat(docs.options().flags()).isEqualTo(TableOptions.FLAG_INCLUDE_OLD_ONLY_WHEN_CHANGED);
    }

    @Test
    void parsesTheOracleMetadataSchema() {
        Table posts = SchemaJson.parse(ORACLE_METADATA).table("posts").orElseThrow();

        assertThat(posts.options().trackMetadata()).isTrue();
        assertThat(posts.options().trackPreviousValues()).isEmpty();
        assertThat(posts.columns()).containsExactly(Column.text("title"), Column.integer("votes"));
    }

    @Test
    void parsesNamesTheEngineAcceptsEvenThoughValidationRefusesThem() {
        // The engine applies such a schema (the oracle ran it), so parsing must not be stricter than the engine;
        // only validate(), which mirrors the SDKs, refuses the space and the quote.
        Schema schema = SchemaJson.parse(ORACLE_QUOTED_NAMES);

        assertThat(schema.tables()).extracting(Table::name).containsExactly("todos", "MixedCase", "my table", "it's");
        assertThat(schema.table("todos").orElseThrow().viewName()).isEqualTo("my_todos");
        assertThat(schema.table("my table").orElseThrow().columns()).containsExactly(Column.text("my col"));
        assertThatThrownBy(schema::validate).isInstanceOf(SchemaException.class).hasMessageContaining("my table");
    }

    @Test
    void unknownKeysAreIgnoredAtEveryLevel() {
        Schema schema = SchemaJson.parse("""
                {"tables": [{"name": "t", "future_option": {"x": 1},
                             "columns": [{"name": "a", "type": "text", "comment": "ignored"}],
                             "indexes": [{"name": "i", "unique": true, "columns": [{"name": "a", "collation": "nocase"}]}]}],
                 "version": 7}
                """);

        assertThat(schema).isEqualTo(Schema.of(Table.builder("t").text("a").index(Index.on("i", "a")).build()));
    }

    @Test
    void typeSpellingIsKeptAsWritten() {
        // The engine pastes the type into the view's CAST verbatim, so re-spelling it would change the view SQL.
        Schema schema = SchemaJson.parse("{\"tables\": [{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"TEXT\"}]}]}");

        ColumnType type = schema.table("t").orElseThrow().columns().get(0).type();
        assertThat(type.sqlName()).isEqualTo("TEXT");
        assertThat(type.isStandard()).isTrue();
        assertThat(SchemaJson.write(schema)).contains("\"type\":\"TEXT\"");
    }

    @Test
    void nonStandardTypeParsesButDoesNotValidate() {
        Schema schema = SchemaJson.parse("{\"tables\": [{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"blob\"}]}]}");

        assertThat(schema.table("t").orElseThrow().columns()).containsExactly(new Column("a", new ColumnType("blob")));
        assertThatThrownBy(schema::validate).isInstanceOf(SchemaException.class).hasMessageContaining("'blob'");
    }

    @Test
    void absentFlagsAndNullsMeanFalse() {
        Schema schema = SchemaJson.parse("""
                {"tables": [{"name": "t", "columns": [], "local_only": null, "include_old": false}]}
                """);

        assertThat(schema.table("t").orElseThrow().options()).isEqualTo(TableOptions.DEFAULT);
    }

    @Test
    void missingTablesIsAnEmptySchema() {
        assertThat(SchemaJson.parse("{}")).isEqualTo(Schema.empty());
    }

    @Test
    void textThatIsNotJsonIsRejected() {
        assertThatThrownBy(() -> SchemaJson.parse("{\"tables\": ["))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> SchemaJson.parse("tables"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void jsonThatIsNotAnObjectIsRejected() {
        assertThatThrownBy(() -> SchemaJson.parse("[]")).isInstanceOf(SchemaException.class);
    }

    @Test
    void nonBooleanFlagIsRejectedNamingTheField() {
        assertThatThrownBy(() -> SchemaJson.parse(
                "{\"tables\": [{\"name\": \"todos\", \"columns\": [], \"local_only\": \"yes\"}]}"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("local_only")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> SchemaJson.parse(
                "{\"tables\": [{\"name\": \"todos\", \"columns\": [], \"include_metadata\": 1}]}"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("include_metadata");
        assertThatThrownBy(() -> SchemaJson.parse(
                "{\"tables\": [{\"name\": \"todos\", \"columns\": [], \"include_old\": \"all\"}]}"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("include_old");
    }

    @Test
    void nonBooleanAscendingIsRejectedNamingTheIndex() {
        assertThatThrownBy(() -> SchemaJson.parse("""
                {"tables": [{"name": "todos", "columns": [{"name": "a", "type": "text"}],
                             "indexes": [{"name": "by_a", "columns": [{"name": "a", "ascending": "desc"}]}]}]}
                """))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("index 'by_a'")
                .hasMessageContaining("ascending");
    }

    @Test
    void tableWithoutColumnsIsRejected() {
        assertThatThrownBy(() -> SchemaJson.parse("{\"tables\": [{\"name\": \"todos\"}]}"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("columns");
    }

    @Test
    void columnWithoutTypeIsRejected() {
        assertThatThrownBy(() -> SchemaJson.parse(
                "{\"tables\": [{\"name\": \"todos\", \"columns\": [{\"name\": \"title\"}]}]}"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("column 'title'")
                .hasMessageContaining("type");
    }

    @Test
    void tableWithoutNameIsRejected() {
        assertThatThrownBy(() -> SchemaJson.parse("{\"tables\": [{\"columns\": []}]}"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("name");
    }

    @Test
    void tablesThatIsNotAnArrayIsRejected() {
        assertThatThrownBy(() -> SchemaJson.parse("{\"tables\": {}}"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("tables")
                .hasMessageContaining("array");
    }

    /** From 59-raw-table-inferred-statements.scenario.json and the engine's documentation of raw tables. */
    @Test
    void parsesRawTablesIntoTypedDefinitions() {
        Schema schema = SchemaJson.parse("""
                {"tables": [], "raw_tables": [
                  {"name": "users", "table_name": "local_users"},
                  {"name": "notes", "table_name": "local_notes", "synced_columns": ["body"], "clear": "DELETE FROM local_notes"},
                  {"name": "items", "put": {"sql": "INSERT INTO items VALUES (?, ?, ?)", "params": ["Id", {"Column": "name"}, "Rest"]},
                   "delete": {"sql": "DELETE FROM items WHERE id = ?", "params": ["Id"]}, "insert_only": false, "unknown": 1}
                ]}""");

        assertThat(schema.rawTables()).containsExactly(
                RawTable.of("users").withTableName("local_users"),
                RawTable.of("notes").withTableName("local_notes").withSyncedColumns(List.of("body"))
                        .withClear("DELETE FROM local_notes"),
                RawTable.of("items")
                        .withPut(RawTableStatement.of("INSERT INTO items VALUES (?, ?, ?)", RawTableStatement.Param.ID,
                                RawTableStatement.Param.column("name"), RawTableStatement.Param.REST))
                        .withDelete(RawTableStatement.of("DELETE FROM items WHERE id = ?", RawTableStatement.Param.ID)));
    }

    @Test
    void rawTableNullsMeanAbsent() {
        RawTable table = SchemaJson.parseRawTable(Json.parseObject(
                "{\"name\": \"t\", \"table_name\": null, \"put\": null, \"delete\": null, \"clear\": null,"
                        + " \"synced_columns\": null}"));

        assertThat(table).isEqualTo(RawTable.of("t"));
    }

    @Test
    void malformedRawTablesAreRejectedNamingTheTableAndTheKey() {
        assertRawRejected("{\"table_name\": \"t\"}", "raw_tables[].name must be a string");
        assertRawRejected("{\"name\": \"t\", \"table_name\": 1}", "raw table 't'.table_name must be a string");
        assertRawRejected("{\"name\": \"t\", \"synced_columns\": \"a\"}", "raw table 't'.synced_columns must be an array");
        assertRawRejected("{\"name\": \"t\", \"synced_columns\": [1]}", "raw table 't'.synced_columns[] must be a string");
        assertRawRejected("{\"name\": \"t\", \"put\": \"INSERT\"}", "raw table 't'.put must be an object with sql and params");
        assertRawRejected("{\"name\": \"t\", \"put\": {\"params\": []}}", "raw table 't'.put.sql must be a string");
        assertRawRejected("{\"name\": \"t\", \"delete\": {\"sql\": \"DELETE\"}}",
                "raw table 't'.delete.params must be an array");
        assertRawRejected("{\"name\": \"t\", \"put\": {\"sql\": \"INSERT\", \"params\": [\"id\"]}}",
                "raw table 't'.put.params: expected \"Id\", \"Rest\" or {\"Column\": name}, got \"id\"");
        assertRawRejected("{\"name\": \"t\", \"put\": {\"sql\": \"INSERT\", \"params\": [{\"Column\": 1}]}}",
                "raw table 't'.put.params: expected \"Id\", \"Rest\" or {\"Column\": name}, got {\"Column\":1}");
        assertRawRejected("{\"name\": \"t\", \"clear\": false}", "raw table 't'.clear must be a string");
    }

    private static void assertRawRejected(String rawTable, String message) {
        assertThatThrownBy(() -> SchemaJson.parse("{\"tables\": [], \"raw_tables\": [" + rawTable + "]}"))
                .isInstanceOf(SchemaException.class)
                .hasMessage("Schema JSON: " + message);
    }
}
