package dev.hexsync.cli;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Benchmarks, each reported as a ratio against a floor measured in the same run on the same machine (the
 * machines here are shared and noisy, so absolute times mean little).
 *
 * <p>{@code crud-capture}: inserting rows through a synced view (JSON row, upload queue entry, updated-rows
 * entry, transaction id) against inserting the same rows into a plain SQLite table, both in one write
 * transaction on a file database.
 *
 * <p>{@code sync-apply}: an initial sync of N PUT ops handed to the sync engine as JSON lines, against plain
 * sqlite-jdbc batch inserts of the same rows into an oplog-shaped and a table-shaped table; also the heap at N
 * and N/4 (see {@link SyncApplyBenchmark}).
 *
 * <p>{@code multi-process}: separate JVMs on one file: cold opens with and without the open retry, watch latency
 * from another process's commit against the same process's, and 4 writers beside 1 syncing process (see
 * {@link MultiProcessBenchmark}).
 *
 * <p>{@code live-collection}: hydrating a live collection against a plain {@code getAll} of the same rows, and
 * mutation to persisted p50/p95 against a plain UPDATE (see {@link LiveCollectionBenchmark}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the benchmarks and print each as a ratio against a floor measured in the same run.")
final class BenchCommand implements Callable<Integer> {
    /** The benchmarks, by the name that selects them. */
    enum Benchmark {
        CRUD_CAPTURE("crud-capture"),
        SYNC_APPLY("sync-apply"),
        SYNC_HTTP("sync-http"),
        MULTI_PROCESS("multi-process"),
        LIVE_COLLECTION("live-collection");

        final String label;

        Benchmark(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        static Benchmark of(String label) {
            for (Benchmark benchmark : values()) {
                if (benchmark.label.equals(label)) {
                    return benchmark;
                }
            }
            throw new IllegalArgumentException("Unknown benchmark '" + label + "' (known: crud-capture, sync-apply, sync-http, multi-process, live-collection)");
        }
    }

    @Parameters(arity = "0..*", paramLabel = "BENCHMARK", converter = BenchmarkConverter.class,
            description = "crud-capture, sync-apply, sync-http, multi-process, live-collection. Default: those whose own"
                    + " options are given (--rows; --ops, --ids, --[no-]fork; --http-rows; --probes, --write-seconds;"
                    + " --live-rows, --mutations), else all.")
    private List<Benchmark> selected = new ArrayList<>();

    @Option(names = "--rows", defaultValue = "100000",
            description = "crud-capture: rows per measured run (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--ops", defaultValue = "1000000",
            description = "sync-apply: PUT ops per measured run, N; it also runs at N/4 (default: ${DEFAULT-VALUE}).")
    private int ops;

    @Option(names = "--ids", defaultValue = "random", converter = IdsConverter.class,
            description = "sync-apply: row ids as random UUIDs, as apps create them, or as UUIDs in ascending order,"
                    + " which keeps index inserts local (random, ordered; default: ${DEFAULT-VALUE}).")
    private SyncApplyWorkload.Ids ids;

    @Option(names = "--fork", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "sync-apply: run in a child JVM with a fixed young generation (" + ChildJvm.YOUNG_GENERATION
                    + "), so that collections happen at any N and the heap figures at N and N/4 compare"
                    + " (default: ${DEFAULT-VALUE}; --no-fork runs it in this JVM).")
    private boolean fork;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs per variant; the median is reported (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--http-rows", defaultValue = "1000000",
            description = "sync-http: rows synced from the emulator over HTTP (default: ${DEFAULT-VALUE}).")
    private int httpRows;

    @Option(names = "--probes", defaultValue = "200",
            description = "multi-process: watch latency probes per variant (default: ${DEFAULT-VALUE}).")
    private int probes;

    @Option(names = "--write-seconds", defaultValue = "5",
            description = "multi-process: how long the 4 writer processes write (default: ${DEFAULT-VALUE}).")
    private int writeSeconds;

    @Option(names = "--live-rows", defaultValue = "100000",
            description = "live-collection: rows hydrated (default: ${DEFAULT-VALUE}).")
    private int liveRows;

    @Option(names = "--mutations", defaultValue = "200",
            description = "live-collection: mutations timed per latency variant (default: ${DEFAULT-VALUE}).")
    private int mutations;

    static final class BenchmarkConverter implements picocli.CommandLine.ITypeConverter<Benchmark> {
        @Override
        public Benchmark convert(String value) {
            return Benchmark.of(value);
        }
    }

    static final class IdsConverter implements picocli.CommandLine.ITypeConverter<SyncApplyWorkload.Ids> {
        @Override
        public SyncApplyWorkload.Ids convert(String value) {
            for (SyncApplyWorkload.Ids candidate : SyncApplyWorkload.Ids.values()) {
                if (candidate.name().equalsIgnoreCase(value)) {
                    return candidate;
                }
            }
            throw new IllegalArgumentException("expected random or ordered, got '" + value + "'");
        }
    }

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || rows < 1 || probes < 1 || writeSeconds < 1 || liveRows < 1 || mutations < 1
                || ops < 4 * SyncApplyWorkload.BUCKETS) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runs, --rows, --probes,"
                    + " --write-seconds, --live-rows and --mutations must be at least 1, --ops at least "
                    + 4 * SyncApplyWorkload.BUCKETS);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("hexsync-bench");
        List<Benchmark> benchmarks = selected.isEmpty() ? implied() : selected;
        int status = 0;
        try {
            for (int i = 0; i < benchmarks.size(); i++) {
                if (i > 0) {
                    out.println();
                }
                switch (benchmarks.get(i)) {
                    case CRUD_CAPTURE -> crudCapture(out, dir);
                    case SYNC_APPLY -> status = Math.max(status, syncApply(out, dir));
                    case SYNC_HTTP -> new SyncHttpBenchmark(out, dir, httpRows).run();
                    case MULTI_PROCESS -> new MultiProcessBenchmark(out, dir, probes, writeSeconds).run();
                    case LIVE_COLLECTION -> new LiveCollectionBenchmark(out, dir, liveRows, runs, mutations).run();
                }
                out.flush();
            }
        } finally {
            deleteQuietly(dir);
        }
        return status;
    }

    /** The benchmarks whose own options were given, or all of them. */
    private List<Benchmark> implied() {
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        List<Benchmark> implied = new ArrayList<>();
        if (parsed.hasMatchedOption("--rows")) {
            implied.add(Benchmark.CRUD_CAPTURE);
        }
        if (parsed.hasMatchedOption("--ops") || parsed.hasMatchedOption("--ids") || parsed.hasMatchedOption("--fork")) {
            implied.add(Benchmark.SYNC_APPLY);
        }
        if (parsed.hasMatchedOption("--http-rows")) {
            implied.add(Benchmark.SYNC_HTTP);
        }
        if (parsed.hasMatchedOption("--probes") || parsed.hasMatchedOption("--write-seconds")) {
            implied.add(Benchmark.MULTI_PROCESS);
        }
        if (parsed.hasMatchedOption("--live-rows") || parsed.hasMatchedOption("--mutations")) {
            implied.add(Benchmark.LIVE_COLLECTION);
        }
        return implied.isEmpty() ? List.of(Benchmark.values()) : implied;
    }

    private int syncApply(PrintWriter out, Path dir) throws Exception {
        if (fork) {
            return ChildJvm.run(out, ops, List.of("bench", "sync-apply", "--no-fork", "--ops", Integer.toString(ops),
                    "--runs", Integer.toString(runs), "--ids", ids.name().toLowerCase(java.util.Locale.ROOT)));
        }
        try (HeapWatch heap = new HeapWatch()) {
            new SyncApplyBenchmark(out, dir, ops, runs, ids, heap).run();
        }
        return 0;
    }

    private void crudCapture(PrintWriter out, Path dir) {
        Schema schema = Schema.of(Table.builder("todos").text("description").integer("completed").real("estimate").build());
        out.printf("crud-capture: %d rows per run, %d runs per variant (median), file database in %s%n", rows, runs, dir);
        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("bench.db")).schema(schema).build()) {
            db.execute("CREATE TABLE plain_todos(id TEXT PRIMARY KEY NOT NULL, description TEXT, completed INTEGER, estimate REAL)");
            // Warm-up: JIT, page cache and statement paths, on both variants.
            insert(db, "plain_todos", Math.min(rows, 20_000), "warm");
            insert(db, "todos", Math.min(rows, 20_000), "warm");
            long[] plain = new long[runs];
            long[] captured = new long[runs];
            for (int run = 0; run < runs; run++) {
                // Interleaved, so drift of the machine's load affects both variants alike.
                plain[run] = insert(db, "plain_todos", rows, "p" + run);
                captured[run] = insert(db, "todos", rows, "c" + run);
            }
            long plainMedian = median(plain);
            long capturedMedian = median(captured);
            long queued = db.getUploadQueueStats(false).count();
            out.printf("  floor   plain table insert       %8.1f ms  (%,.0f rows/s)%n", plainMedian / 1e6, rows / (plainMedian / 1e9));
            out.printf("  hexsync view insert + capture  %8.1f ms  (%,.0f rows/s)%n", capturedMedian / 1e6, rows / (capturedMedian / 1e9));
            out.printf("  ratio   capture / floor        %8.2f x%n", (double) capturedMedian / plainMedian);
            out.printf("  upload queue holds %,d entries%n", queued);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    private static long insert(SyncDatabase db, String table, int count, String prefix) {
        List<List<?>> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(List.of(prefix + "-" + i, "Item number " + i, i % 2, i * 0.25));
        }
        long start = System.nanoTime();
        db.executeBatch("INSERT INTO " + table + "(id, description, completed, estimate) VALUES (?, ?, ?, ?)", batch);
        return System.nanoTime() - start;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
