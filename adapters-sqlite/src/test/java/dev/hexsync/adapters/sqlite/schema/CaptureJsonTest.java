package dev.hexsync.adapters.sqlite.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.adapters.sqlite.SqliteStorageEngine;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.schema.TrackPreviousValues;
import dev.hexsync.ports.storage.DatabaseLocation;
import dev.hexsync.ports.storage.SqlSession;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The entries the triggers build in SQL ({@link CaptureJson}) are the text the Java path builds
 * ({@code hexsync_crud_entry} over {@code json(powersync_diff(..))}, which the conformance scenarios and the
 * native differential hold to the engine's), for every value kind: strings that need escapes or look like
 * JSON, unicode, integers at the ends of their range, REALs of every spelling, NULLs, and text carrying
 * SQLite's JSON subtype.
 */
class CaptureJsonTest {
    private static final List<String> COLUMNS = List.of("a", "b", "c", "d");

    private SqlSession session;

    @BeforeEach
    void open() {
        session = new SqliteStorageEngine(new VirtualScheduler()).open(DatabaseLocation.inMemory("capture-json"),
                StorageOptions.DEFAULT);
        session.applySchema(Schema.of(
                Table.builder("t").text("a").integer("b").real("c").text("d").build(),
                Table.builder("p").text("a").integer("b").real("c").text("d")
                        .trackPreviousValues(TrackPreviousValues.all().whenChanged()).trackMetadata().build()));
        // SQLite converts the NEW values of an INSERT or UPDATE on a view by the view's column affinities (not
        // all alike); views over the same tables record what the triggers see, for the expected entries.
        for (String sql : List.of("CREATE TABLE seen(a, b, c, d)", "CREATE VIEW probe_t AS SELECT * FROM t",
                "CREATE VIEW probe_p AS SELECT * FROM p",
                "CREATE TRIGGER probe_t_insert INSTEAD OF INSERT ON probe_t BEGIN"
                        + " INSERT INTO seen VALUES (NEW.a, NEW.b, NEW.c, NEW.d); END",
                "CREATE TRIGGER probe_p_update INSTEAD OF UPDATE ON probe_p BEGIN"
                        + " INSERT INTO seen VALUES (NEW.a, NEW.b, NEW.c, NEW.d); END")) {
            session.write(tx -> tx.execute(sql));
        }
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void insertsMatchTheJavaPathForEveryValueKind() {
        List<Object> values = values();
        Random random = new Random(16);
        for (int i = 0; i < values.size() * 3; i++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < COLUMNS.size(); c++) {
                row.add(values.get(i < values.size() ? (i + c * 7) % values.size() : random.nextInt(values.size())));
            }
            String id = "row-" + i;
            List<Object> params = new ArrayList<>(List.of(id));
            params.addAll(row);
            session.write(tx -> tx.execute("INSERT INTO t(id, a, b, c, d) VALUES (?, ?, ?, ?, ?)", params));
            String expected = javaEntry("PUT", id, "t", "json(powersync_diff('{}', " + object(0) + "))", seenBy("INSERT INTO probe_t(id, a, b, c, d) VALUES (?, ?, ?, ?, ?)", params), null);
            assertThat(lastEntry()).as("insert of %s", row).isEqualTo(expected);
        }
    }

    @Test
    void textWithTheJsonSubtypeIsCapturedAsAString() {
        session.write(tx -> tx.execute("INSERT INTO t(id, a, d) VALUES ('j', json(?), json_array(1, 'x'))", List.of("{\"k\": [1, 2]}")));
        assertThat(lastEntry()).isEqualTo("{\"op\":\"PUT\",\"id\":\"j\",\"type\":\"t\",\"data\":"
                + "{\"a\":\"{\\\"k\\\":[1,2]}\",\"d\":\"[1,\\\"x\\\"]\"}}");
    }

    @Test
    void updatesAndDeletesWithPreviousValuesAndMetadataMatchTheJavaPath() {
        List<Object> values = values();
        Random random = new Random(61);
        for (int i = 0; i < values.size() * 2; i++) {
            List<Object> before = new ArrayList<>();
            List<Object> after = new ArrayList<>();
            for (int c = 0; c < COLUMNS.size(); c++) {
                Object value = values.get(random.nextInt(values.size()));
                before.add(value);
                // Often unchanged, so that removal of equal members is exercised.
                after.add(random.nextInt(3) == 0 ? value : values.get(random.nextInt(values.size())));
            }
            String id = "u-" + i;
            List<Object> insert = new ArrayList<>(List.of(id));
            insert.addAll(before);
            session.write(tx -> tx.execute("INSERT INTO p(id, a, b, c, d) VALUES (?, ?, ?, ?, ?)", insert));
            List<Object> old = stored(id);
            Object metadata = i % 3 == 0 ? null : i % 3 == 1 ? "meta \"" + i + "\" \u00e9" : (Object) Long.valueOf(i);
            List<Object> update = new ArrayList<>(after);
            update.add(metadata);
            update.add(id);
            session.write(tx -> tx.execute("UPDATE p SET a = ?, b = ?, c = ?, d = ?, _metadata = ? WHERE id = ?", update));
            List<Object> seen = seenBy("UPDATE probe_p SET a = ?, b = ?, c = ?, d = ?, _metadata = ? WHERE id = ?", update);
            List<Object> both = new ArrayList<>(old);
            both.addAll(seen);
            List<Object> reversed = new ArrayList<>(seen);
            reversed.addAll(old);
            both.addAll(reversed);
            both.add(metadata);
            String data = "json(powersync_diff(" + object(0) + ", " + object(4) + "))";
            String previous = "json(powersync_diff(" + object(8) + ", " + object(12) + "))";
            assertThat(lastEntry()).as("update of %s to %s", old, after)
                    .isEqualTo(javaEntry("PATCH", id, "p", data, both, previous, "?17"));
            List<Object> current = stored(id);
            session.write(tx -> tx.execute("DELETE FROM p WHERE id = ?", List.of(id)));
            assertThat(lastEntry()).as("delete of %s", current)
                    .isEqualTo(javaEntry("DELETE", id, "p", "NULL", current, object(0), "NULL"));
        }
    }

    /** The kinds of value an application binds. */
    private static List<Object> values() {
        List<Object> values = new ArrayList<>(Arrays.asList(null, "", "plain", "quote \" backslash \\ slash /",
                "controls \b\f\n\r\t \u0001 \u001f \u007f", "unicode \u00e9 \u4e2d \ud83d\ude00 \u2028", "{\"a\": 1}",
                "[1,2]", "null", "1", "1.5", "true", 0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 9007199254740993L,
                0.0, -0.0, 1.0, 0.1, 0.25, -2.5, 1e-4, 9.99e-5, 1e-7, 2.5e-5, 123456.0, 1e14, 99999999999999.98, 1e15,
                1e20, -1e300, 123456789012345.6, 0.30000000000000004, 1.0 / 3, Math.PI, Double.MIN_VALUE, 4999.75));
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            double magnitude = Math.pow(10, random.nextInt(24) - 8);
            values.add(random.nextDouble() * magnitude * (random.nextBoolean() ? 1 : -1));
            values.add(Math.round(random.nextDouble() * 1e6) / 100.0);
        }
        return values;
    }

    /** json_object over four bound values from parameter {@code first + 1} on, as the triggers build it. */
    private static String object(int first) {
        List<String> pairs = new ArrayList<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            pairs.add("'" + COLUMNS.get(c) + "', ?" + (first + c + 1));
        }
        return "json_object(" + String.join(", ", pairs) + ")";
    }

    private String javaEntry(String op, String id, String type, String data, List<Object> values, String metadata) {
        return javaEntry(op, id, type, data, values, "NULL", metadata == null ? "NULL" : metadata);
    }

    private String javaEntry(String op, String id, String type, String data, List<Object> values, String old,
            String metadata) {
        String sql = "SELECT hexsync_crud_entry('" + op + "', '" + id + "', '" + type + "', " + data + ", " + old + ", "
                + metadata + ") AS entry";
        return session.read(tx -> tx.getAll(sql, values, dev.hexsync.ports.api.RowMapper.rows())).get(0).getString("entry");
    }

    private List<Object> stored(String id) {
        SqlRow row = session.read(tx -> tx.getAll("SELECT a, b, c, d FROM p WHERE id = ?", id)).get(0);
        List<Object> values = new ArrayList<>();
        for (String column : COLUMNS) {
            values.add(row.get(column));
        }
        return values;
    }

    /** The values a view trigger sees as NEW for this statement on a probe view. */
    private List<Object> seenBy(String sql, List<Object> params) {
        session.write(tx -> tx.execute("DELETE FROM seen"));
        session.write(tx -> tx.execute(sql, params));
        SqlRow row = session.read(tx -> tx.getAll("SELECT a, b, c, d FROM seen")).get(0);
        List<Object> converted = new ArrayList<>();
        for (String column : COLUMNS) {
            converted.add(row.get(column));
        }
        return converted;
    }

    private String lastEntry() {
        return session.read(tx -> tx.getAll("SELECT data FROM ps_crud ORDER BY id DESC LIMIT 1")).get(0).getString("data");
    }
}
