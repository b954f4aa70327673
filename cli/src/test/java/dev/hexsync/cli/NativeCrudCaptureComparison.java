package dev.hexsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.cli.judge.NativeEngine;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.schema.json.SchemaJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * The crud-capture benchmark's writes run through the native PowerSync engine too (its views and triggers,
 * loaded into sqlite-jdbc), interleaved with the plain-table floor and hexsync on the same rows in the same
 * run: inserts, updates (PATCH of one column) and deletes of N rows in one transaction each, and one-row
 * inserts in their own transactions (p50/p95). Not part of the build's tests; run it with
 * {@code mvn -B -pl cli -am test -Dtest=NativeCrudCaptureComparison -Dsurefire.failIfNoSpecifiedTests=false
 * -Dhexsync.bench.crud=100000} ({@code -Dhexsync.bench.runs=3} sets the measured runs).
 */
@EnabledIfSystemProperty(named = "hexsync.bench.crud", matches = "\\d+")
class NativeCrudCaptureComparison {
    private static final Schema SCHEMA =
            Schema.of(Table.builder("todos").text("description").integer("completed").real("estimate").build());
    private static final String INSERT = "INSERT INTO %s(id, description, completed, estimate) VALUES (?, ?, ?, ?)";
    private static final int ONE_ROW_WRITES = 500;

    @TempDir
    Path dir;

    @Test
    void nativeEngineAgainstTheFloorAndHexsync() throws Exception {
        NativeEngine.Availability availability = NativeEngine.availability();
        assumeTrue(availability.available(), availability.reason());
        int rows = Integer.parseInt(System.getProperty("hexsync.bench.crud"));
        int runs = Integer.parseInt(System.getProperty("hexsync.bench.runs", "3"));
        PrintWriter out = new PrintWriter(System.out, true);
        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("hexsync.db")).schema(SCHEMA).build();
                Connection engine = openNative(availability.library().orElseThrow(), dir.resolve("native.db"))) {
            db.execute("CREATE TABLE plain_todos(id TEXT PRIMARY KEY NOT NULL, description TEXT, completed INTEGER, estimate REAL)");
            // Warm-up of all three.
            insertHexsync(db, "plain_todos", Math.min(rows, 20_000), "warm");
            insertHexsync(db, "todos", Math.min(rows, 20_000), "warm");
            batch(engine, String.format(INSERT, "todos"), rows(Math.min(rows, 20_000), "warm"));
            long[][] insert = new long[3][runs];
            long[][] update = new long[2][runs];
            long[][] delete = new long[2][runs];
            for (int run = 0; run < runs; run++) {
                insert[0][run] = insertHexsync(db, "plain_todos", rows, "p" + run);
                insert[1][run] = insertHexsync(db, "todos", rows, "h" + run);
                insert[2][run] = batch(engine, String.format(INSERT, "todos"), rows(rows, "n" + run));
                List<List<?>> hexsyncUpdates = updates(rows, "h" + run);
                long start = System.nanoTime();
                db.executeBatch("UPDATE todos SET description = ? WHERE id = ?", hexsyncUpdates);
                update[0][run] = System.nanoTime() - start;
                update[1][run] = batch(engine, "UPDATE todos SET description = ? WHERE id = ?", updates(rows, "n" + run));
                List<List<?>> hexsyncDeletes = ids(rows, "h" + run);
                start = System.nanoTime();
                db.executeBatch("DELETE FROM todos WHERE id = ?", hexsyncDeletes);
                delete[0][run] = System.nanoTime() - start;
                delete[1][run] = batch(engine, "DELETE FROM todos WHERE id = ?", ids(rows, "n" + run));
            }
            long floor = median(insert[0]);
            out.printf(Locale.ROOT, "crud-capture against the native engine, %,d rows, median of %d runs%n", rows, runs);
            out.printf(Locale.ROOT, "  insert: floor %.0f ms; hexsync %.0f ms = %.2f x floor; native %.0f ms = %.2f x floor;"
                            + " hexsync / native %.2f%n", floor / 1e6, median(insert[1]) / 1e6, (double) median(insert[1]) / floor,
                    median(insert[2]) / 1e6, (double) median(insert[2]) / floor, (double) median(insert[1]) / median(insert[2]));
            out.printf(Locale.ROOT, "  update: hexsync %.0f ms, native %.0f ms; hexsync / native %.2f%n", median(update[0]) / 1e6,
                    median(update[1]) / 1e6, (double) median(update[0]) / median(update[1]));
            out.printf(Locale.ROOT, "  delete: hexsync %.0f ms, native %.0f ms; hexsync / native %.2f%n", median(delete[0]) / 1e6,
                    median(delete[1]) / 1e6, (double) median(delete[0]) / median(delete[1]));
            long[] ours = new long[ONE_ROW_WRITES];
            long[] theirs = new long[ONE_ROW_WRITES];
            for (int i = 0; i < ONE_ROW_WRITES; i++) {
                long start = System.nanoTime();
                db.execute(String.format(INSERT, "todos"), List.of("one-" + i, "One " + i, 1, 0.5));
                ours[i] = System.nanoTime() - start;
                start = System.nanoTime();
                batch(engine, String.format(INSERT, "todos"), List.of(List.of("one-" + i, "One " + i, 1, 0.5)));
                theirs[i] = System.nanoTime() - start;
            }
            Arrays.sort(ours);
            Arrays.sort(theirs);
            out.printf(Locale.ROOT, "  one-row insert, own transaction: hexsync p50 %.0f us p95 %.0f us; native p50 %.0f us p95 %.0f us%n",
                    ours[ONE_ROW_WRITES / 2] / 1e3, ours[ONE_ROW_WRITES * 95 / 100] / 1e3,
                    theirs[ONE_ROW_WRITES / 2] / 1e3, theirs[ONE_ROW_WRITES * 95 / 100] / 1e3);
            try (Statement statement = engine.createStatement();
                    ResultSet count = statement.executeQuery("SELECT count(*) FROM ps_crud")) {
                count.next();
                assertThat(db.getUploadQueueStats(false).count()).isEqualTo(count.getLong(1));
            }
        }
    }

    private static Connection openNative(Path library, Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enableLoadExtension(true);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            statement.execute("PRAGMA synchronous = NORMAL");
            try (PreparedStatement load = connection.prepareStatement("SELECT load_extension(?, 'sqlite3_powersync_init')")) {
                load.setString(1, library.toString());
                load.executeQuery().close();
            }
            // The engine sets up only inside a transaction.
            statement.execute("BEGIN");
            statement.executeQuery("SELECT powersync_init()").close();
            try (PreparedStatement schema = connection.prepareStatement("SELECT powersync_replace_schema(?)")) {
                schema.setString(1, SchemaJson.write(SCHEMA));
                schema.executeQuery().close();
            }
            statement.execute("COMMIT");
        }
        return connection;
    }

    private static long insertHexsync(SyncDatabase db, String table, int count, String prefix) {
        List<List<?>> rows = rows(count, prefix);
        long start = System.nanoTime();
        db.executeBatch(String.format(INSERT, table), rows);
        return System.nanoTime() - start;
    }

    /** Runs the statement once per row in one transaction, as the SDKs' executeBatch does. */
    private static long batch(Connection connection, String sql, List<List<?>> rows) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement();
                PreparedStatement prepared = connection.prepareStatement(sql)) {
            statement.execute("BEGIN IMMEDIATE");
            for (List<?> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    prepared.setObject(i + 1, row.get(i));
                }
                prepared.execute();
            }
            statement.execute("COMMIT");
        }
        return System.nanoTime() - start;
    }

    private static List<List<?>> rows(int count, String prefix) {
        List<List<?>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(List.of(prefix + "-" + i, "Item number " + i, i % 2, i * 0.25));
        }
        return rows;
    }

    private static List<List<?>> updates(int count, String prefix) {
        List<List<?>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(List.of("Changed " + i, prefix + "-" + i));
        }
        return rows;
    }

    private static List<List<?>> ids(int count, String prefix) {
        List<List<?>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(List.of(prefix + "-" + i));
        }
        return rows;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
