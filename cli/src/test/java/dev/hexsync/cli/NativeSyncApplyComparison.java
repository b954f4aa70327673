package dev.hexsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hexsync.cli.judge.NativeEngine;
import dev.hexsync.schema.json.SchemaJson;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * The sync-apply benchmark's workload run through the native PowerSync engine too, interleaved with the floor
 * and hexsync, so that the three can be compared on the same machine in the same run. Not part of the build's
 * tests (it takes minutes); run it with
 * {@code mvn -B -pl cli -am test -Dtest=NativeSyncApplyComparison -Dsurefire.failIfNoSpecifiedTests=false -Dhexsync.bench.native=200000}
 * (the value is N; {@code -Dhexsync.bench.runs=3} sets the measured runs).
 */
@EnabledIfSystemProperty(named = "hexsync.bench.native", matches = "\\d+")
class NativeSyncApplyComparison {
    private static final SyncApplyWorkload.Ids IDS =
            SyncApplyWorkload.Ids.valueOf(System.getProperty("hexsync.bench.ids", "RANDOM"));

    @TempDir
    Path dir;

    @Test
    void nativeEngineAgainstTheFloorAndHexsync() throws Exception {
        NativeEngine.Availability availability = NativeEngine.availability();
        assumeTrue(availability.available(), availability.reason());
        Path library = availability.library().orElseThrow();
        int ops = Integer.parseInt(System.getProperty("hexsync.bench.native"));
        int runs = Integer.parseInt(System.getProperty("hexsync.bench.runs", "3"));
        PrintWriter out = new PrintWriter(System.out, true);
        SyncApplyWorkload workload = SyncApplyWorkload.generate(ops, IDS);
        SyncApplyBenchmark bench;
        try (HeapWatch heap = new HeapWatch()) {
            bench = new SyncApplyBenchmark(out, dir, ops, runs, IDS, heap);
            // Warm-up of all three.
            SyncApplyWorkload warm = SyncApplyWorkload.generate(Math.max(SyncApplyWorkload.BUCKETS, ops / 4), IDS);
            bench.floor(warm);
            bench.hexsync(warm);
            nativeEngine(bench, library, warm);
            List<long[]> floor = new ArrayList<>();
            List<long[]> hexsync = new ArrayList<>();
            List<long[]> powersync = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                floor.add(bench.floor(workload));
                powersync.add(nativeEngine(bench, library, workload));
                hexsync.add(bench.hexsync(workload));
                out.printf(Locale.ROOT, "run %d: floor %.0f ms, native %.0f ms (publish %.0f), hexsync %.0f ms (publish %.0f)%n",
                        run + 1, floor.get(run)[1] / 1e6, powersync.get(run)[1] / 1e6,
                        (powersync.get(run)[1] - powersync.get(run)[0]) / 1e6, hexsync.get(run)[1] / 1e6,
                        (hexsync.get(run)[1] - hexsync.get(run)[0]) / 1e6);
            }
            long floorMedian = median(floor, 1);
            out.printf(Locale.ROOT, "N = %,d: floor %.0f ms; native %.0f ms = %.2f x floor (data lines %.0f ms);"
                            + " hexsync %.0f ms = %.2f x floor (data lines %.0f ms)%n",
                    ops, floorMedian / 1e6, median(powersync, 1) / 1e6, (double) median(powersync, 1) / floorMedian,
                    median(powersync, 0) / 1e6, median(hexsync, 1) / 1e6, (double) median(hexsync, 1) / floorMedian,
                    median(hexsync, 0) / 1e6);
        }
    }

    /** Returns the time until the last data line, and until checkpoint_complete, as for hexsync. */
    private static long[] nativeEngine(SyncApplyBenchmark bench, Path library, SyncApplyWorkload workload)
            throws Exception {
        Path file = bench.nextFile("native");
        SQLiteConfig config = new SQLiteConfig();
        config.enableLoadExtension(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String pragma : SyncApplyBenchmark.PRAGMAS) {
                statement.execute(pragma);
            }
            try (PreparedStatement load = connection.prepareStatement("SELECT load_extension(?, 'sqlite3_powersync_init')")) {
                load.setString(1, library.toString());
                load.executeQuery().close();
            }
            statement.execute("BEGIN IMMEDIATE");
            statement.executeQuery("SELECT powersync_init()").close();
            try (PreparedStatement schema = connection.prepareStatement("SELECT powersync_replace_schema(?)")) {
                schema.setString(1, SchemaJson.write(SyncApplyBenchmark.SCHEMA));
                schema.executeQuery().close();
            }
            statement.execute("COMMIT");
            try (PreparedStatement control = connection.prepareStatement("SELECT powersync_control(?, ?)")) {
                String last = control(statement, control, "start", null);
                List<String> lines = workload.lines;
                long start = System.nanoTime();
                for (int i = 0; i < lines.size() - 1; i++) {
                    control(statement, control, "line_text", lines.get(i));
                }
                long dataDone = System.nanoTime();
                last = control(statement, control, "line_text", lines.get(lines.size() - 1));
                long end = System.nanoTime();
                assertThat(last).contains("DidCompleteSync");
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM todos")) {
                    rows.next();
                    assertThat(rows.getLong(1)).isEqualTo(workload.ops);
                }
                return new long[] {dataDone - start, end - start};
            }
        } finally {
            SyncApplyBenchmark.deleteDatabase(file);
        }
    }

    private static String control(Statement statement, PreparedStatement control, String op, String payload)
            throws SQLException {
        statement.execute("BEGIN IMMEDIATE");
        control.setString(1, op);
        control.setString(2, payload);
        String result;
        try (ResultSet rows = control.executeQuery()) {
            rows.next();
            result = rows.getString(1);
        }
        statement.execute("COMMIT");
        return result;
    }

    private static long median(List<long[]> runs, int index) {
        return SyncApplyBenchmark.median(runs.stream().map(r -> r[index]).toList());
    }
}
