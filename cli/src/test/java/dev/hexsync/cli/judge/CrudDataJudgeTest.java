package dev.hexsync.cli.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.ports.schema.TrackPreviousValues;
import dev.hexsync.schema.json.SchemaJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;

/**
 * {@code ps_crud.data} written by hexsync's triggers is the native engine's, byte for byte, for every value
 * kind an application binds (strings needing escapes or looking like JSON, unicode, integers at the ends of
 * their range, REALs of every spelling, NULLs) and every capture shape: inserts, updates with and without
 * previous values (all, only changed), metadata, ignored empty updates, deletes. The same statements with
 * the same values run on both; the queues must be equal entry by entry.
 */
class CrudDataJudgeTest {
    private static final Schema SCHEMA = Schema.of(
            Table.builder("t").text("a").integer("b").real("c").text("d").build(),
            Table.builder("p").text("a").integer("b").real("c").text("d")
                    .trackPreviousValues(TrackPreviousValues.all().whenChanged()).trackMetadata().build(),
            Table.builder("q").text("a").integer("b").real("c").text("d")
                    .trackPreviousValues(TrackPreviousValues.columns("a", "c")).ignoreEmptyUpdates().build());

    @Test
    void queueEntriesAreTheEnginesForEveryValueKind() throws SQLException {
        NativeEngine.Availability availability = NativeEngine.availability();
        assumeTrue(availability.available(), () -> "Native PowerSync engine not available, skipped: " + availability.reason());
        List<Write> statements = workload();
        List<String> ours;
        try (SyncDatabase db = HexSync.builder().inMemory().schema(SCHEMA).build()) {
            for (Write statement : statements) {
                db.execute(statement.sql(), statement.params());
            }
            ours = db.getAll("SELECT data FROM ps_crud ORDER BY id").stream().map(row -> row.getString("data")).toList();
        }
        List<String> engine = runNative(availability.library().orElseThrow().toString(), statements);
        assertThat(ours).hasSize(engine.size());
        for (int i = 0; i < engine.size(); i++) {
            assertThat(ours.get(i)).as("entry %d", i).isEqualTo(engine.get(i));
        }
    }

    private record Write(String sql, List<Object> params) {
    }

    private static List<Write> workload() {
        List<Object> values = values();
        Random random = new Random(1616);
        List<Write> statements = new ArrayList<>();
        for (String table : List.of("t", "p", "q")) {
            for (int i = 0; i < values.size(); i++) {
                List<Object> params = new ArrayList<>(List.of(table + i));
                for (int c = 0; c < 4; c++) {
                    params.add(values.get(c == 0 ? i : random.nextInt(values.size())));
                }
                statements.add(new Write("INSERT INTO " + table + "(id, a, b, c, d) VALUES (?, ?, ?, ?, ?)", params));
            }
            for (int i = 0; i < values.size(); i++) {
                List<Object> params = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    // A third unchanged (same value set again), so that equal members and empty updates occur.
                    params.add(random.nextInt(3) == 0 ? null : values.get(random.nextInt(values.size())));
                }
                String set = "a = coalesce(?, a), b = coalesce(?, b), c = coalesce(?, c), d = coalesce(?, d)";
                if (table.equals("p")) {
                    params.add(i % 3 == 0 ? null : i % 3 == 1 ? "meta \"" + i + "\" \u00e9" : (Object) Long.valueOf(i));
                    set += ", _metadata = ?";
                }
                params.add(table + i);
                statements.add(new Write("UPDATE " + table + " SET " + set + " WHERE id = ?", params));
            }
            statements.add(new Write("UPDATE " + table + " SET a = a WHERE id = ?", List.of(table + 1)));
            statements.add(new Write("INSERT INTO " + table + "(id, a) VALUES (?, json(?))", List.of(table + "-json", "{\"k\": [1]}")));
            for (int i = 0; i < values.size(); i += 2) {
                statements.add(new Write("DELETE FROM " + table + " WHERE id = ?", List.of(table + i)));
            }
        }
        return statements;
    }

    private static List<Object> values() {
        List<Object> values = new ArrayList<>(Arrays.asList(null, "", "plain", "quote \" backslash \\ slash /",
                "controls \b\f\n\r\t \u0001 \u001f \u007f", "unicode \u00e9 \u4e2d \ud83d\ude00 \u2028", "{\"a\": 1}",
                "[1,2]", "null", "1", "1.5", "true", 0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 9007199254740993L,
                0.0, -0.0, 1.0, 0.1, 0.25, -2.5, 1e-4, 9.99e-5, 1e-7, 2.5e-5, 123456.0, 1e14, 99999999999999.98, 1e15,
                1e20, -1e300, 123456789012345.6, 0.30000000000000004, 1.0 / 3, Math.PI, Double.MIN_VALUE, 4999.75,
                -9902.74983567561));
        Random random = new Random(16);
        for (int i = 0; i < 60; i++) {
            double magnitude = Math.pow(10, random.nextInt(26) - 9);
            values.add(random.nextDouble() * magnitude * (random.nextBoolean() ? 1 : -1));
            values.add(Math.round(random.nextDouble() * 1e6) / 100.0);
        }
        return values;
    }

    private static List<String> runNative(String library, List<Write> statements) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enableLoadExtension(true);
        try (Connection connection = config.createConnection("jdbc:sqlite::memory:");
                java.sql.Statement plain = connection.createStatement()) {
            try (PreparedStatement load = connection.prepareStatement("SELECT load_extension(?, 'sqlite3_powersync_init')")) {
                load.setString(1, library);
                load.executeQuery().close();
            }
            // The engine sets up only inside a transaction.
            plain.execute("BEGIN");
            plain.executeQuery("SELECT powersync_init()").close();
            try (PreparedStatement schema = connection.prepareStatement("SELECT powersync_replace_schema(?)")) {
                schema.setString(1, SchemaJson.write(SCHEMA));
                schema.executeQuery().close();
            }
            plain.execute("COMMIT");
            for (Write statement : statements) {
                try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
                    for (int i = 0; i < statement.params().size(); i++) {
                        bind(prepared, i + 1, statement.params().get(i));
                    }
                    prepared.execute();
                }
            }
            List<String> entries = new ArrayList<>();
            try (ResultSet rows = plain.executeQuery("SELECT data FROM ps_crud ORDER BY id")) {
                while (rows.next()) {
                    entries.add(rows.getString(1));
                }
            }
            return entries;
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else {
            statement.setDouble(index, (Double) value);
        }
    }
}
