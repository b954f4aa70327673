package dev.hexsync.cli;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.domain.database.LocalDatabase;
import dev.hexsync.domain.sync.Instruction;
import dev.hexsync.domain.sync.StartOptions;
import dev.hexsync.domain.sync.SyncEngine;
import dev.hexsync.domain.sync.SyncEvent;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.storage.StorageOptions;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code sync-apply}: an initial sync of N PUTs, handed to hexsync's engine line by line from memory (one
 * engine call per line, as the SDKs call the engine; data lines share commits, see SqlSession#writeHoldingCommit),
 * against a floor of plain sqlite-jdbc batch inserts
 * of the same rows into an oplog-shaped table and a table-shaped table in one transaction, on the same kind of
 * file database with the same pragmas. Both run on fresh files, interleaved, at N and N/4, after a warm-up of
 * both at N/4; the heap is watched during every hexsync run (see {@link HeapWatch}).
 */
final class SyncApplyBenchmark {
    /** The synced table; its {@code ps_data__todos} is what the floor's table-shaped table copies. */
    static final Schema SCHEMA = Schema.of(Table.builder(SyncApplyWorkload.TABLE).text("created_at")
            .text("completed_at").text("description").integer("completed").text("list_id").build());

    // The floor's tables: the DDL of ps_oplog (with its three indexes) and of ps_data__todos, as the engine
    // creates them (adapters-sqlite migration.Layout, schema.TableSql).
    static final List<String> FLOOR_DDL = List.of(
            "CREATE TABLE ps_oplog(\n  bucket INTEGER NOT NULL,\n  op_id INTEGER NOT NULL,\n  row_type TEXT,\n"
                    + "  row_id TEXT,\n  key TEXT,\n  data TEXT,\n  hash INTEGER NOT NULL) STRICT",
            "CREATE INDEX ps_oplog_row ON ps_oplog (row_type, row_id)",
            "CREATE INDEX ps_oplog_opid ON ps_oplog (bucket, op_id)",
            "CREATE INDEX ps_oplog_key ON ps_oplog (bucket, key)",
            "CREATE TABLE \"ps_data__todos\"(id TEXT PRIMARY KEY NOT NULL, data TEXT)");
    // The pragmas of hexsync's SQLite adapter (SqliteStorageEngine) for file databases.
    static final List<String> PRAGMAS = List.of("PRAGMA journal_mode = WAL",
            "PRAGMA journal_size_limit = 6291456", "PRAGMA synchronous = NORMAL", "PRAGMA cache_size = -51200");

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final PrintWriter out;
    private final Path dir;
    private final int ops;
    private final int runs;
    private final HeapWatch heap;
    private final SyncApplyWorkload.Ids ids;
    private int files;

    SyncApplyBenchmark(PrintWriter out, Path dir, int ops, int runs, SyncApplyWorkload.Ids ids, HeapWatch heap) {
        this.ids = ids;
        this.out = out;
        this.dir = dir;
        this.ops = ops;
        this.runs = runs;
        this.heap = heap;
    }

    /** The figures of one variant at one size over all runs. */
    private static final class Series {
        final List<Long> nanos = new ArrayList<>();
        final List<Long> oplogNanos = new ArrayList<>();
        final List<Long> tableNanos = new ArrayList<>();
        final List<Long> cpuNanos = new ArrayList<>();
        /** Bytes read and written by the process during each run (Linux: /proc/self/io), or empty. */
        final List<long[]> io = new ArrayList<>();
        final List<HeapWatch.Peaks> peaks = new ArrayList<>();

        long median() {
            return SyncApplyBenchmark.median(nanos);
        }
    }

    void run() throws Exception {
        int quarter = Math.max(SyncApplyWorkload.BUCKETS, ops / 4);
        long generation = System.nanoTime();
        SyncApplyWorkload full = SyncApplyWorkload.generate(ops, ids);
        SyncApplyWorkload small = SyncApplyWorkload.generate(quarter, ids);
        generation = System.nanoTime() - generation;
        out.printf("sync-apply: an initial sync of N PUT ops (distinct rows, %s) in %d buckets, %,d ops per data"
                + " line, one checkpoint and checkpoint_complete; N = %,d and N/4 = %,d%n",
                ids == SyncApplyWorkload.Ids.RANDOM ? "random UUID ids" : "UUID ids in ascending order",
                SyncApplyWorkload.BUCKETS, SyncApplyWorkload.OPS_PER_LINE, full.ops, small.ops);
        out.printf("  input held in memory: %,d lines, %.1f MB of JSON at N (%.1f MB at N/4), generated in %.1f s;"
                + " fresh file databases in %s%n", full.lines.size(), full.lineChars / 1e6, small.lineChars / 1e6,
                generation / 1e9, dir);
        out.printf("  hexsync: HexSync.builder().sqlite(file) -> syncEngine() -> engine.handle(TextLine)"
                + " per line, as the SDKs call the engine%n");
        out.printf("  floor:   sqlite-jdbc batch INSERT of the same rows into ps_oplog (same DDL, 3 indexes) and"
                + " ps_data__todos(id, data), one transaction,%n"
                + "           same pragmas (WAL, synchronous NORMAL, 50 MB cache)%n");
        out.printf("  warm-up: both variants once at N/4; then %d measured run(s) per variant and size, interleaved"
                + " (floor N, hexsync N, floor N/4, hexsync N/4); medians reported%n", runs);
        out.flush();

        floor(small);
        hexsync(small);
        Series floorFull = new Series();
        Series hexFull = new Series();
        Series floorSmall = new Series();
        Series hexSmall = new Series();
        for (int run = 0; run < runs; run++) {
            measureFloor(full, floorFull);
            measureHexsync(full, hexFull);
            measureFloor(small, floorSmall);
            measureHexsync(small, hexSmall);
            out.printf("  run %d/%d done: floor %.2f s, hexsync %.2f s at N; floor %.2f s, hexsync %.2f s at N/4"
                    + " (CPU: %.2f, %.2f, %.2f, %.2f s)%n",
                    run + 1, runs, last(floorFull.nanos) / 1e9, last(hexFull.nanos) / 1e9,
                    last(floorSmall.nanos) / 1e9, last(hexSmall.nanos) / 1e9, last(floorFull.cpuNanos) / 1e9,
                    last(hexFull.cpuNanos) / 1e9, last(floorSmall.cpuNanos) / 1e9, last(hexSmall.cpuNanos) / 1e9);
            out.flush();
        }

        out.printf("%n  %-44s %18s %18s%n", "", String.format("N = %,d", full.ops), String.format("N/4 = %,d", small.ops));
        row("floor   oplog-shaped insert", ms(median(floorFull.oplogNanos)), ms(median(floorSmall.oplogNanos)));
        row("floor   table-shaped insert + commit", ms(median(floorFull.tableNanos)),
                ms(median(floorSmall.tableNanos)));
        row("floor   total", ms(floorFull.median()), ms(floorSmall.median()));
        row("hexsync checkpoint + data lines (oplog)", ms(median(hexFull.oplogNanos)), ms(median(hexSmall.oplogNanos)));
        row("hexsync checkpoint_complete (publish)", ms(median(hexFull.tableNanos)), ms(median(hexSmall.tableNanos)));
        row("hexsync total", ms(hexFull.median()), ms(hexSmall.median()));
        row("hexsync throughput", rate(full.ops, hexFull.median()), rate(small.ops, hexSmall.median()));
        row("ratio   hexsync / floor", ratio(hexFull.median(), floorFull.median()),
                ratio(hexSmall.median(), floorSmall.median()));
        row("cpu     floor (thread CPU time)", ms(median(floorFull.cpuNanos)), ms(median(floorSmall.cpuNanos)));
        row("cpu     hexsync (thread CPU time)", ms(median(hexFull.cpuNanos)), ms(median(hexSmall.cpuNanos)));
        row("ratio   of CPU times", ratio(median(hexFull.cpuNanos), median(floorFull.cpuNanos)),
                ratio(median(hexSmall.cpuNanos), median(floorSmall.cpuNanos)));
        row("io      floor, MB read / written", io(floorFull), io(floorSmall));
        row("io      hexsync, MB read / written", io(hexFull), io(hexSmall));
        row("heap    peak used, sampled (incl. garbage)", mb(hexFull, false), mb(hexSmall, false));
        row("heap    peak live after a GC", mb(hexFull, true), mb(hexSmall, true));
        out.printf("  transactions: the floor commits once; hexsync's data lines (%,d at N) share commits (group"
                + " commit, one per %,d ms window at most, each line still%n  a unit of its own for the engine),"
                + " checkpoint_complete commits on its own: the io rows show what the commits cost%n",
                full.lines.size() - 2, StorageOptions.DEFAULT.groupCommitWindow().toMillis());
        out.printf("  heap figures: hexsync runs only, the highest of the runs, MB above the baseline (live heap after"
                + " a full GC just before the run,%n  %.0f MB: the input of both sizes, held throughout);"
                + " GCs per run at N: %s, at N/4: %s%n",
                hexFull.peaks.get(0).baseline() / 1e6, collections(hexFull), collections(hexSmall));
        out.printf("  all runs (ms): floor N %s | hexsync N %s | floor N/4 %s | hexsync N/4 %s%n",
                list(floorFull.nanos), list(hexFull.nanos), list(floorSmall.nanos), list(hexSmall.nanos));
        out.flush();
        h2(full);
    }

    /** The same workload at N on H2, against H2's own floor (see {@link H2SyncApply}); medians of the runs. */
    private void h2(SyncApplyWorkload full) throws Exception {
        H2SyncApply h2 = new H2SyncApply(dir);
        out.printf("%n  H2 (pure Java; HexSync.builder().h2(file)) against its own floor, plain H2 JDBC batch inserts"
                + " into the same shapes, N = %,d:%n", full.ops);
        out.flush();
        h2.floor(full);
        h2.hexsync(full);
        long[] floor = new long[runs];
        long[] hexsync = new long[runs];
        for (int run = 0; run < runs; run++) {
            floor[run] = h2.floor(full);
            hexsync[run] = h2.hexsync(full);
        }
        List<Long> floors = java.util.Arrays.stream(floor).boxed().toList();
        List<Long> hexsyncs = java.util.Arrays.stream(hexsync).boxed().toList();
        row("h2 floor   total", ms(median(floors)), "");
        row("h2 hexsync total", ms(median(hexsyncs)), "");
        row("h2 hexsync throughput", rate(full.ops, median(hexsyncs)), "");
        row("ratio   h2 hexsync / h2 floor", ratio(median(hexsyncs), median(floors)), "");
        out.printf("  all runs (ms): h2 floor %s | h2 hexsync %s%n", list(floors), list(hexsyncs));
        out.flush();
    }

    // ---- the two variants ----------------------------------------------------------------------------------

    private void measureFloor(SyncApplyWorkload workload, Series series) throws Exception {
        long[] before = ProcessIo.read();
        long[] nanos = floor(workload);
        series.io.add(ProcessIo.since(before));
        series.oplogNanos.add(nanos[0]);
        series.tableNanos.add(nanos[1] - nanos[0]);
        series.nanos.add(nanos[1]);
        series.cpuNanos.add(nanos[2]);
    }

    private void measureHexsync(SyncApplyWorkload workload, Series series) throws Exception {
        long baseline = heap.start();
        long[] before = ProcessIo.read();
        long[] nanos = hexsync(workload);
        series.io.add(ProcessIo.since(before));
        series.peaks.add(heap.stop(baseline));
        series.oplogNanos.add(nanos[0]);
        series.tableNanos.add(nanos[1] - nanos[0]);
        series.nanos.add(nanos[1]);
        series.cpuNanos.add(nanos[2]);
    }

    /** Returns the time of the oplog-shaped part and of the whole transaction, and the thread's CPU time. */
    long[] floor(SyncApplyWorkload workload) throws Exception {
        Path file = nextFile("floor");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement statement = connection.createStatement()) {
                for (String pragma : PRAGMAS) {
                    statement.execute(pragma);
                }
                for (String ddl : FLOOR_DDL) {
                    statement.execute(ddl);
                }
            }
            connection.setAutoCommit(false);
            try (PreparedStatement oplog = connection.prepareStatement("INSERT INTO ps_oplog(bucket, op_id, key,"
                    + " row_type, row_id, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement table = connection.prepareStatement(
                            "INSERT INTO \"ps_data__todos\"(id, data) VALUES (?, ?)")) {
                long cpu = CPU.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                for (int i = 0; i < workload.ops; i++) {
                    oplog.setLong(1, workload.bucketOf[i]);
                    oplog.setLong(2, i + 1);
                    oplog.setString(3, workload.keys[i]);
                    oplog.setString(4, SyncApplyWorkload.TABLE);
                    oplog.setString(5, workload.rowIds[i]);
                    oplog.setString(6, workload.data[i]);
                    oplog.setInt(7, workload.checksums[i]);
                    oplog.addBatch();
                    if ((i + 1) % SyncApplyWorkload.OPS_PER_LINE == 0) {
                        oplog.executeBatch();
                    }
                }
                oplog.executeBatch();
                long oplogDone = System.nanoTime();
                for (int i = 0; i < workload.ops; i++) {
                    table.setString(1, workload.rowIds[i]);
                    table.setString(2, workload.data[i]);
                    table.addBatch();
                    if ((i + 1) % SyncApplyWorkload.OPS_PER_LINE == 0) {
                        table.executeBatch();
                    }
                }
                table.executeBatch();
                connection.commit();
                long end = System.nanoTime();
                return new long[] {oplogDone - start, end - start, CPU.getCurrentThreadCpuTime() - cpu};
            }
        } finally {
            deleteDatabase(file);
        }
    }

    /**
     * Returns the time until the last data line was handled and until checkpoint_complete was, and the thread's
     * CPU time (the engine runs on the calling thread).
     */
    long[] hexsync(SyncApplyWorkload workload) throws Exception {
        Path file = nextFile("hexsync");
        try (SyncDatabase db = HexSync.builder().sqlite(file).schema(SCHEMA).build()) {
            SyncEngine engine = ((LocalDatabase) db).syncEngine();
            engine.start(StartOptions.DEFAULT);
            List<Instruction> last = List.of();
            List<String> lines = workload.lines;
            long cpu = CPU.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < lines.size() - 1; i++) {
                engine.handle(new SyncEvent.TextLine(lines.get(i)));
            }
            long dataDone = System.nanoTime();
            last = engine.handle(new SyncEvent.TextLine(lines.get(lines.size() - 1)));
            long end = System.nanoTime();
            cpu = CPU.getCurrentThreadCpuTime() - cpu;
            engine.stop();
            verify(db, workload, last);
            return new long[] {dataDone - start, end - start, cpu};
        } finally {
            deleteDatabase(file);
        }
    }

    /** The run counts only if the checkpoint was applied and every row arrived; else the figures would lie. */
    private static void verify(SyncDatabase db, SyncApplyWorkload workload, List<Instruction> last) {
        if (last.stream().noneMatch(Instruction.DidCompleteSync.class::isInstance)) {
            throw new IllegalStateException("sync-apply: the checkpoint was not applied; the engine answered " + last);
        }
        long rows = db.get("SELECT count(*) AS n FROM " + SyncApplyWorkload.TABLE).getLong("n");
        long oplog = db.get("SELECT count(*) AS n FROM ps_oplog").getLong("n");
        if (rows != workload.ops || oplog != workload.ops) {
            throw new IllegalStateException("sync-apply: expected " + workload.ops + " rows and oplog entries, found "
                    + rows + " rows and " + oplog + " oplog entries");
        }
        int probe = workload.ops / 2;
        String data = db.get("SELECT data FROM ps_data__todos WHERE id = ?", workload.rowIds[probe]).getString("data");
        if (!workload.data[probe].equals(data)) {
            throw new IllegalStateException("sync-apply: row " + workload.rowIds[probe] + " holds " + data);
        }
    }

    // ---- files ----------------------------------------------------------------------------------------------

    Path nextFile(String variant) {
        return dir.resolve("sync-apply-" + variant + "-" + (files++) + ".db");
    }

    static void deleteDatabase(Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }

    // ---- printing -------------------------------------------------------------------------------------------

    private void row(String label, String full, String small) {
        out.printf("  %-44s %18s %18s%n", label, full, small);
    }

    private static long last(List<Long> values) {
        return values.get(values.size() - 1);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%,.1f ms", nanos / 1e6);
    }

    private static String rate(int ops, long nanos) {
        return String.format(Locale.ROOT, "%,.0f ops/s", ops / (nanos / 1e9));
    }

    private static String ratio(long hexsync, long floor) {
        return String.format(Locale.ROOT, "%.2f x", (double) hexsync / floor);
    }

    private static String mb(Series series, boolean afterGc) {
        double peak = Double.NaN;
        for (HeapWatch.Peaks peaks : series.peaks) {
            double value = afterGc ? peaks.afterGcMb() : peaks.usedMb();
            if (!Double.isNaN(value) && (Double.isNaN(peak) || value > peak)) {
                peak = value;
            }
        }
        return Double.isNaN(peak) ? "no GC ran" : String.format(Locale.ROOT, "%,.1f MB", peak);
    }

    /** Median bytes read / written, MB; "n/a" where the process's I/O counters cannot be read. */
    private static String io(Series series) {
        if (series.io.stream().anyMatch(io -> io.length == 0)) {
            return "n/a";
        }
        long read = median(series.io.stream().map(io -> io[0]).toList());
        long written = median(series.io.stream().map(io -> io[1]).toList());
        return String.format(Locale.ROOT, "%,.0f / %,.0f", read / 1e6, written / 1e6);
    }

    private static String collections(Series series) {
        return series.peaks.stream().map(p -> Integer.toString(p.collections())).collect(Collectors.joining(", "));
    }

    private static String list(List<Long> nanos) {
        return nanos.stream().map(n -> String.format(Locale.ROOT, "%.0f", n / 1e6)).collect(Collectors.joining(", "));
    }

    static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
