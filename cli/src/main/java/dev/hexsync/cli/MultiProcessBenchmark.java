package dev.hexsync.cli;

import dev.hexsync.testkit.claims.ChildJvm;
import dev.hexsync.emulator.SyncServiceEmulator;
import dev.hexsync.emulator.UploadHandler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code multi-process}: several JVMs ({@link SharedDatabaseWorker}) on one database file.
 * <ul>
 *   <li>cold opens: 4 processes open a new file 25 times each at once, with the open retry and without it;</li>
 *   <li>watch latency: from a commit to the emission of a watch on it, in another process (through the change
 *       signal) against the floor of the same process (the watch hears its own commit directly); p50/p95 and the
 *       ratio;</li>
 *   <li>contention: 4 writer processes and 1 syncing process (uploading to the bundled emulator) for a few
 *       seconds: rows written, busy errors seen by the app, rows uploaded, rows lost or uploaded twice;</li>
 *   <li>writes during a download: how long a single-row write takes in one process while another downloads
 *       {@value #DOWNLOAD_ROWS} rows from the emulator (holding its commits for group commit, which waiting
 *       writers interrupt), against the same writes with no download running.</li>
 * </ul>
 */
final class MultiProcessBenchmark {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int PROCESSES = 4;
    private static final int OPENS_PER_PROCESS = 25;
    /** Longer than the watch throttle, so each probe gets an emission of its own. */
    private static final long PROBE_SPACING_MILLIS = 60;
    /** Large enough that the download outlasts the timed writes. */
    private static final int DOWNLOAD_ROWS = 300_000;
    private static final int TIMED_WRITES = 100;
    private static final long TIMED_WRITE_SPACING_MILLIS = 10;

    private final PrintWriter out;
    private final Path dir;
    private final int probes;
    private final int writeSeconds;
    private final List<ChildJvm> children = new ArrayList<>();

    MultiProcessBenchmark(PrintWriter out, Path dir, int probes, int writeSeconds) {
        this.out = out;
        this.dir = dir;
        this.probes = probes;
        this.writeSeconds = writeSeconds;
    }

    void run() throws Exception {
        out.printf("multi-process: separate JVMs on one database file in %s%n", dir);
        out.flush();
        try {
            coldOpens();
            watchLatency();
            contention();
            writesDuringDownload();
        } finally {
            children.forEach(ChildJvm::close);
        }
    }

    private ChildJvm worker(Path file) {
        ChildJvm child = ChildJvm.start(SharedDatabaseWorker.class.getName(), List.of(file.toString()), "ready", START);
        children.add(child);
        return child;
    }

    private void coldOpens() {
        for (String mode : List.of("retry", "none")) {
            Path file = dir.resolve("cold-" + mode + ".db");
            List<ChildJvm> openers = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                openers.add(worker(file));
            }
            openers.forEach(child -> child.send("cold-open " + OPENS_PER_PROCESS + " " + mode));
            int ok = 0;
            int busy = 0;
            int other = 0;
            String firstError = "";
            for (ChildJvm child : openers) {
                String line = child.nextLine(WAIT);
                ok += number(line, "ok");
                busy += number(line, "busy");
                other += number(line, "other");
                int error = line.indexOf(" first error: ");
                if (firstError.isEmpty() && error >= 0) {
                    firstError = line.substring(error + 14);
                }
            }
            openers.forEach(ChildJvm::close);
            out.printf("  cold opens %-13s %3d of %d ok, %d busy, %d other%s%n", mode.equals("retry") ? "with retry" : "without retry",
                    ok, PROCESSES * OPENS_PER_PROCESS, busy, other, firstError.isEmpty() ? "" : "  (" + abbreviate(firstError) + ")");
            out.flush();
        }
    }

    private void watchLatency() throws InterruptedException {
        Path file = dir.resolve("watch.db");
        ChildJvm observer = opened(worker(file));
        ChildJvm writer = opened(worker(file));
        observer.send("watch-probes");
        observer.awaitLine("watching", WAIT);
        // Warm-up: class loading and JIT in both processes.
        probe(observer, observer, 1, 20);
        long[] floor = probe(observer, observer, 1_000, probes);
        probe(writer, observer, 2_000, 20);
        long[] crossProcess = probe(writer, observer, 3_000, probes);
        out.printf("  watch latency, commit to emission (%d probes, %d ms apart, watch throttle 30 ms, poll 10 ms)%n",
                probes, PROBE_SPACING_MILLIS);
        out.printf("    floor   same process    p50 %6.1f ms  p95 %6.1f ms%n", percentile(floor, 50), percentile(floor, 95));
        out.printf("    hexsync other process   p50 %6.1f ms  p95 %6.1f ms%n", percentile(crossProcess, 50),
                percentile(crossProcess, 95));
        out.printf("    ratio   other / same    p50 %6.2f x   p95 %6.2f x%n",
                percentile(crossProcess, 50) / percentile(floor, 50), percentile(crossProcess, 95) / percentile(floor, 95));
        out.flush();
        observer.close();
        writer.close();
    }

    /** Sends {@code count} probes from {@code writer}; returns each one's latency to {@code observer}'s watch, µs. */
    private long[] probe(ChildJvm writer, ChildJvm observer, int first, int count) throws InterruptedException {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            int n = first + i;
            writer.send("probe " + n);
            long committed = -1;
            long seen = -1;
            // The same process answers both lines in either order; another process answers one each.
            while (committed < 0 || seen < 0) {
                String line = writer == observer ? writer.nextLine(WAIT) : (committed < 0 ? writer : observer).nextLine(WAIT);
                String[] words = line.split(" ");
                if (words[0].equals("committed") && Long.parseLong(words[1]) == n) {
                    committed = Long.parseLong(words[2]);
                } else if (words[0].equals("seen") && Long.parseLong(words[1]) == n) {
                    seen = Long.parseLong(words[2]);
                }
            }
            latencies[i] = seen - committed;
            Thread.sleep(PROBE_SPACING_MILLIS);
        }
        return latencies;
    }

    private void contention() {
        Map<String, AtomicInteger> uploads = new ConcurrentHashMap<>();
        UploadHandler apply = UploadHandler.applyingCrud();
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "lists", "todos")
                .uploadHandler((entries, source) -> {
                    apply.upload(entries, source);
                    entries.forEach(entry -> uploads.computeIfAbsent(String.valueOf(entry.get("id")),
                            id -> new AtomicInteger()).incrementAndGet());
                }).build().start()) {
            Path file = dir.resolve("contention.db");
            ChildJvm syncer = opened(worker(file));
            syncer.send("connect " + service.endpoint() + " " + service.issueToken("bench"));
            syncer.awaitLine("status leader", WAIT);
            List<ChildJvm> writers = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                writers.add(opened(worker(file)));
            }
            for (int i = 0; i < writers.size(); i++) {
                writers.get(i).send("write w" + i + " " + writeSeconds * 1000L);
            }
            Map<String, Integer> written = new HashMap<>();
            int busy = 0;
            int failed = 0;
            for (int i = 0; i < writers.size(); i++) {
                String line;
                do {
                    line = writers.get(i).nextLine(WAIT);
                } while (!line.startsWith("wrote "));
                written.put("w" + i, number(line, "wrote"));
                busy += number(line, "busy");
                failed += number(line, "failed");
            }
            int total = written.values().stream().mapToInt(Integer::intValue).sum();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (uploads.size() < total && System.nanoTime() < deadline) {
                sleep(50);
            }
            int lost = 0;
            for (Map.Entry<String, Integer> writer : written.entrySet()) {
                for (int n = 0; n < writer.getValue(); n++) {
                    if (!uploads.containsKey(writer.getKey() + "-" + n)) {
                        lost++;
                    }
                }
            }
            long twice = uploads.values().stream().filter(times -> times.get() > 1).count();
            out.printf("  %d writer processes + 1 syncing process for %d s: %,d rows written (%s), busy errors %d,"
                    + " other errors %d%n", PROCESSES, writeSeconds, total, written.values(), busy, failed);
            out.printf("    uploaded by the syncing process: %,d rows, %d lost, %d uploaded more than once%n",
                    uploads.size(), lost, twice);
            out.flush();
        }
    }

    private void writesDuringDownload() {
        try (SyncServiceEmulator service = SyncServiceEmulator.builder().globalBucket("global", "todos")
                .batchSize(1000).build().start()) {
            service.transaction(tx -> {
                for (int i = 0; i < DOWNLOAD_ROWS; i++) {
                    tx.put("todos", "todo-" + i, Map.of("description", "Todo number " + i, "completed", i % 2,
                            "list_id", "list-" + (i % 100)));
                }
            });
            Path file = dir.resolve("download.db");
            ChildJvm writer = opened(worker(file));
            ChildJvm syncer = opened(worker(file));
            // Warm-up, then the floor: the same writes with nothing else going on.
            timedWrites(writer, "warm");
            long[] idle = timedWrites(writer, "idle");
            syncer.send("connect " + service.endpoint() + " " + service.issueToken("bench"));
            syncer.awaitLine("downloading", WAIT);
            long[] during = timedWrites(writer, "download");
            // Only figures taken while the download ran count: the syncer reports its first completed sync.
            syncer.send("has-synced");
            String answer;
            do {
                answer = syncer.nextLine(WAIT);
            } while (!answer.startsWith("has-synced "));
            boolean overlapped = answer.equals("has-synced false");
            out.printf("  single-row writes in one process (%d, %d ms apart) while another downloads %,d rows%n",
                    TIMED_WRITES, TIMED_WRITE_SPACING_MILLIS, DOWNLOAD_ROWS);
            out.printf("    floor   no download        p50 %6.1f ms  p95 %6.1f ms  max %7.1f ms%n", percentile(idle, 50),
                    percentile(idle, 95), percentile(idle, 100));
            out.printf("    hexsync during download    p50 %6.1f ms  p95 %6.1f ms  max %7.1f ms%s%n",
                    percentile(during, 50), percentile(during, 95), percentile(during, 100),
                    overlapped ? "" : "  (the download ended before the writes did)");
            out.flush();
            writer.close();
            syncer.close();
        }
    }

    /** Has {@code writer} make the timed writes; returns their durations, µs. */
    private long[] timedWrites(ChildJvm writer, String prefix) {
        writer.send("timed-writes " + prefix + " " + TIMED_WRITES + " " + TIMED_WRITE_SPACING_MILLIS);
        String line;
        do {
            line = writer.nextLine(WAIT);
        } while (!line.startsWith("timed"));
        int busy = number(line, "busy");
        if (busy > 0) {
            throw new IllegalStateException(busy + " timed writes were refused as busy: " + line);
        }
        String[] words = line.substring("timed ".length(), line.indexOf(" busy=")).split(" ");
        return Arrays.stream(words).mapToLong(Long::parseLong).toArray();
    }

    private static ChildJvm opened(ChildJvm child) {
        child.send("open");
        String line = child.nextLine(WAIT);
        if (!line.equals("opened")) {
            throw new IllegalStateException("a worker could not open the database: " + line);
        }
        return child;
    }

    private static int number(String line, String key) {
        Matcher matcher = Pattern.compile(key + "[= ](\\d+)").matcher(line);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + key + " in '" + line + "'");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static double percentile(long[] micros, int percentile) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
