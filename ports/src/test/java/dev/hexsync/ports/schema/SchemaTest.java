package dev.hexsync.ports.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schema.validate() against the rules the PowerSync SDKs apply before handing a schema to the engine. Every
 * rejection must say which table (and column, where there is one) is at fault, because the schema is
 * usually built far from where the error surfaces.
 */
class SchemaTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(Schema schema) {
        return assertThatThrownBy(schema::validate).isInstanceOf(SchemaException.class);
    }

    private static Schema single(Table table) {
        return Schema.of(table);
    }

    @Test
    void validSchemaPassesAndReturnsItself() {
        Schema schema = Schema.of(
                Table.builder("todos").text("description").integer("completed").real("estimate")
                        .index(Index.on("by_description", "description"))
                        .index(new Index("by_completed", List.of(IndexedColumn.descending("completed"))))
                        .trackPreviousValues(TrackPreviousValues.columns("completed").whenChanged())
                        .trackMetadata()
                        .ignoreEmptyUpdates()
                        .build(),
                Table.builder("lists").text("name").viewName("my_lists").build(),
                Table.builder("settings").text("value").localOnly().build(),
                Table.builder("events").text("name").insertOnly().build());

        assertThat(schema.validate()).isSameAs(schema);
    }

    @Test
    void emptySchemaIsValid() {
        Schema schema = Schema.empty();
        assertThat(schema.validate()).isSameAs(schema);
    }

    @Test
    void standardTypesAreAcceptedInAnyLetterCase() {
        // The SDKs compare type names case-insensitively; only the name matters, not its spelling.
        Schema schema = single(Table.builder("t")
                .column("a", new ColumnType("TEXT"))
                .column("b", new ColumnType("Integer"))
                .column("c", new ColumnType("REAL"))
                .build());
        assertThatCode(schema::validate).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "ID", "Id", "iD"})
    void columnNamedIdIsRejectedInAnyCase(String name) {
        Table table = new Table("todos", List.of(Column.text("title"), Column.text(name)), List.of(),
                TableOptions.DEFAULT);
        assertRejected(single(table))
                .hasMessageContaining("todos")
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("added automatically");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "ID", "Id"})
    void builderRefusesAColumnNamedIdWhereItIsDeclared(String name) {
        Table.Builder builder = Table.builder("todos").text("title");

        assertThatThrownBy(() -> builder.text(name))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("Table 'todos'")
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("added automatically");
        assertThatThrownBy(() -> Table.builder("notes").integer(name)).hasMessageContaining("Table 'notes'");
    }

    @Test
    void duplicateColumnIsRejected() {
        assertRejected(single(Table.builder("todos").text("title").integer("title").build()))
                .hasMessageContaining("todos")
                .hasMessageContaining("duplicate column 'title'");
    }

    @Test
    void duplicateColumnIsRejectedCaseInsensitively() {
        // SQLite folds identifiers, so these two would be one column of the view.
        assertRejected(single(Table.builder("todos").text("Title").text("tITLE").build()))
                .hasMessageContaining("todos")
                .hasMessageContaining("duplicate column 'tITLE'");
    }

    @Test
    void duplicateTableIsRejected() {
        assertRejected(Schema.of(Table.builder("todos").text("a").build(), Table.builder("todos").text("b").build()))
                .hasMessageContaining("Duplicate table name 'todos'");
    }

    @Test
    void duplicateTableIsRejectedCaseInsensitively() {
        assertRejected(Schema.of(Table.builder("todos").text("a").build(), Table.builder("TODOS").text("b").build()))
                .hasMessageContaining("Duplicate table name 'TODOS'");
    }

    @Test
    void tableClashingWithAnotherTablesViewIsRejected() {
        Schema schema = Schema.of(
                Table.builder("lists").text("name").viewName("todos").build(),
                Table.builder("todos").text("description").build());

        assertRejected(schema)
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("view name 'todos'")
                .hasMessageContaining("already used by table 'lists'");
    }

    @Test
    void twoViewOverridesWithTheSameNameAreRejected() {
        Schema schema = Schema.of(
                Table.builder("a").text("x").viewName("shared").build(),
                Table.builder("b").text("x").viewName("SHARED").build());

        assertRejected(schema)
                .hasMessageContaining("table 'b'")
                .hasMessageContaining("'SHARED'")
                .hasMessageContaining("table 'a'");
    }

    @Test
    void rawTableWithTheNameOfATableIsRejected() {
        Schema schema = new Schema(List.of(Table.builder("todos").text("a").build()),
                List.of(RawTable.of("todos")));

        assertRejected(schema).hasMessageContaining("Duplicate table name 'todos'").hasMessageContaining("raw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my\"table", "it's", "my table", "my.table", "100%", "tag#1", "[t]", "a,b", "tab\tbed"})
    void invalidTableNamesAreRejected(String name) {
        assertRejected(single(Table.builder(name).text("a").build()))
                .hasMessageContaining("table name '" + name + "'")
                .hasMessageContaining("not a valid identifier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my\"col", "it's", "my col", "a.b", "50%", "no#", "col]", "[col", "x,y"})
    void invalidColumnNamesAreRejected(String name) {
        assertRejected(single(Table.builder("todos").text(name).build()))
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("column name '" + name + "'")
                .hasMessageContaining("not a valid identifier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my view", "v.w", "v'w"})
    void invalidViewNamesAreRejected(String view) {
        assertRejected(single(Table.builder("todos").text("a").viewName(view).build()))
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("view name '" + view + "'");
    }

    @Test
    void invalidIndexNameIsRejected() {
        assertRejected(single(Table.builder("todos").text("a").index(Index.on("by a", "a")).build()))
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("index name 'by a'");
    }

    @Test
    void emptyTableNameIsRejected() {
        assertRejected(single(Table.builder("").text("a").build()))
                .hasMessageContaining("table name is empty");
    }

    @Test
    void emptyColumnNameIsRejected() {
        assertRejected(single(Table.builder("todos").text("").build()))
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("column name is empty");
    }

    @Test
    void emptyViewNameIsRejected() {
        assertRejected(single(Table.builder("todos").text("a").viewName("").build()))
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("view name is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"blob", "BLOB", "varchar", "numeric", "boolean", "", "text "})
    void nonStandardColumnTypeIsRejected(String type) {
        assertRejected(single(Table.builder("todos").column("payload", new ColumnType(type)).build()))
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("column 'payload'")
                .hasMessageContaining("type '" + type + "'")
                .hasMessageContaining("text, integer or real");
    }

    @Test
    void exactlyMaxColumnsIsAccepted() {
        assertThat(Schema.MAX_COLUMNS).isEqualTo(1999);
        Schema schema = single(wideTable(Schema.MAX_COLUMNS));
        assertThatCode(schema::validate).doesNotThrowAnyException();
    }

    @Test
    void moreThanMaxColumnsIsRejected() {
        assertRejected(single(wideTable(Schema.MAX_COLUMNS + 1)))
                .hasMessageContaining("table 'wide'")
                .hasMessageContaining("2000 columns")
                .hasMessageContaining("at most 1999");
    }

    private static Table wideTable(int columns) {
        List<Column> list = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            list.add(Column.text("c" + i));
        }
        return new Table("wide", list, List.of(), TableOptions.DEFAULT);
    }

    @Test
    void indexOnUnknownColumnIsRejected() {
        assertRejected(single(Table.builder("todos").text("title").index(Index.on("by_owner", "owner")).build()))
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("index 'by_owner'")
                .hasMessageContaining("unknown column 'owner'");
    }

    @Test
    void indexOnTheImplicitIdIsAccepted() {
        // The id column exists on every table without being declared.
        Schema schema = single(Table.builder("todos").text("title").index(Index.on("by_id", "id", "title")).build());
        assertThatCode(schema::validate).doesNotThrowAnyException();
    }

    @Test
    void duplicateIndexIsRejected() {
        Table table = Table.builder("todos").text("title").integer("rank")
                .index(Index.on("lookup", "title"))
                .index(Index.on("Lookup", "rank"))
                .build();
        assertRejected(single(table))
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("duplicate index 'Lookup'");
    }

    @Test
    void indexWithoutColumnsIsRejected() {
        assertRejected(single(Table.builder("todos").text("title").index(new Index("empty", List.of())).build()))
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("index 'empty' has no columns");
    }

    @Test
    void localOnlyWithMetadataIsRejected() {
        assertRejected(single(Table.builder("drafts").text("body").localOnly().trackMetadata().build()))
                .hasMessageContaining("table 'drafts'")
                .hasMessageContaining("local-only")
                .hasMessageContaining("metadata");
    }

    @Test
    void localOnlyWithPreviousValuesIsRejected() {
        assertRejected(single(Table.builder("drafts").text("body").localOnly()
                .trackPreviousValues(TrackPreviousValues.all()).build()))
                .hasMessageContaining("table 'drafts'")
                .hasMessageContaining("local-only")
                .hasMessageContaining("previous values");
    }

    @Test
    void localOnlyAndInsertOnlyIsRejected() {
        assertRejected(single(Table.builder("drafts").text("body").localOnly().insertOnly().build()))
                .hasMessageContaining("table 'drafts'")
                .hasMessageContaining("local-only")
                .hasMessageContaining("insert-only");
    }

    @Test
    void insertOnlyWithPreviousValuesIsRejected() {
        assertRejected(single(Table.builder("events").text("name").insertOnly()
                .trackPreviousValues(TrackPreviousValues.columns("name")).build()))
                .hasMessageContaining("table 'events'")
                .hasMessageContaining("insert-only")
                .hasMessageContaining("previous values");
    }

    @Test
    void insertOnlyWithMetadataIsAccepted() {
        // Metadata travels with the upload, which insert-only tables still do.
        Schema schema = single(Table.builder("events").text("name").insertOnly().trackMetadata().build());
        assertThatCode(schema::validate).doesNotThrowAnyException();
    }

    @Test
    void previousValuesOfUnknownColumnIsRejected() {
        assertRejected(single(Table.builder("todos").text("title")
                .trackPreviousValues(TrackPreviousValues.columns("title", "done")).build()))
                .hasMessageContaining("table 'todos'")
                .hasMessageContaining("unknown column 'done'");
    }

    @Test
    void previousValuesNameColumnsExactly() {
        // Tracked columns are matched as declared; a case-variant is not the same key in the JSON row.
        assertRejected(single(Table.builder("todos").text("title")
                .trackPreviousValues(TrackPreviousValues.columns("TITLE")).build()))
                .hasMessageContaining("unknown column 'TITLE'");
    }

    @Test
    void firstProblemIsReportedForTheTableThatHasIt() {
        Schema schema = Schema.of(
                Table.builder("good").text("a").build(),
                Table.builder("bad").text("a").text("a").build());
        assertRejected(schema).hasMessageContaining("table 'bad'").hasMessageNotContaining("table 'good'");
    }

    @Test
    void tableLookupUsesTheTableNameNotTheViewName() {
        Table lists = Table.builder("lists").text("name").viewName("my_lists").build();
        Schema schema = Schema.of(lists);
        assertThat(schema.table("lists")).contains(lists);
        assertThat(schema.table("my_lists")).isEqualTo(Optional.empty());
    }

    @Test
    void aTableIsFoundByTableOrViewNameInAnyCase() {
        Table todos = Table.builder("todos").text("description").viewName("my_todos").build();
        Table lists = Table.builder("lists").text("name").build();
        Schema schema = Schema.of(todos, lists);

        assertThat(schema.tableOrView("my_todos")).contains(todos);
        assertThat(schema.tableOrView("MY_TODOS")).contains(todos);
        assertThat(schema.tableOrView("Todos")).contains(todos);
        assertThat(schema.tableOrView("lists")).contains(lists);
        assertThat(schema.tableOrView("nope")).isEmpty();
    }
}
