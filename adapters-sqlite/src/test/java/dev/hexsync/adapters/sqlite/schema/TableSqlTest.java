package dev.hexsync.adapters.sqlite.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.schema.Column;
import dev.hexsync.ports.schema.ColumnType;
import dev.hexsync.ports.schema.Index;
import dev.hexsync.ports.schema.IndexedColumn;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.schema.TrackPreviousValues;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The views, triggers and indexes {@link TableSql} generates, compared byte for byte with what the PowerSync
 * engine ({@code powersync-sqlite-core} 0.5.3, through the oracle in {@code ../shared/oracle}) leaves in
 * {@code sqlite_master} for the same table. Byte equality matters: the schema applier recreates an object
 * whenever its text differs, and a file written by hexsync must look like one written by the engine.
 *
 * <p>The expected SQL is pasted verbatim from the engine. To regenerate it, run the oracle with
 * {@code {"schema": <SchemaJson.write(Schema.of(every table below))>, "steps": [{"sql": "SELECT type, name,
 * tbl_name, sql FROM sqlite_master WHERE type IN ('view','trigger','index') AND sql IS NOT NULL ORDER BY
 * tbl_name, type, name"}]}}. The engine's triggers write to its virtual tables {@code powersync_crud} and
 * {@code powersync_crud_}, which exist only inside the native extension; hexsync renders that capture step
 * inline instead, so the generator is compared in its {@link Capture#ENGINE} rendering, and the installed
 * (inline) triggers are checked to carry the same names and to differ only in the capture.
 */
class TableSqlTest {

    @Test
    void plainTable() {
        Table table = Table.builder("todos").text("description").integer("completed").real("amount").build();
        assertMatchesEngine(table, PLAIN_VIEW, List.of(PLAIN_DELETE, PLAIN_INSERT, PLAIN_UPDATE), List.of());
    }

    @Test
    void viewNameOverride() {
        Table table = Table.builder("lists").text("name").viewName("my_lists").build();
        assertMatchesEngine(table, VIEW_NAME_VIEW, List.of(VIEW_NAME_DELETE, VIEW_NAME_INSERT, VIEW_NAME_UPDATE),
                List.of());
        assertThat(new TableSql(table).viewName()).isEqualTo("my_lists");
        assertThat(new TableSql(table).internalName()).isEqualTo("ps_data__lists");
    }

    @Test
    void localOnlyTable() {
        Table table = Table.builder("drafts").text("body").integer("n").index(Index.on("by_body", "body"))
                .localOnly().build();
        assertMatchesEngine(table, LOCAL_ONLY_VIEW, List.of(LOCAL_ONLY_DELETE, LOCAL_ONLY_INSERT, LOCAL_ONLY_UPDATE),
                List.of(LOCAL_ONLY_INDEX_BY_BODY));
        assertThat(new TableSql(table).internalName()).isEqualTo("ps_data_local__drafts");
    }

    @Test
    void insertOnlyTable() {
        Table table = Table.builder("logs").text("msg").integer("level").insertOnly().build();
        assertMatchesEngine(table, INSERT_ONLY_VIEW, List.of(INSERT_ONLY_INSERT), List.of());
    }

    @Test
    void includeMetadata() {
        Table table = Table.builder("meta_items").text("title").trackMetadata().build();
        assertMatchesEngine(table, METADATA_VIEW,
                List.of(METADATA_SOFT_DELETE, METADATA_DELETE, METADATA_INSERT, METADATA_UPDATE), List.of());
    }

    @Test
    void includeOldAllColumns() {
        Table table = Table.builder("old_all").text("a").integer("b").trackPreviousValues(TrackPreviousValues.all())
                .build();
        assertMatchesEngine(table, OLD_ALL_VIEW, List.of(OLD_ALL_DELETE, OLD_ALL_INSERT, OLD_ALL_UPDATE), List.of());
    }

    @Test
    void includeOldColumnList() {
        Table table = Table.builder("old_some").text("a").integer("b").real("c")
                .trackPreviousValues(TrackPreviousValues.columns("a", "c")).build();
        assertMatchesEngine(table, OLD_COLUMNS_VIEW, List.of(OLD_COLUMNS_DELETE, OLD_COLUMNS_INSERT, OLD_COLUMNS_UPDATE),
                List.of());
    }

    @Test
    void includeOldOnlyWhenChanged() {
        Table table = Table.builder("old_changed").text("a").integer("b")
                .trackPreviousValues(TrackPreviousValues.all().whenChanged()).build();
        assertMatchesEngine(table, OLD_WHEN_CHANGED_VIEW,
                List.of(OLD_WHEN_CHANGED_DELETE, OLD_WHEN_CHANGED_INSERT, OLD_WHEN_CHANGED_UPDATE), List.of());
    }

    @Test
    void includeOldColumnListOnlyWhenChanged() {
        Table table = Table.builder("old_some_changed").text("a").integer("b")
                .trackPreviousValues(TrackPreviousValues.columns("b").whenChanged()).build();
        assertMatchesEngine(table, OLD_COLUMNS_WHEN_CHANGED_VIEW, List.of(OLD_COLUMNS_WHEN_CHANGED_DELETE,
                OLD_COLUMNS_WHEN_CHANGED_INSERT, OLD_COLUMNS_WHEN_CHANGED_UPDATE), List.of());
    }

    @Test
    void ignoreEmptyUpdate() {
        Table table = Table.builder("quiet").text("a").ignoreEmptyUpdates().build();
        assertMatchesEngine(table, IGNORE_EMPTY_UPDATE_VIEW,
                List.of(IGNORE_EMPTY_UPDATE_DELETE, IGNORE_EMPTY_UPDATE_INSERT, IGNORE_EMPTY_UPDATE_UPDATE), List.of());
    }

    @Test
    void everyUploadOptionTogether() {
        Table table = Table.builder("everything").text("a").viewName("all_options").trackMetadata()
                .trackPreviousValues(TrackPreviousValues.all().whenChanged()).ignoreEmptyUpdates().build();
        assertMatchesEngine(table, ALL_OPTIONS_VIEW,
                List.of(ALL_OPTIONS_SOFT_DELETE, ALL_OPTIONS_DELETE, ALL_OPTIONS_INSERT, ALL_OPTIONS_UPDATE), List.of());
    }

    @Test
    void metadataWithOldColumnList() {
        Table table = Table.builder("meta_old").text("a").text("b").trackMetadata()
                .trackPreviousValues(TrackPreviousValues.columns("a")).build();
        assertMatchesEngine(table, METADATA_AND_OLD_VIEW, List.of(METADATA_AND_OLD_SOFT_DELETE, METADATA_AND_OLD_DELETE,
                METADATA_AND_OLD_INSERT, METADATA_AND_OLD_UPDATE), List.of());
    }

    @Test
    void indexesAscendingDescendingAndMultiColumn() {
        Table table = indexedTable();
        assertMatchesEngine(table, INDEXED_VIEW, List.of(INDEXED_DELETE, INDEXED_INSERT, INDEXED_UPDATE),
                List.of(INDEXED_INDEX_BY_NAME, INDEXED_INDEX_BY_AGE_DESC, INDEXED_INDEX_MULTI));
    }

    @Test
    void sixtyColumnsAreSplitIntoTwoJsonObjects() {
        Table table = wideTable();
        assertMatchesEngine(table, WIDE_VIEW, List.of(WIDE_DELETE, WIDE_INSERT, WIDE_UPDATE), List.of());
        // The engine splits at 50 pairs per json_object call; make sure the case really crosses that line.
        assertThat(new TableSql(table).triggers().get("ps_view_insert_wide")).contains("powersync_json_merge(");
    }

    @Test
    void namesThatNeedQuoting() {
        Table table = quotedTable();
        assertMatchesEngine(table, QUOTED_VIEW, List.of(QUOTED_DELETE, QUOTED_INSERT, QUOTED_UPDATE),
                List.of(QUOTED_INDEX_BY_SELECT));
    }

    @Test
    void tableWithoutColumns() {
        Table table = Table.builder("no_columns").build();
        assertMatchesEngine(table, NO_COLUMNS_VIEW, List.of(NO_COLUMNS_DELETE, NO_COLUMNS_INSERT, NO_COLUMNS_UPDATE),
                List.of());
    }

    /**
     * SQLite keeps CREATE statements verbatim, so after applying a schema the database itself must hold the
     * engine's views and indexes, and triggers of the same names whose text is the engine's up to the capture
     * step: this catches the applier rewriting or dropping objects, not just the generator.
     */
    @Test
    void appliedSchemaLeavesTheEngineObjectsInTheDatabase() {
        Table todos = Table.builder("todos").text("description").integer("completed").real("amount").build();
        Map<String, String> engine = new LinkedHashMap<>();
        engine.put("todos", PLAIN_VIEW);
        engine.putAll(byName(List.of(PLAIN_DELETE, PLAIN_INSERT, PLAIN_UPDATE)));
        engine.put("indexed", INDEXED_VIEW);
        engine.putAll(byName(List.of(INDEXED_DELETE, INDEXED_INSERT, INDEXED_UPDATE, INDEXED_INDEX_BY_NAME,
                INDEXED_INDEX_BY_AGE_DESC, INDEXED_INDEX_MULTI)));
        engine.put("Group Items", QUOTED_VIEW);
        engine.putAll(byName(List.of(QUOTED_DELETE, QUOTED_INSERT, QUOTED_UPDATE, QUOTED_INDEX_BY_SELECT)));

        try (SqlSession session = new SqliteStorageEngine(new VirtualScheduler()).open(DatabaseLocation.inMemory("table-sql"),
                StorageOptions.DEFAULT)) {
            session.applySchema(Schema.of(todos, indexedTable(), quotedTable()));
            Map<String, String> stored = new LinkedHashMap<>();
            for (SqlRow row : session.read(tx -> tx.getAll("SELECT name, sql FROM sqlite_master"
                    + " WHERE tbl_name IN ('todos', 'indexed', 'Group Items', 'ps_data__indexed', 'ps_data__order')"
                    + " AND type IN ('view', 'trigger', 'index') AND sql IS NOT NULL"))) {
                stored.put(row.getString("name"), row.getString("sql"));
            }
            assertThat(stored).containsOnlyKeys(engine.keySet());
            for (Map.Entry<String, String> object : engine.entrySet()) {
                String ours = stored.get(object.getKey());
                if (object.getKey().startsWith("ps_view_")) {
                    assertThat(withoutCapture(ours)).as(object.getKey()).isEqualTo(withoutCapture(object.getValue()));
                    assertThat(ours).contains("hexsync_begin_crud_tx(next_tx)").doesNotContain("powersync_crud");
                } else {
                    assertThat(ours).as(object.getKey()).isEqualTo(object.getValue());
                }
            }
        }
    }

    /**
     * A trigger's text with its capture statements cut out and the SQL subtype stripping written as the
     * engine's function call: what must equal the engine's.
     */
    private static String withoutCapture(String trigger) {
        StringBuilder kept = new StringBuilder();
        String engineStrip = STRIP_IN_SQL.matcher(trigger).replaceAll(m -> m.group(1).equals(m.group(2))
                && m.group(1).equals(m.group(3)) ? "powersync_strip_subtype(" + java.util.regex.Matcher.quoteReplacement(m.group(1)) + ")" : m.group());
        for (String statement : engineStrip.split(";\n")) {
            if (!statement.contains("powersync_crud") && !statement.contains("ps_tx") && !statement.contains("ps_crud")
                    && !statement.contains("ps_updated_rows") && !statement.contains("ps_kv")) {
                kept.append(statement).append(";\n");
            }
        }
        return kept.toString();
    }

    private static final java.util.regex.Pattern STRIP_IN_SQL = java.util.regex.Pattern.compile(
            "CASE WHEN typeof\\(((?:NEW|OLD)\\.\"(?:[^\"]|\"\")*\")\\) = 'text' THEN ((?:NEW|OLD)\\.\"(?:[^\"]|\"\")*\") \\|\\| ''"
                    + " ELSE ((?:NEW|OLD)\\.\"(?:[^\"]|\"\")*\") END");

    private static Table indexedTable() {
        return Table.builder("indexed").text("name").integer("age").real("score")
                .index(Index.on("by_name", "name"))
                .index(new Index("by_age_desc", List.of(IndexedColumn.descending("age"))))
                .index(new Index("multi", List.of(IndexedColumn.ascending("name"), IndexedColumn.descending("age"),
                        IndexedColumn.ascending("score"))))
                .build();
    }

    /** Columns c1..c60 with the types cycling integer, real, text. */
    private static Table wideTable() {
        List<ColumnType> types = List.of(ColumnType.TEXT, ColumnType.INTEGER, ColumnType.REAL);
        Table.Builder builder = Table.builder("wide").trackPreviousValues(TrackPreviousValues.all());
        for (int i = 1; i <= 60; i++) {
            builder.column("c" + i, types.get(i % 3));
        }
        return builder.build();
    }

    /** Keywords, spaces, mixed case and both quote characters: everything must go through the quoting. */
    private static Table quotedTable() {
        return new Table("order",
                List.of(Column.text("select"), Column.integer("Mixed Case"), Column.text("it's"), Column.text("dq\"col")),
                List.of(new Index("by select", List.of(IndexedColumn.descending("select")))),
                Table.builder("order").viewName("Group Items").build().options());
    }

    private static void assertMatchesEngine(Table table, String view, List<String> triggers, List<String> indexes) {
        TableSql sql = new TableSql(table, Capture.ENGINE);
        assertThat(sql.view()).isEqualTo(view);
        assertThat(sql.triggers()).isEqualTo(byName(triggers));
        assertThat(sql.indexes()).isEqualTo(byName(indexes));
    }

    private static final Pattern OBJECT_NAME = Pattern.compile("^CREATE (?:TRIGGER|INDEX|VIEW) \"((?:[^\"]|\"\")*)\"");

    /** Statement by object name, the name read back from the statement itself. */
    private static Map<String, String> byName(List<String> statements) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String statement : statements) {
            Matcher matcher = OBJECT_NAME.matcher(statement);
            assertThat(matcher.find()).as("a quoted name in %s", statement).isTrue();
            byName.put(matcher.group(1).replace("\"\"", "\""), statement);
        }
        return byName;
    }

    // ---- Expected SQL, verbatim from powersync-sqlite-core 0.5.3 ----

    private static final String PLAIN_VIEW = """
            CREATE VIEW "todos"("id", "description", "completed", "amount") AS SELECT id, \
            CAST(json_extract(data, '$.description') as text), CAST(json_extract(data, \
            '$.completed') as integer), CAST(json_extract(data, \
            '$.amount') as real) FROM "ps_data__todos" -- powersync-auto-generated""";

    private static final String PLAIN_DELETE = """
            CREATE TRIGGER "ps_view_delete_todos" INSTEAD OF DELETE ON "todos" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__todos" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type) VALUES ('DELETE', OLD.id, 'todos');
            END""";

    private static final String PLAIN_INSERT = """
            CREATE TRIGGER "ps_view_insert_todos" INSTEAD OF INSERT ON "todos" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__todos" SELECT NEW.id, json_object('description', \
            powersync_strip_subtype(NEW."description"), 'completed', powersync_strip_subtype(NEW."completed"), \
            'amount', powersync_strip_subtype(NEW."amount"));
            INSERT INTO powersync_crud(op,id,type,data) VALUES ('PUT', NEW.id, 'todos', \
            json(powersync_diff('{}', json_object('description', powersync_strip_subtype(NEW."description"), \
            'completed', powersync_strip_subtype(NEW."completed"), 'amount', \
            powersync_strip_subtype(NEW."amount")))));
            END""";

    private static final String PLAIN_UPDATE = """
            CREATE TRIGGER "ps_view_update_todos" INSTEAD OF UPDATE ON "todos" FOR EACH ROW BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__todos" SET data = json_object('description', \
            powersync_strip_subtype(NEW."description"), 'completed', powersync_strip_subtype(NEW."completed"), \
            'amount', powersync_strip_subtype(NEW."amount")) WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,options) VALUES ('PATCH', NEW.id, 'todos', \
            json(powersync_diff(json_object('description', powersync_strip_subtype(OLD."description"), \
            'completed', powersync_strip_subtype(OLD."completed"), 'amount', \
            powersync_strip_subtype(OLD."amount")), json_object('description', \
            powersync_strip_subtype(NEW."description"), 'completed', powersync_strip_subtype(NEW."completed"), \
            'amount', powersync_strip_subtype(NEW."amount")))), 0);
            END""";

    private static final String VIEW_NAME_VIEW = """
            CREATE VIEW "my_lists"("id", "name") AS SELECT id, CAST(json_extract(data, \
            '$.name') as text) FROM "ps_data__lists" -- powersync-auto-generated""";

    private static final String VIEW_NAME_DELETE = """
            CREATE TRIGGER "ps_view_delete_my_lists" INSTEAD OF DELETE ON "my_lists" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__lists" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type) VALUES ('DELETE', OLD.id, 'lists');
            END""";

    private static final String VIEW_NAME_INSERT = """
            CREATE TRIGGER "ps_view_insert_my_lists" INSTEAD OF INSERT ON "my_lists" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__lists" SELECT NEW.id, json_object('name', \
            powersync_strip_subtype(NEW."name"));
            INSERT INTO powersync_crud(op,id,type,data) VALUES ('PUT', NEW.id, 'lists', \
            json(powersync_diff('{}', json_object('name', powersync_strip_subtype(NEW."name")))));
            END""";

    private static final String VIEW_NAME_UPDATE = """
            CREATE TRIGGER "ps_view_update_my_lists" INSTEAD OF UPDATE ON "my_lists" FOR EACH ROW BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__lists" SET data = json_object('name', \
            powersync_strip_subtype(NEW."name")) WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,options) VALUES ('PATCH', NEW.id, 'lists', \
            json(powersync_diff(json_object('name', powersync_strip_subtype(OLD."name")), json_object('name', \
            powersync_strip_subtype(NEW."name")))), 0);
            END""";

    private static final String LOCAL_ONLY_VIEW = """
            CREATE VIEW "drafts"("id", "body", "n") AS SELECT id, CAST(json_extract(data, '$.body') as text), \
            CAST(json_extract(data, '$.n') as integer) FROM "ps_data_local__drafts" -- powersync-auto-generated""";

    private static final String LOCAL_ONLY_DELETE = """
            CREATE TRIGGER "ps_view_delete_drafts" INSTEAD OF DELETE ON "drafts" FOR EACH ROW BEGIN
            DELETE FROM "ps_data_local__drafts" WHERE id = OLD.id;
            END""";

    private static final String LOCAL_ONLY_INSERT = """
            CREATE TRIGGER "ps_view_insert_drafts" INSTEAD OF INSERT ON "drafts" FOR EACH ROW BEGIN
            INSERT INTO "ps_data_local__drafts" SELECT NEW.id, json_object('body', \
            powersync_strip_subtype(NEW."body"), 'n', powersync_strip_subtype(NEW."n"));
            END""";

    private static final String LOCAL_ONLY_UPDATE = """
            CREATE TRIGGER "ps_view_update_drafts" INSTEAD OF UPDATE ON "drafts" FOR EACH ROW BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data_local__drafts" SET data = json_object('body', powersync_strip_subtype(NEW."body"), \
            'n', powersync_strip_subtype(NEW."n")) WHERE id = NEW.id;
            END""";

    private static final String LOCAL_ONLY_INDEX_BY_BODY = """
            CREATE INDEX "ps_data_local__drafts__by_body" ON "ps_data_local__drafts"(CAST(json_extract(data, \
            '$.body') as text))""";

    private static final String INSERT_ONLY_VIEW = """
            CREATE VIEW "logs"("id", "msg", "level") AS SELECT id, CAST(json_extract(data, '$.msg') as text), \
            CAST(json_extract(data, '$.level') as integer) FROM "ps_data__logs" -- powersync-auto-generated""";

    private static final String INSERT_ONLY_INSERT = """
            CREATE TRIGGER "ps_view_insert_logs" INSTEAD OF INSERT ON "logs" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO powersync_crud_(data) VALUES(json_object('op', 'PUT', 'type', 'logs', 'id', NEW.id, \
            'data', json(powersync_diff('{}', json_object('msg', powersync_strip_subtype(NEW."msg"), 'level', \
            powersync_strip_subtype(NEW."level"))))));END""";

    private static final String METADATA_VIEW = """
            CREATE VIEW "meta_items"("id", "title", "_metadata", "_deleted") AS SELECT id, \
            CAST(json_extract(data, '$.title') as text), NULL, NULL FROM "ps_data__meta_items" -- \
            powersync-auto-generated""";

    private static final String METADATA_SOFT_DELETE = """
            CREATE TRIGGER "ps_view_delete2_meta_items" INSTEAD OF UPDATE ON "meta_items" FOR EACH ROW WHEN \
            NEW._deleted IS TRUE BEGIN DELETE FROM "ps_data__meta_items" WHERE id = OLD.id; INSERT INTO \
            powersync_crud(op,id,type,metadata) VALUES ('DELETE', OLD.id, 'meta_items', NEW._metadata);
            END""";

    private static final String METADATA_DELETE = """
            CREATE TRIGGER "ps_view_delete_meta_items" INSTEAD OF DELETE ON "meta_items" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__meta_items" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type) VALUES ('DELETE', OLD.id, 'meta_items');
            END""";

    private static final String METADATA_INSERT = """
            CREATE TRIGGER "ps_view_insert_meta_items" INSTEAD OF INSERT ON "meta_items" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__meta_items" SELECT NEW.id, json_object('title', \
            powersync_strip_subtype(NEW."title"));
            INSERT INTO powersync_crud(op,id,type,data,metadata) VALUES ('PUT', NEW.id, 'meta_items', \
            json(powersync_diff('{}', json_object('title', powersync_strip_subtype(NEW."title")))), \
            NEW._metadata);
            END""";

    private static final String METADATA_UPDATE = """
            CREATE TRIGGER "ps_view_update_meta_items" INSTEAD OF UPDATE ON "meta_items" FOR EACH ROW  WHEN \
            NEW._deleted IS NOT TRUE BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__meta_items" SET data = json_object('title', \
            powersync_strip_subtype(NEW."title")) WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,metadata,options) VALUES ('PATCH', NEW.id, \
            'meta_items', json(powersync_diff(json_object('title', powersync_strip_subtype(OLD."title")), \
            json_object('title', powersync_strip_subtype(NEW."title")))), NEW._metadata, 4);
            END""";

    private static final String OLD_ALL_VIEW = """
            CREATE VIEW "old_all"("id", "a", "b") AS SELECT id, CAST(json_extract(data, '$.a') as text), \
            CAST(json_extract(data, '$.b') as integer) FROM "ps_data__old_all" -- powersync-auto-generated""";

    private static final String OLD_ALL_DELETE = """
            CREATE TRIGGER "ps_view_delete_old_all" INSTEAD OF DELETE ON "old_all" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__old_all" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type,old_values) VALUES ('DELETE', OLD.id, 'old_all', \
            json_object('a', powersync_strip_subtype(OLD."a"), 'b', powersync_strip_subtype(OLD."b")));
            END""";

    private static final String OLD_ALL_INSERT = """
            CREATE TRIGGER "ps_view_insert_old_all" INSTEAD OF INSERT ON "old_all" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__old_all" SELECT NEW.id, json_object('a', powersync_strip_subtype(NEW."a"), \
            'b', powersync_strip_subtype(NEW."b"));
            INSERT INTO powersync_crud(op,id,type,data) VALUES ('PUT', NEW.id, 'old_all', \
            json(powersync_diff('{}', json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b")))));
            END""";

    private static final String OLD_ALL_UPDATE = """
            CREATE TRIGGER "ps_view_update_old_all" INSTEAD OF UPDATE ON "old_all" FOR EACH ROW BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__old_all" SET data = json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b")) WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,old_values,options) VALUES ('PATCH', NEW.id, 'old_all', \
            json(powersync_diff(json_object('a', powersync_strip_subtype(OLD."a"), 'b', \
            powersync_strip_subtype(OLD."b")), json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b")))), json_object('a', powersync_strip_subtype(OLD."a"), 'b', \
            powersync_strip_subtype(OLD."b")), 0);
            END""";

    private static final String OLD_COLUMNS_VIEW = """
            CREATE VIEW "old_some"("id", "a", "b", "c") AS SELECT id, CAST(json_extract(data, '$.a') as text), \
            CAST(json_extract(data, '$.b') as integer), CAST(json_extract(data, \
            '$.c') as real) FROM "ps_data__old_some" -- powersync-auto-generated""";

    private static final String OLD_COLUMNS_DELETE = """
            CREATE TRIGGER "ps_view_delete_old_some" INSTEAD OF DELETE ON "old_some" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__old_some" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type,old_values) VALUES ('DELETE', OLD.id, 'old_some', \
            json_object('a', powersync_strip_subtype(OLD."a"), 'c', powersync_strip_subtype(OLD."c")));
            END""";

    private static final String OLD_COLUMNS_INSERT = """
            CREATE TRIGGER "ps_view_insert_old_some" INSTEAD OF INSERT ON "old_some" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__old_some" SELECT NEW.id, json_object('a', powersync_strip_subtype(NEW."a"), \
            'b', powersync_strip_subtype(NEW."b"), 'c', powersync_strip_subtype(NEW."c"));
            INSERT INTO powersync_crud(op,id,type,data) VALUES ('PUT', NEW.id, 'old_some', \
            json(powersync_diff('{}', json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b"), 'c', powersync_strip_subtype(NEW."c")))));
            END""";

    private static final String OLD_COLUMNS_UPDATE = """
            CREATE TRIGGER "ps_view_update_old_some" INSTEAD OF UPDATE ON "old_some" FOR EACH ROW BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__old_some" SET data = json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b"), 'c', powersync_strip_subtype(NEW."c")) WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,old_values,options) VALUES ('PATCH', NEW.id, \
            'old_some', json(powersync_diff(json_object('a', powersync_strip_subtype(OLD."a"), 'b', \
            powersync_strip_subtype(OLD."b"), 'c', powersync_strip_subtype(OLD."c")), json_object('a', \
            powersync_strip_subtype(NEW."a"), 'b', powersync_strip_subtype(NEW."b"), 'c', \
            powersync_strip_subtype(NEW."c")))), json_object('a', powersync_strip_subtype(OLD."a"), 'c', \
            powersync_strip_subtype(OLD."c")), 0);
            END""";

    private static final String OLD_WHEN_CHANGED_VIEW = """
            CREATE VIEW "old_changed"("id", "a", "b") AS SELECT id, CAST(json_extract(data, '$.a') as text), \
            CAST(json_extract(data, '$.b') as integer) FROM "ps_data__old_changed" -- powersync-auto-generated""";

    private static final String OLD_WHEN_CHANGED_DELETE = """
            CREATE TRIGGER "ps_view_delete_old_changed" INSTEAD OF DELETE ON "old_changed" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__old_changed" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type,old_values) VALUES ('DELETE', OLD.id, 'old_changed', \
            json_object('a', powersync_strip_subtype(OLD."a"), 'b', powersync_strip_subtype(OLD."b")));
            END""";

    private static final String OLD_WHEN_CHANGED_INSERT = """
            CREATE TRIGGER "ps_view_insert_old_changed" INSTEAD OF INSERT ON "old_changed" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__old_changed" SELECT NEW.id, json_object('a', \
            powersync_strip_subtype(NEW."a"), 'b', powersync_strip_subtype(NEW."b"));
            INSERT INTO powersync_crud(op,id,type,data) VALUES ('PUT', NEW.id, 'old_changed', \
            json(powersync_diff('{}', json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b")))));
            END""";

    private static final String OLD_WHEN_CHANGED_UPDATE = """
            CREATE TRIGGER "ps_view_update_old_changed" INSTEAD OF UPDATE ON "old_changed" FOR EACH ROW BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__old_changed" SET data = json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b")) WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,old_values,options) VALUES ('PATCH', NEW.id, \
            'old_changed', json(powersync_diff(json_object('a', powersync_strip_subtype(OLD."a"), 'b', \
            powersync_strip_subtype(OLD."b")), json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b")))), json(powersync_diff(json_object('a', \
            powersync_strip_subtype(NEW."a"), 'b', powersync_strip_subtype(NEW."b")), json_object('a', \
            powersync_strip_subtype(OLD."a"), 'b', powersync_strip_subtype(OLD."b")))), 8);
            END""";

    private static final String OLD_COLUMNS_WHEN_CHANGED_VIEW = """
            CREATE VIEW "old_some_changed"("id", "a", "b") AS SELECT id, CAST(json_extract(data, \
            '$.a') as text), CAST(json_extract(data, '$.b') as integer) FROM "ps_data__old_some_changed" -- \
            powersync-auto-generated""";

    private static final String OLD_COLUMNS_WHEN_CHANGED_DELETE = """
            CREATE TRIGGER "ps_view_delete_old_some_changed" INSTEAD OF DELETE ON "old_some_changed" FOR EACH \
            ROW BEGIN
            DELETE FROM "ps_data__old_some_changed" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type,old_values) VALUES ('DELETE', OLD.id, 'old_some_changed', \
            json_object('b', powersync_strip_subtype(OLD."b")));
            END""";

    private static final String OLD_COLUMNS_WHEN_CHANGED_INSERT = """
            CREATE TRIGGER "ps_view_insert_old_some_changed" INSTEAD OF INSERT ON "old_some_changed" FOR EACH \
            ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__old_some_changed" SELECT NEW.id, json_object('a', \
            powersync_strip_subtype(NEW."a"), 'b', powersync_strip_subtype(NEW."b"));
            INSERT INTO powersync_crud(op,id,type,data) VALUES ('PUT', NEW.id, 'old_some_changed', \
            json(powersync_diff('{}', json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b")))));
            END""";

    private static final String OLD_COLUMNS_WHEN_CHANGED_UPDATE = """
            CREATE TRIGGER "ps_view_update_old_some_changed" INSTEAD OF UPDATE ON "old_some_changed" FOR EACH \
            ROW BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__old_some_changed" SET data = json_object('a', powersync_strip_subtype(NEW."a"), \
            'b', powersync_strip_subtype(NEW."b")) WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,old_values,options) VALUES ('PATCH', NEW.id, \
            'old_some_changed', json(powersync_diff(json_object('a', powersync_strip_subtype(OLD."a"), 'b', \
            powersync_strip_subtype(OLD."b")), json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b")))), json(powersync_diff(json_object('b', \
            powersync_strip_subtype(NEW."b")), json_object('b', powersync_strip_subtype(OLD."b")))), 8);
            END""";

    private static final String IGNORE_EMPTY_UPDATE_VIEW = """
            CREATE VIEW "quiet"("id", "a") AS SELECT id, CAST(json_extract(data, \
            '$.a') as text) FROM "ps_data__quiet" -- powersync-auto-generated""";

    private static final String IGNORE_EMPTY_UPDATE_DELETE = """
            CREATE TRIGGER "ps_view_delete_quiet" INSTEAD OF DELETE ON "quiet" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__quiet" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type) VALUES ('DELETE', OLD.id, 'quiet');
            END""";

    private static final String IGNORE_EMPTY_UPDATE_INSERT = """
            CREATE TRIGGER "ps_view_insert_quiet" INSTEAD OF INSERT ON "quiet" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__quiet" SELECT NEW.id, json_object('a', powersync_strip_subtype(NEW."a"));
            INSERT INTO powersync_crud(op,id,type,data) VALUES ('PUT', NEW.id, 'quiet', \
            json(powersync_diff('{}', json_object('a', powersync_strip_subtype(NEW."a")))));
            END""";

    private static final String IGNORE_EMPTY_UPDATE_UPDATE = """
            CREATE TRIGGER "ps_view_update_quiet" INSTEAD OF UPDATE ON "quiet" FOR EACH ROW BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__quiet" SET data = json_object('a', \
            powersync_strip_subtype(NEW."a")) WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,options) VALUES ('PATCH', NEW.id, 'quiet', \
            json(powersync_diff(json_object('a', powersync_strip_subtype(OLD."a")), json_object('a', \
            powersync_strip_subtype(NEW."a")))), 16);
            END""";

    private static final String ALL_OPTIONS_VIEW = """
            CREATE VIEW "all_options"("id", "a", "_metadata", "_deleted") AS SELECT id, \
            CAST(json_extract(data, '$.a') as text), NULL, NULL FROM "ps_data__everything" -- \
            powersync-auto-generated""";

    private static final String ALL_OPTIONS_SOFT_DELETE = """
            CREATE TRIGGER "ps_view_delete2_all_options" INSTEAD OF UPDATE ON "all_options" FOR EACH ROW WHEN \
            NEW._deleted IS TRUE BEGIN DELETE FROM "ps_data__everything" WHERE id = OLD.id; INSERT INTO \
            powersync_crud(op,id,type,old_values,metadata) VALUES ('DELETE', OLD.id, 'everything', \
            json_object('a', powersync_strip_subtype(OLD."a")), NEW._metadata);
            END""";

    private static final String ALL_OPTIONS_DELETE = """
            CREATE TRIGGER "ps_view_delete_all_options" INSTEAD OF DELETE ON "all_options" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__everything" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type,old_values) VALUES ('DELETE', OLD.id, 'everything', \
            json_object('a', powersync_strip_subtype(OLD."a")));
            END""";

    private static final String ALL_OPTIONS_INSERT = """
            CREATE TRIGGER "ps_view_insert_all_options" INSTEAD OF INSERT ON "all_options" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__everything" SELECT NEW.id, json_object('a', powersync_strip_subtype(NEW."a"));
            INSERT INTO powersync_crud(op,id,type,data,metadata) VALUES ('PUT', NEW.id, 'everything', \
            json(powersync_diff('{}', json_object('a', powersync_strip_subtype(NEW."a")))), NEW._metadata);
            END""";

    private static final String ALL_OPTIONS_UPDATE = """
            CREATE TRIGGER "ps_view_update_all_options" INSTEAD OF UPDATE ON "all_options" FOR EACH ROW  WHEN \
            NEW._deleted IS NOT TRUE BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__everything" SET data = json_object('a', \
            powersync_strip_subtype(NEW."a")) WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,old_values,metadata,options) VALUES ('PATCH', NEW.id, \
            'everything', json(powersync_diff(json_object('a', powersync_strip_subtype(OLD."a")), \
            json_object('a', powersync_strip_subtype(NEW."a")))), json(powersync_diff(json_object('a', \
            powersync_strip_subtype(NEW."a")), json_object('a', powersync_strip_subtype(OLD."a")))), \
            NEW._metadata, 28);
            END""";

    private static final String METADATA_AND_OLD_VIEW = """
            CREATE VIEW "meta_old"("id", "a", "b", "_metadata", "_deleted") AS SELECT id, \
            CAST(json_extract(data, '$.a') as text), CAST(json_extract(data, '$.b') as text), NULL, \
            NULL FROM "ps_data__meta_old" -- powersync-auto-generated""";

    private static final String METADATA_AND_OLD_SOFT_DELETE = """
            CREATE TRIGGER "ps_view_delete2_meta_old" INSTEAD OF UPDATE ON "meta_old" FOR EACH ROW WHEN \
            NEW._deleted IS TRUE BEGIN DELETE FROM "ps_data__meta_old" WHERE id = OLD.id; INSERT INTO \
            powersync_crud(op,id,type,old_values,metadata) VALUES ('DELETE', OLD.id, 'meta_old', \
            json_object('a', powersync_strip_subtype(OLD."a")), NEW._metadata);
            END""";

    private static final String METADATA_AND_OLD_DELETE = """
            CREATE TRIGGER "ps_view_delete_meta_old" INSTEAD OF DELETE ON "meta_old" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__meta_old" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type,old_values) VALUES ('DELETE', OLD.id, 'meta_old', \
            json_object('a', powersync_strip_subtype(OLD."a")));
            END""";

    private static final String METADATA_AND_OLD_INSERT = """
            CREATE TRIGGER "ps_view_insert_meta_old" INSTEAD OF INSERT ON "meta_old" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__meta_old" SELECT NEW.id, json_object('a', powersync_strip_subtype(NEW."a"), \
            'b', powersync_strip_subtype(NEW."b"));
            INSERT INTO powersync_crud(op,id,type,data,metadata) VALUES ('PUT', NEW.id, 'meta_old', \
            json(powersync_diff('{}', json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b")))), NEW._metadata);
            END""";

    private static final String METADATA_AND_OLD_UPDATE = """
            CREATE TRIGGER "ps_view_update_meta_old" INSTEAD OF UPDATE ON "meta_old" FOR EACH ROW  WHEN \
            NEW._deleted IS NOT TRUE BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__meta_old" SET data = json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b")) WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,old_values,metadata,options) VALUES ('PATCH', NEW.id, \
            'meta_old', json(powersync_diff(json_object('a', powersync_strip_subtype(OLD."a"), 'b', \
            powersync_strip_subtype(OLD."b")), json_object('a', powersync_strip_subtype(NEW."a"), 'b', \
            powersync_strip_subtype(NEW."b")))), json_object('a', powersync_strip_subtype(OLD."a")), \
            NEW._metadata, 4);
            END""";

    private static final String INDEXED_VIEW = """
            CREATE VIEW "indexed"("id", "name", "age", "score") AS SELECT id, CAST(json_extract(data, \
            '$.name') as text), CAST(json_extract(data, '$.age') as integer), CAST(json_extract(data, \
            '$.score') as real) FROM "ps_data__indexed" -- powersync-auto-generated""";

    private static final String INDEXED_DELETE = """
            CREATE TRIGGER "ps_view_delete_indexed" INSTEAD OF DELETE ON "indexed" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__indexed" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type) VALUES ('DELETE', OLD.id, 'indexed');
            END""";

    private static final String INDEXED_INSERT = """
            CREATE TRIGGER "ps_view_insert_indexed" INSTEAD OF INSERT ON "indexed" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__indexed" SELECT NEW.id, json_object('name', \
            powersync_strip_subtype(NEW."name"), 'age', powersync_strip_subtype(NEW."age"), 'score', \
            powersync_strip_subtype(NEW."score"));
            INSERT INTO powersync_crud(op,id,type,data) VALUES ('PUT', NEW.id, 'indexed', \
            json(powersync_diff('{}', json_object('name', powersync_strip_subtype(NEW."name"), 'age', \
            powersync_strip_subtype(NEW."age"), 'score', powersync_strip_subtype(NEW."score")))));
            END""";

    private static final String INDEXED_UPDATE = """
            CREATE TRIGGER "ps_view_update_indexed" INSTEAD OF UPDATE ON "indexed" FOR EACH ROW BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__indexed" SET data = json_object('name', powersync_strip_subtype(NEW."name"), \
            'age', powersync_strip_subtype(NEW."age"), 'score', \
            powersync_strip_subtype(NEW."score")) WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,options) VALUES ('PATCH', NEW.id, 'indexed', \
            json(powersync_diff(json_object('name', powersync_strip_subtype(OLD."name"), 'age', \
            powersync_strip_subtype(OLD."age"), 'score', powersync_strip_subtype(OLD."score")), \
            json_object('name', powersync_strip_subtype(NEW."name"), 'age', \
            powersync_strip_subtype(NEW."age"), 'score', powersync_strip_subtype(NEW."score")))), 0);
            END""";

    private static final String INDEXED_INDEX_BY_AGE_DESC = """
            CREATE INDEX "ps_data__indexed__by_age_desc" ON "ps_data__indexed"(CAST(json_extract(data, \
            '$.age') as integer) DESC)""";

    private static final String INDEXED_INDEX_BY_NAME = """
            CREATE INDEX "ps_data__indexed__by_name" ON "ps_data__indexed"(CAST(json_extract(data, \
            '$.name') as text))""";

    private static final String INDEXED_INDEX_MULTI = """
            CREATE INDEX "ps_data__indexed__multi" ON "ps_data__indexed"(CAST(json_extract(data, \
            '$.name') as text), CAST(json_extract(data, '$.age') as integer) DESC, CAST(json_extract(data, \
            '$.score') as real))""";

    private static final String WIDE_VIEW = """
            CREATE VIEW "wide"("id", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", \
            "c12", "c13", "c14", "c15", "c16", "c17", "c18", "c19", "c20", "c21", "c22", "c23", "c24", "c25", \
            "c26", "c27", "c28", "c29", "c30", "c31", "c32", "c33", "c34", "c35", "c36", "c37", "c38", "c39", \
            "c40", "c41", "c42", "c43", "c44", "c45", "c46", "c47", "c48", "c49", "c50", "c51", "c52", "c53", \
            "c54", "c55", "c56", "c57", "c58", "c59", "c60") AS SELECT id, CAST(json_extract(data, \
            '$.c1') as integer), CAST(json_extract(data, '$.c2') as real), CAST(json_extract(data, \
            '$.c3') as text), CAST(json_extract(data, '$.c4') as integer), CAST(json_extract(data, \
            '$.c5') as real), CAST(json_extract(data, '$.c6') as text), CAST(json_extract(data, \
            '$.c7') as integer), CAST(json_extract(data, '$.c8') as real), CAST(json_extract(data, \
            '$.c9') as text), CAST(json_extract(data, '$.c10') as integer), CAST(json_extract(data, \
            '$.c11') as real), CAST(json_extract(data, '$.c12') as text), CAST(json_extract(data, \
            '$.c13') as integer), CAST(json_extract(data, '$.c14') as real), CAST(json_extract(data, \
            '$.c15') as text), CAST(json_extract(data, '$.c16') as integer), CAST(json_extract(data, \
            '$.c17') as real), CAST(json_extract(data, '$.c18') as text), CAST(json_extract(data, \
            '$.c19') as integer), CAST(json_extract(data, '$.c20') as real), CAST(json_extract(data, \
            '$.c21') as text), CAST(json_extract(data, '$.c22') as integer), CAST(json_extract(data, \
            '$.c23') as real), CAST(json_extract(data, '$.c24') as text), CAST(json_extract(data, \
            '$.c25') as integer), CAST(json_extract(data, '$.c26') as real), CAST(json_extract(data, \
            '$.c27') as text), CAST(json_extract(data, '$.c28') as integer), CAST(json_extract(data, \
            '$.c29') as real), CAST(json_extract(data, '$.c30') as text), CAST(json_extract(data, \
            '$.c31') as integer), CAST(json_extract(data, '$.c32') as real), CAST(json_extract(data, \
            '$.c33') as text), CAST(json_extract(data, '$.c34') as integer), CAST(json_extract(data, \
            '$.c35') as real), CAST(json_extract(data, '$.c36') as text), CAST(json_extract(data, \
            '$.c37') as integer), CAST(json_extract(data, '$.c38') as real), CAST(json_extract(data, \
            '$.c39') as text), CAST(json_extract(data, '$.c40') as integer), CAST(json_extract(data, \
            '$.c41') as real), CAST(json_extract(data, '$.c42') as text), CAST(json_extract(data, \
            '$.c43') as integer), CAST(json_extract(data, '$.c44') as real), CAST(json_extract(data, \
            '$.c45') as text), CAST(json_extract(data, '$.c46') as integer), CAST(json_extract(data, \
            '$.c47') as real), CAST(json_extract(data, '$.c48') as text), CAST(json_extract(data, \
            '$.c49') as integer), CAST(json_extract(data, '$.c50') as real), CAST(json_extract(data, \
            '$.c51') as text), CAST(json_extract(data, '$.c52') as integer), CAST(json_extract(data, \
            '$.c53') as real), CAST(json_extract(data, '$.c54') as text), CAST(json_extract(data, \
            '$.c55') as integer), CAST(json_extract(data, '$.c56') as real), CAST(json_extract(data, \
            '$.c57') as text), CAST(json_extract(data, '$.c58') as integer), CAST(json_extract(data, \
            '$.c59') as real), CAST(json_extract(data, '$.c60') as text) FROM "ps_data__wide" -- \
            powersync-auto-generated""";

    private static final String WIDE_DELETE = """
            CREATE TRIGGER "ps_view_delete_wide" INSTEAD OF DELETE ON "wide" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__wide" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type,old_values) VALUES ('DELETE', OLD.id, 'wide', \
            powersync_json_merge(json_object('c1', powersync_strip_subtype(OLD."c1"), 'c2', \
            powersync_strip_subtype(OLD."c2"), 'c3', powersync_strip_subtype(OLD."c3"), 'c4', \
            powersync_strip_subtype(OLD."c4"), 'c5', powersync_strip_subtype(OLD."c5"), 'c6', \
            powersync_strip_subtype(OLD."c6"), 'c7', powersync_strip_subtype(OLD."c7"), 'c8', \
            powersync_strip_subtype(OLD."c8"), 'c9', powersync_strip_subtype(OLD."c9"), 'c10', \
            powersync_strip_subtype(OLD."c10"), 'c11', powersync_strip_subtype(OLD."c11"), 'c12', \
            powersync_strip_subtype(OLD."c12"), 'c13', powersync_strip_subtype(OLD."c13"), 'c14', \
            powersync_strip_subtype(OLD."c14"), 'c15', powersync_strip_subtype(OLD."c15"), 'c16', \
            powersync_strip_subtype(OLD."c16"), 'c17', powersync_strip_subtype(OLD."c17"), 'c18', \
            powersync_strip_subtype(OLD."c18"), 'c19', powersync_strip_subtype(OLD."c19"), 'c20', \
            powersync_strip_subtype(OLD."c20"), 'c21', powersync_strip_subtype(OLD."c21"), 'c22', \
            powersync_strip_subtype(OLD."c22"), 'c23', powersync_strip_subtype(OLD."c23"), 'c24', \
            powersync_strip_subtype(OLD."c24"), 'c25', powersync_strip_subtype(OLD."c25"), 'c26', \
            powersync_strip_subtype(OLD."c26"), 'c27', powersync_strip_subtype(OLD."c27"), 'c28', \
            powersync_strip_subtype(OLD."c28"), 'c29', powersync_strip_subtype(OLD."c29"), 'c30', \
            powersync_strip_subtype(OLD."c30"), 'c31', powersync_strip_subtype(OLD."c31"), 'c32', \
            powersync_strip_subtype(OLD."c32"), 'c33', powersync_strip_subtype(OLD."c33"), 'c34', \
            powersync_strip_subtype(OLD."c34"), 'c35', powersync_strip_subtype(OLD."c35"), 'c36', \
            powersync_strip_subtype(OLD."c36"), 'c37', powersync_strip_subtype(OLD."c37"), 'c38', \
            powersync_strip_subtype(OLD."c38"), 'c39', powersync_strip_subtype(OLD."c39"), 'c40', \
            powersync_strip_subtype(OLD."c40"), 'c41', powersync_strip_subtype(OLD."c41"), 'c42', \
            powersync_strip_subtype(OLD."c42"), 'c43', powersync_strip_subtype(OLD."c43"), 'c44', \
            powersync_strip_subtype(OLD."c44"), 'c45', powersync_strip_subtype(OLD."c45"), 'c46', \
            powersync_strip_subtype(OLD."c46"), 'c47', powersync_strip_subtype(OLD."c47"), 'c48', \
            powersync_strip_subtype(OLD."c48"), 'c49', powersync_strip_subtype(OLD."c49"), 'c50', \
            powersync_strip_subtype(OLD."c50")), json_object('c51', powersync_strip_subtype(OLD."c51"), 'c52', \
            powersync_strip_subtype(OLD."c52"), 'c53', powersync_strip_subtype(OLD."c53"), 'c54', \
            powersync_strip_subtype(OLD."c54"), 'c55', powersync_strip_subtype(OLD."c55"), 'c56', \
            powersync_strip_subtype(OLD."c56"), 'c57', powersync_strip_subtype(OLD."c57"), 'c58', \
            powersync_strip_subtype(OLD."c58"), 'c59', powersync_strip_subtype(OLD."c59"), 'c60', \
            powersync_strip_subtype(OLD."c60"))));
            END""";

    private static final String WIDE_INSERT = """
            CREATE TRIGGER "ps_view_insert_wide" INSTEAD OF INSERT ON "wide" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__wide" SELECT NEW.id, powersync_json_merge(json_object('c1', \
            powersync_strip_subtype(NEW."c1"), 'c2', powersync_strip_subtype(NEW."c2"), 'c3', \
            powersync_strip_subtype(NEW."c3"), 'c4', powersync_strip_subtype(NEW."c4"), 'c5', \
            powersync_strip_subtype(NEW."c5"), 'c6', powersync_strip_subtype(NEW."c6"), 'c7', \
            powersync_strip_subtype(NEW."c7"), 'c8', powersync_strip_subtype(NEW."c8"), 'c9', \
            powersync_strip_subtype(NEW."c9"), 'c10', powersync_strip_subtype(NEW."c10"), 'c11', \
            powersync_strip_subtype(NEW."c11"), 'c12', powersync_strip_subtype(NEW."c12"), 'c13', \
            powersync_strip_subtype(NEW."c13"), 'c14', powersync_strip_subtype(NEW."c14"), 'c15', \
            powersync_strip_subtype(NEW."c15"), 'c16', powersync_strip_subtype(NEW."c16"), 'c17', \
            powersync_strip_subtype(NEW."c17"), 'c18', powersync_strip_subtype(NEW."c18"), 'c19', \
            powersync_strip_subtype(NEW."c19"), 'c20', powersync_strip_subtype(NEW."c20"), 'c21', \
            powersync_strip_subtype(NEW."c21"), 'c22', powersync_strip_subtype(NEW."c22"), 'c23', \
            powersync_strip_subtype(NEW."c23"), 'c24', powersync_strip_subtype(NEW."c24"), 'c25', \
            powersync_strip_subtype(NEW."c25"), 'c26', powersync_strip_subtype(NEW."c26"), 'c27', \
            powersync_strip_subtype(NEW."c27"), 'c28', powersync_strip_subtype(NEW."c28"), 'c29', \
            powersync_strip_subtype(NEW."c29"), 'c30', powersync_strip_subtype(NEW."c30"), 'c31', \
            powersync_strip_subtype(NEW."c31"), 'c32', powersync_strip_subtype(NEW."c32"), 'c33', \
            powersync_strip_subtype(NEW."c33"), 'c34', powersync_strip_subtype(NEW."c34"), 'c35', \
            powersync_strip_subtype(NEW."c35"), 'c36', powersync_strip_subtype(NEW."c36"), 'c37', \
            powersync_strip_subtype(NEW."c37"), 'c38', powersync_strip_subtype(NEW."c38"), 'c39', \
            powersync_strip_subtype(NEW."c39"), 'c40', powersync_strip_subtype(NEW."c40"), 'c41', \
            powersync_strip_subtype(NEW."c41"), 'c42', powersync_strip_subtype(NEW."c42"), 'c43', \
            powersync_strip_subtype(NEW."c43"), 'c44', powersync_strip_subtype(NEW."c44"), 'c45', \
            powersync_strip_subtype(NEW."c45"), 'c46', powersync_strip_subtype(NEW."c46"), 'c47', \
            powersync_strip_subtype(NEW."c47"), 'c48', powersync_strip_subtype(NEW."c48"), 'c49', \
            powersync_strip_subtype(NEW."c49"), 'c50', powersync_strip_subtype(NEW."c50")), json_object('c51', \
            powersync_strip_subtype(NEW."c51"), 'c52', powersync_strip_subtype(NEW."c52"), 'c53', \
            powersync_strip_subtype(NEW."c53"), 'c54', powersync_strip_subtype(NEW."c54"), 'c55', \
            powersync_strip_subtype(NEW."c55"), 'c56', powersync_strip_subtype(NEW."c56"), 'c57', \
            powersync_strip_subtype(NEW."c57"), 'c58', powersync_strip_subtype(NEW."c58"), 'c59', \
            powersync_strip_subtype(NEW."c59"), 'c60', powersync_strip_subtype(NEW."c60")));
            INSERT INTO powersync_crud(op,id,type,data) VALUES ('PUT', NEW.id, 'wide', \
            json(powersync_diff('{}', powersync_json_merge(json_object('c1', \
            powersync_strip_subtype(NEW."c1"), 'c2', powersync_strip_subtype(NEW."c2"), 'c3', \
            powersync_strip_subtype(NEW."c3"), 'c4', powersync_strip_subtype(NEW."c4"), 'c5', \
            powersync_strip_subtype(NEW."c5"), 'c6', powersync_strip_subtype(NEW."c6"), 'c7', \
            powersync_strip_subtype(NEW."c7"), 'c8', powersync_strip_subtype(NEW."c8"), 'c9', \
            powersync_strip_subtype(NEW."c9"), 'c10', powersync_strip_subtype(NEW."c10"), 'c11', \
            powersync_strip_subtype(NEW."c11"), 'c12', powersync_strip_subtype(NEW."c12"), 'c13', \
            powersync_strip_subtype(NEW."c13"), 'c14', powersync_strip_subtype(NEW."c14"), 'c15', \
            powersync_strip_subtype(NEW."c15"), 'c16', powersync_strip_subtype(NEW."c16"), 'c17', \
            powersync_strip_subtype(NEW."c17"), 'c18', powersync_strip_subtype(NEW."c18"), 'c19', \
            powersync_strip_subtype(NEW."c19"), 'c20', powersync_strip_subtype(NEW."c20"), 'c21', \
            powersync_strip_subtype(NEW."c21"), 'c22', powersync_strip_subtype(NEW."c22"), 'c23', \
            powersync_strip_subtype(NEW."c23"), 'c24', powersync_strip_subtype(NEW."c24"), 'c25', \
            powersync_strip_subtype(NEW."c25"), 'c26', powersync_strip_subtype(NEW."c26"), 'c27', \
            powersync_strip_subtype(NEW."c27"), 'c28', powersync_strip_subtype(NEW."c28"), 'c29', \
            powersync_strip_subtype(NEW."c29"), 'c30', powersync_strip_subtype(NEW."c30"), 'c31', \
            powersync_strip_subtype(NEW."c31"), 'c32', powersync_strip_subtype(NEW."c32"), 'c33', \
            powersync_strip_subtype(NEW."c33"), 'c34', powersync_strip_subtype(NEW."c34"), 'c35', \
            powersync_strip_subtype(NEW."c35"), 'c36', powersync_strip_subtype(NEW."c36"), 'c37', \
            powersync_strip_subtype(NEW."c37"), 'c38', powersync_strip_subtype(NEW."c38"), 'c39', \
            powersync_strip_subtype(NEW."c39"), 'c40', powersync_strip_subtype(NEW."c40"), 'c41', \
            powersync_strip_subtype(NEW."c41"), 'c42', powersync_strip_subtype(NEW."c42"), 'c43', \
            powersync_strip_subtype(NEW."c43"), 'c44', powersync_strip_subtype(NEW."c44"), 'c45', \
            powersync_strip_subtype(NEW."c45"), 'c46', powersync_strip_subtype(NEW."c46"), 'c47', \
            powersync_strip_subtype(NEW."c47"), 'c48', powersync_strip_subtype(NEW."c48"), 'c49', \
            powersync_strip_subtype(NEW."c49"), 'c50', powersync_strip_subtype(NEW."c50")), json_object('c51', \
            powersync_strip_subtype(NEW."c51"), 'c52', powersync_strip_subtype(NEW."c52"), 'c53', \
            powersync_strip_subtype(NEW."c53"), 'c54', powersync_strip_subtype(NEW."c54"), 'c55', \
            powersync_strip_subtype(NEW."c55"), 'c56', powersync_strip_subtype(NEW."c56"), 'c57', \
            powersync_strip_subtype(NEW."c57"), 'c58', powersync_strip_subtype(NEW."c58"), 'c59', \
            powersync_strip_subtype(NEW."c59"), 'c60', powersync_strip_subtype(NEW."c60"))))));
            END""";

    private static final String WIDE_UPDATE = """
            CREATE TRIGGER "ps_view_update_wide" INSTEAD OF UPDATE ON "wide" FOR EACH ROW BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__wide" SET data = powersync_json_merge(json_object('c1', \
            powersync_strip_subtype(NEW."c1"), 'c2', powersync_strip_subtype(NEW."c2"), 'c3', \
            powersync_strip_subtype(NEW."c3"), 'c4', powersync_strip_subtype(NEW."c4"), 'c5', \
            powersync_strip_subtype(NEW."c5"), 'c6', powersync_strip_subtype(NEW."c6"), 'c7', \
            powersync_strip_subtype(NEW."c7"), 'c8', powersync_strip_subtype(NEW."c8"), 'c9', \
            powersync_strip_subtype(NEW."c9"), 'c10', powersync_strip_subtype(NEW."c10"), 'c11', \
            powersync_strip_subtype(NEW."c11"), 'c12', powersync_strip_subtype(NEW."c12"), 'c13', \
            powersync_strip_subtype(NEW."c13"), 'c14', powersync_strip_subtype(NEW."c14"), 'c15', \
            powersync_strip_subtype(NEW."c15"), 'c16', powersync_strip_subtype(NEW."c16"), 'c17', \
            powersync_strip_subtype(NEW."c17"), 'c18', powersync_strip_subtype(NEW."c18"), 'c19', \
            powersync_strip_subtype(NEW."c19"), 'c20', powersync_strip_subtype(NEW."c20"), 'c21', \
            powersync_strip_subtype(NEW."c21"), 'c22', powersync_strip_subtype(NEW."c22"), 'c23', \
            powersync_strip_subtype(NEW."c23"), 'c24', powersync_strip_subtype(NEW."c24"), 'c25', \
            powersync_strip_subtype(NEW."c25"), 'c26', powersync_strip_subtype(NEW."c26"), 'c27', \
            powersync_strip_subtype(NEW."c27"), 'c28', powersync_strip_subtype(NEW."c28"), 'c29', \
            powersync_strip_subtype(NEW."c29"), 'c30', powersync_strip_subtype(NEW."c30"), 'c31', \
            powersync_strip_subtype(NEW."c31"), 'c32', powersync_strip_subtype(NEW."c32"), 'c33', \
            powersync_strip_subtype(NEW."c33"), 'c34', powersync_strip_subtype(NEW."c34"), 'c35', \
            powersync_strip_subtype(NEW."c35"), 'c36', powersync_strip_subtype(NEW."c36"), 'c37', \
            powersync_strip_subtype(NEW."c37"), 'c38', powersync_strip_subtype(NEW."c38"), 'c39', \
            powersync_strip_subtype(NEW."c39"), 'c40', powersync_strip_subtype(NEW."c40"), 'c41', \
            powersync_strip_subtype(NEW."c41"), 'c42', powersync_strip_subtype(NEW."c42"), 'c43', \
            powersync_strip_subtype(NEW."c43"), 'c44', powersync_strip_subtype(NEW."c44"), 'c45', \
            powersync_strip_subtype(NEW."c45"), 'c46', powersync_strip_subtype(NEW."c46"), 'c47', \
            powersync_strip_subtype(NEW."c47"), 'c48', powersync_strip_subtype(NEW."c48"), 'c49', \
            powersync_strip_subtype(NEW."c49"), 'c50', powersync_strip_subtype(NEW."c50")), json_object('c51', \
            powersync_strip_subtype(NEW."c51"), 'c52', powersync_strip_subtype(NEW."c52"), 'c53', \
            powersync_strip_subtype(NEW."c53"), 'c54', powersync_strip_subtype(NEW."c54"), 'c55', \
            powersync_strip_subtype(NEW."c55"), 'c56', powersync_strip_subtype(NEW."c56"), 'c57', \
            powersync_strip_subtype(NEW."c57"), 'c58', powersync_strip_subtype(NEW."c58"), 'c59', \
            powersync_strip_subtype(NEW."c59"), 'c60', powersync_strip_subtype(NEW."c60"))) WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,old_values,options) VALUES ('PATCH', NEW.id, 'wide', \
            json(powersync_diff(powersync_json_merge(json_object('c1', powersync_strip_subtype(OLD."c1"), \
            'c2', powersync_strip_subtype(OLD."c2"), 'c3', powersync_strip_subtype(OLD."c3"), 'c4', \
            powersync_strip_subtype(OLD."c4"), 'c5', powersync_strip_subtype(OLD."c5"), 'c6', \
            powersync_strip_subtype(OLD."c6"), 'c7', powersync_strip_subtype(OLD."c7"), 'c8', \
            powersync_strip_subtype(OLD."c8"), 'c9', powersync_strip_subtype(OLD."c9"), 'c10', \
            powersync_strip_subtype(OLD."c10"), 'c11', powersync_strip_subtype(OLD."c11"), 'c12', \
            powersync_strip_subtype(OLD."c12"), 'c13', powersync_strip_subtype(OLD."c13"), 'c14', \
            powersync_strip_subtype(OLD."c14"), 'c15', powersync_strip_subtype(OLD."c15"), 'c16', \
            powersync_strip_subtype(OLD."c16"), 'c17', powersync_strip_subtype(OLD."c17"), 'c18', \
            powersync_strip_subtype(OLD."c18"), 'c19', powersync_strip_subtype(OLD."c19"), 'c20', \
            powersync_strip_subtype(OLD."c20"), 'c21', powersync_strip_subtype(OLD."c21"), 'c22', \
            powersync_strip_subtype(OLD."c22"), 'c23', powersync_strip_subtype(OLD."c23"), 'c24', \
            powersync_strip_subtype(OLD."c24"), 'c25', powersync_strip_subtype(OLD."c25"), 'c26', \
            powersync_strip_subtype(OLD."c26"), 'c27', powersync_strip_subtype(OLD."c27"), 'c28', \
            powersync_strip_subtype(OLD."c28"), 'c29', powersync_strip_subtype(OLD."c29"), 'c30', \
            powersync_strip_subtype(OLD."c30"), 'c31', powersync_strip_subtype(OLD."c31"), 'c32', \
            powersync_strip_subtype(OLD."c32"), 'c33', powersync_strip_subtype(OLD."c33"), 'c34', \
            powersync_strip_subtype(OLD."c34"), 'c35', powersync_strip_subtype(OLD."c35"), 'c36', \
            powersync_strip_subtype(OLD."c36"), 'c37', powersync_strip_subtype(OLD."c37"), 'c38', \
            powersync_strip_subtype(OLD."c38"), 'c39', powersync_strip_subtype(OLD."c39"), 'c40', \
            powersync_strip_subtype(OLD."c40"), 'c41', powersync_strip_subtype(OLD."c41"), 'c42', \
            powersync_strip_subtype(OLD."c42"), 'c43', powersync_strip_subtype(OLD."c43"), 'c44', \
            powersync_strip_subtype(OLD."c44"), 'c45', powersync_strip_subtype(OLD."c45"), 'c46', \
            powersync_strip_subtype(OLD."c46"), 'c47', powersync_strip_subtype(OLD."c47"), 'c48', \
            powersync_strip_subtype(OLD."c48"), 'c49', powersync_strip_subtype(OLD."c49"), 'c50', \
            powersync_strip_subtype(OLD."c50")), json_object('c51', powersync_strip_subtype(OLD."c51"), 'c52', \
            powersync_strip_subtype(OLD."c52"), 'c53', powersync_strip_subtype(OLD."c53"), 'c54', \
            powersync_strip_subtype(OLD."c54"), 'c55', powersync_strip_subtype(OLD."c55"), 'c56', \
            powersync_strip_subtype(OLD."c56"), 'c57', powersync_strip_subtype(OLD."c57"), 'c58', \
            powersync_strip_subtype(OLD."c58"), 'c59', powersync_strip_subtype(OLD."c59"), 'c60', \
            powersync_strip_subtype(OLD."c60"))), powersync_json_merge(json_object('c1', \
            powersync_strip_subtype(NEW."c1"), 'c2', powersync_strip_subtype(NEW."c2"), 'c3', \
            powersync_strip_subtype(NEW."c3"), 'c4', powersync_strip_subtype(NEW."c4"), 'c5', \
            powersync_strip_subtype(NEW."c5"), 'c6', powersync_strip_subtype(NEW."c6"), 'c7', \
            powersync_strip_subtype(NEW."c7"), 'c8', powersync_strip_subtype(NEW."c8"), 'c9', \
            powersync_strip_subtype(NEW."c9"), 'c10', powersync_strip_subtype(NEW."c10"), 'c11', \
            powersync_strip_subtype(NEW."c11"), 'c12', powersync_strip_subtype(NEW."c12"), 'c13', \
            powersync_strip_subtype(NEW."c13"), 'c14', powersync_strip_subtype(NEW."c14"), 'c15', \
            powersync_strip_subtype(NEW."c15"), 'c16', powersync_strip_subtype(NEW."c16"), 'c17', \
            powersync_strip_subtype(NEW."c17"), 'c18', powersync_strip_subtype(NEW."c18"), 'c19', \
            powersync_strip_subtype(NEW."c19"), 'c20', powersync_strip_subtype(NEW."c20"), 'c21', \
            powersync_strip_subtype(NEW."c21"), 'c22', powersync_strip_subtype(NEW."c22"), 'c23', \
            powersync_strip_subtype(NEW."c23"), 'c24', powersync_strip_subtype(NEW."c24"), 'c25', \
            powersync_strip_subtype(NEW."c25"), 'c26', powersync_strip_subtype(NEW."c26"), 'c27', \
            powersync_strip_subtype(NEW."c27"), 'c28', powersync_strip_subtype(NEW."c28"), 'c29', \
            powersync_strip_subtype(NEW."c29"), 'c30', powersync_strip_subtype(NEW."c30"), 'c31', \
            powersync_strip_subtype(NEW."c31"), 'c32', powersync_strip_subtype(NEW."c32"), 'c33', \
            powersync_strip_subtype(NEW."c33"), 'c34', powersync_strip_subtype(NEW."c34"), 'c35', \
            powersync_strip_subtype(NEW."c35"), 'c36', powersync_strip_subtype(NEW."c36"), 'c37', \
            powersync_strip_subtype(NEW."c37"), 'c38', powersync_strip_subtype(NEW."c38"), 'c39', \
            powersync_strip_subtype(NEW."c39"), 'c40', powersync_strip_subtype(NEW."c40"), 'c41', \
            powersync_strip_subtype(NEW."c41"), 'c42', powersync_strip_subtype(NEW."c42"), 'c43', \
            powersync_strip_subtype(NEW."c43"), 'c44', powersync_strip_subtype(NEW."c44"), 'c45', \
            powersync_strip_subtype(NEW."c45"), 'c46', powersync_strip_subtype(NEW."c46"), 'c47', \
            powersync_strip_subtype(NEW."c47"), 'c48', powersync_strip_subtype(NEW."c48"), 'c49', \
            powersync_strip_subtype(NEW."c49"), 'c50', powersync_strip_subtype(NEW."c50")), json_object('c51', \
            powersync_strip_subtype(NEW."c51"), 'c52', powersync_strip_subtype(NEW."c52"), 'c53', \
            powersync_strip_subtype(NEW."c53"), 'c54', powersync_strip_subtype(NEW."c54"), 'c55', \
            powersync_strip_subtype(NEW."c55"), 'c56', powersync_strip_subtype(NEW."c56"), 'c57', \
            powersync_strip_subtype(NEW."c57"), 'c58', powersync_strip_subtype(NEW."c58"), 'c59', \
            powersync_strip_subtype(NEW."c59"), 'c60', powersync_strip_subtype(NEW."c60"))))), \
            powersync_json_merge(json_object('c1', powersync_strip_subtype(OLD."c1"), 'c2', \
            powersync_strip_subtype(OLD."c2"), 'c3', powersync_strip_subtype(OLD."c3"), 'c4', \
            powersync_strip_subtype(OLD."c4"), 'c5', powersync_strip_subtype(OLD."c5"), 'c6', \
            powersync_strip_subtype(OLD."c6"), 'c7', powersync_strip_subtype(OLD."c7"), 'c8', \
            powersync_strip_subtype(OLD."c8"), 'c9', powersync_strip_subtype(OLD."c9"), 'c10', \
            powersync_strip_subtype(OLD."c10"), 'c11', powersync_strip_subtype(OLD."c11"), 'c12', \
            powersync_strip_subtype(OLD."c12"), 'c13', powersync_strip_subtype(OLD."c13"), 'c14', \
            powersync_strip_subtype(OLD."c14"), 'c15', powersync_strip_subtype(OLD."c15"), 'c16', \
            powersync_strip_subtype(OLD."c16"), 'c17', powersync_strip_subtype(OLD."c17"), 'c18', \
            powersync_strip_subtype(OLD."c18"), 'c19', powersync_strip_subtype(OLD."c19"), 'c20', \
            powersync_strip_subtype(OLD."c20"), 'c21', powersync_strip_subtype(OLD."c21"), 'c22', \
            powersync_strip_subtype(OLD."c22"), 'c23', powersync_strip_subtype(OLD."c23"), 'c24', \
            powersync_strip_subtype(OLD."c24"), 'c25', powersync_strip_subtype(OLD."c25"), 'c26', \
            powersync_strip_subtype(OLD."c26"), 'c27', powersync_strip_subtype(OLD."c27"), 'c28', \
            powersync_strip_subtype(OLD."c28"), 'c29', powersync_strip_subtype(OLD."c29"), 'c30', \
            powersync_strip_subtype(OLD."c30"), 'c31', powersync_strip_subtype(OLD."c31"), 'c32', \
            powersync_strip_subtype(OLD."c32"), 'c33', powersync_strip_subtype(OLD."c33"), 'c34', \
            powersync_strip_subtype(OLD."c34"), 'c35', powersync_strip_subtype(OLD."c35"), 'c36', \
            powersync_strip_subtype(OLD."c36"), 'c37', powersync_strip_subtype(OLD."c37"), 'c38', \
            powersync_strip_subtype(OLD."c38"), 'c39', powersync_strip_subtype(OLD."c39"), 'c40', \
            powersync_strip_subtype(OLD."c40"), 'c41', powersync_strip_subtype(OLD."c41"), 'c42', \
            powersync_strip_subtype(OLD."c42"), 'c43', powersync_strip_subtype(OLD."c43"), 'c44', \
            powersync_strip_subtype(OLD."c44"), 'c45', powersync_strip_subtype(OLD."c45"), 'c46', \
            powersync_strip_subtype(OLD."c46"), 'c47', powersync_strip_subtype(OLD."c47"), 'c48', \
            powersync_strip_subtype(OLD."c48"), 'c49', powersync_strip_subtype(OLD."c49"), 'c50', \
            powersync_strip_subtype(OLD."c50")), json_object('c51', powersync_strip_subtype(OLD."c51"), 'c52', \
            powersync_strip_subtype(OLD."c52"), 'c53', powersync_strip_subtype(OLD."c53"), 'c54', \
            powersync_strip_subtype(OLD."c54"), 'c55', powersync_strip_subtype(OLD."c55"), 'c56', \
            powersync_strip_subtype(OLD."c56"), 'c57', powersync_strip_subtype(OLD."c57"), 'c58', \
            powersync_strip_subtype(OLD."c58"), 'c59', powersync_strip_subtype(OLD."c59"), 'c60', \
            powersync_strip_subtype(OLD."c60"))), 0);
            END""";

    private static final String QUOTED_VIEW = """
            CREATE VIEW "Group Items"("id", "select", "Mixed Case", "it's", "dq""col") AS SELECT id, \
            CAST(json_extract(data, '$.select') as text), CAST(json_extract(data, '$.Mixed Case') as integer), \
            CAST(json_extract(data, '$.it''s') as text), CAST(json_extract(data, \
            '$.dq"col') as text) FROM "ps_data__order" -- powersync-auto-generated""";

    private static final String QUOTED_DELETE = """
            CREATE TRIGGER "ps_view_delete_Group Items" INSTEAD OF DELETE ON "Group Items" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__order" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type) VALUES ('DELETE', OLD.id, 'order');
            END""";

    private static final String QUOTED_INSERT = """
            CREATE TRIGGER "ps_view_insert_Group Items" INSTEAD OF INSERT ON "Group Items" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__order" SELECT NEW.id, json_object('select', \
            powersync_strip_subtype(NEW."select"), 'Mixed Case', powersync_strip_subtype(NEW."Mixed Case"), \
            'it''s', powersync_strip_subtype(NEW."it's"), 'dq"col', powersync_strip_subtype(NEW."dq""col"));
            INSERT INTO powersync_crud(op,id,type,data) VALUES ('PUT', NEW.id, 'order', \
            json(powersync_diff('{}', json_object('select', powersync_strip_subtype(NEW."select"), \
            'Mixed Case', powersync_strip_subtype(NEW."Mixed Case"), 'it''s', \
            powersync_strip_subtype(NEW."it's"), 'dq"col', powersync_strip_subtype(NEW."dq""col")))));
            END""";

    private static final String QUOTED_UPDATE = """
            CREATE TRIGGER "ps_view_update_Group Items" INSTEAD OF UPDATE ON "Group Items" FOR EACH ROW BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__order" SET data = json_object('select', powersync_strip_subtype(NEW."select"), \
            'Mixed Case', powersync_strip_subtype(NEW."Mixed Case"), 'it''s', \
            powersync_strip_subtype(NEW."it's"), 'dq"col', powersync_strip_subtype(NEW."dq""col")) WHERE id = \
            NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,options) VALUES ('PATCH', NEW.id, 'order', \
            json(powersync_diff(json_object('select', powersync_strip_subtype(OLD."select"), 'Mixed Case', \
            powersync_strip_subtype(OLD."Mixed Case"), 'it''s', powersync_strip_subtype(OLD."it's"), 'dq"col', \
            powersync_strip_subtype(OLD."dq""col")), json_object('select', \
            powersync_strip_subtype(NEW."select"), 'Mixed Case', powersync_strip_subtype(NEW."Mixed Case"), \
            'it''s', powersync_strip_subtype(NEW."it's"), 'dq"col', powersync_strip_subtype(NEW."dq""col")))), \
            0);
            END""";

    private static final String QUOTED_INDEX_BY_SELECT = """
            CREATE INDEX "ps_data__order__by select" ON "ps_data__order"(CAST(json_extract(data, \
            '$.select') as text) DESC)""";

    private static final String NO_COLUMNS_VIEW = """
            CREATE VIEW "no_columns"("id") AS SELECT id FROM "ps_data__no_columns" -- powersync-auto-generated""";

    private static final String NO_COLUMNS_DELETE = """
            CREATE TRIGGER "ps_view_delete_no_columns" INSTEAD OF DELETE ON "no_columns" FOR EACH ROW BEGIN
            DELETE FROM "ps_data__no_columns" WHERE id = OLD.id;
            INSERT INTO powersync_crud(op,id,type) VALUES ('DELETE', OLD.id, 'no_columns');
            END""";

    private static final String NO_COLUMNS_INSERT = """
            CREATE TRIGGER "ps_view_insert_no_columns" INSTEAD OF INSERT ON "no_columns" FOR EACH ROW BEGIN
            SELECT CASE WHEN (NEW.id IS NULL) THEN RAISE (FAIL, \
            'id is required') WHEN (typeof(NEW.id) != 'text') THEN RAISE (FAIL, 'id should be text') END;
            INSERT INTO "ps_data__no_columns" SELECT NEW.id, json_object();
            INSERT INTO powersync_crud(op,id,type,data) VALUES ('PUT', NEW.id, 'no_columns', \
            json(powersync_diff('{}', json_object())));
            END""";

    private static final String NO_COLUMNS_UPDATE = """
            CREATE TRIGGER "ps_view_update_no_columns" INSTEAD OF UPDATE ON "no_columns" FOR EACH ROW BEGIN
            SELECT CASE WHEN (OLD.id != NEW.id) THEN RAISE (FAIL, 'Cannot update id') END;
            UPDATE "ps_data__no_columns" SET data = json_object() WHERE id = NEW.id;
            INSERT INTO powersync_crud(op,id,type,data,options) VALUES ('PATCH', NEW.id, 'no_columns', \
            json(powersync_diff(json_object(), json_object())), 0);
            END""";
}
