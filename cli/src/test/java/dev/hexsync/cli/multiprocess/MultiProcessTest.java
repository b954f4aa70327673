package dev.hexsync.cli.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.cli.SharedDatabaseWorker;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.testkit.claims.ChildJvm;
import dev.hexsync.emulator.SyncServiceEmulator;
import dev.hexsync.emulator.UploadHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVMs on one database file, each a {@link SharedDatabaseWorker} started by the test: concurrent cold
 * opens all succeed, a watch sees another process's writes, four writer processes and one syncing process run
 * side by side with no busy error and no lost or doubled upload, and when the syncing process is killed with
 * SIGKILL mid-download a follower takes over and converges. The sync service is the emulator in this JVM; the
 * workers upload to its {@code /upload} over loopback HTTP. Nothing here measures speed (see
 * {@code hexsync bench multi-process}); every wait is bounded generously and awaits a line or a condition.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MultiProcessTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Rows the failover service starts with: 200 data lines, so the kill lands mid-download. */
    private static final int SEEDED = 20_000;

    @TempDir
    Path dir;

    private final List<ChildJvm> workers = new ArrayList<>();
    private SyncServiceEmulator service;

    @AfterEach
    void stop() {
        workers.forEach(ChildJvm::close);
        if (service != null) {
            service.close();
        }
    }

    private ChildJvm worker(Path file) {
        ChildJvm worker = ChildJvm.start(SharedDatabaseWorker.class.getName(), List.of(file.toString()), "ready", START);
        workers.add(worker);
        return worker;
    }

    private static ChildJvm opened(ChildJvm worker) {
        worker.send("open");
        assertThat(worker.nextLine(WAIT)).isEqualTo("opened");
        return worker;
    }

    @Test
    void aHundredConcurrentColdOpensFromFourProcessesAllSucceed() {
        Path file = dir.resolve("cold.db");
        List<ChildJvm> openers = List.of(worker(file), worker(file), worker(file), worker(file));
        openers.forEach(worker -> worker.send("cold-open 25 retry"));
        int ok = 0;
        for (ChildJvm worker : openers) {
            String line = worker.nextLine(WAIT);
            assertThat(line).startsWith("cold-open ").contains("busy=0 other=0");
            ok += count(line, "ok");
        }
        assertThat(ok).isEqualTo(100);
    }

    @Test
    void aWatchInOneProcessSeesTheCommitsOfAnother() {
        Path file = dir.resolve("watch.db");
        ChildJvm observer = opened(worker(file));
        ChildJvm writer = opened(worker(file));
        observer.send("watch-probes");
        observer.awaitLine("watching", WAIT);
        for (int n = 1; n <= 5; n++) {
            writer.send("probe " + n);
            assertThat(writer.nextLine(WAIT)).startsWith("committed " + n + " ");
            assertThat(observer.nextLine(WAIT)).startsWith("seen " + n + " ");
        }
    }

    @Test
    void fourWriterProcessesAndOneSyncingProcessLoseNothingAndUploadEachWriteOnce() {
        Map<String, AtomicInteger> uploads = new ConcurrentHashMap<>();
        service = recordingEmulator(uploads);
        Path file = dir.resolve("busy.db");
        ChildJvm syncer = opened(worker(file));
        syncer.send("connect " + service.endpoint() + " " + service.issueToken("user-1"));
        syncer.awaitLine("status leader", WAIT);
        List<ChildJvm> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writers.add(opened(worker(file)));
        }
        for (int i = 0; i < writers.size(); i++) {
            writers.get(i).send("write w" + i + " 3000");
        }
        Set<String> written = new TreeSet<>();
        for (int i = 0; i < writers.size(); i++) {
            String line = lineStartingWith(writers.get(i), "wrote ");
            assertThat(line).as("writer " + i).endsWith(" busy=0 failed=0");
            int count = count(line, "wrote");
            assertThat(count).isPositive();
            for (int n = 0; n < count; n++) {
                written.add("w" + i + "-" + n);
            }
        }
        try (SyncDatabase check = HexSync.builder().sqlite(file).schema(SharedDatabaseWorker.SCHEMA).build()) {
            await("every write uploaded", () -> queued(check) == 0 && uploads.keySet().containsAll(written),
                    () -> queued(check) + " queued, " + uploads.size() + " of " + written.size() + " uploaded");
            Set<String> local = new TreeSet<>();
            for (SqlRow row : check.getAll("SELECT id FROM todos WHERE id LIKE 'w%'")) {
                local.add(row.getString("id"));
            }
            assertThat(local).isEqualTo(written);
        }
        assertThat(uploads.keySet()).isEqualTo(written);
        assertThat(uploads.values()).allSatisfy(times -> assertThat(times).hasValue(1));
    }

    @Test
    void whenTheSyncingProcessIsKilledMidDownloadAFollowerTakesOverAndConverges() {
        Map<String, AtomicInteger> uploads = new ConcurrentHashMap<>();
        service = SyncServiceEmulator.builder().globalBucket("global", "lists", "todos").batchSize(100)
                .uploadHandler(recording(uploads)).build().start();
        service.transaction(tx -> {
            for (int i = 0; i < SEEDED; i++) {
                tx.put("todos", String.format("seed-%05d", i), Map.of("list_id", "list-1", "description",
                        "Seeded todo number " + i, "completed", 0));
            }
        });
        Path file = dir.resolve("failover.db");
        String connect = "connect " + service.endpoint() + " " + service.issueToken("user-1");

        ChildJvm leader = opened(worker(file));
        leader.send(connect);
        leader.awaitLine("downloading", WAIT);
        // Freeze the leader's stream where it is, so it is surely mid-download when it dies.
        service.connections().forEach(connection -> connection.stall(Duration.ofSeconds(60)));

        ChildJvm follower = opened(worker(file));
        follower.send(connect);
        follower.awaitLine("status follower", WAIT);
        follower.send("write before 100");
        assertThat(lineStartingWith(follower, "wrote ")).endsWith("busy=0 failed=0");
        // The leader uploads the follower's writes; the kill comes after they were acknowledged locally.
        await("the leader to upload the follower's writes", () -> queued(follower) == 0);

        follower.send("oplog");
        assertThat(count(lineStartingWith(follower, "oplog "), "oplog")).as("ops downloaded when the leader dies")
                .isPositive().isLessThan(SEEDED);
        leader.kill();
        follower.awaitLine("status leader", WAIT);
        follower.send("write after 100");
        assertThat(lineStartingWith(follower, "wrote ")).endsWith("busy=0 failed=0");
        follower.awaitLine("synced", WAIT);

        try (SyncDatabase check = HexSync.builder().sqlite(file).schema(SharedDatabaseWorker.SCHEMA).build()) {
            await("the new leader to converge with the service", () -> queued(check) == 0
                    && localIds(check).equals(serviceIds(uploads)), () -> localIds(check).size() + " local rows");
            assertThat(check.getAll("PRAGMA integrity_check").get(0).get(0)).isEqualTo("ok");
            assertThat(check.get("SELECT count(*) AS n FROM todos WHERE id LIKE 'seed-%'").getLong("n")).isEqualTo(SEEDED);
        }
        assertThat(uploads).isNotEmpty();
        assertThat(uploads.keySet()).anyMatch(id -> id.startsWith("before-")).anyMatch(id -> id.startsWith("after-"));
        assertThat(uploads.values()).allSatisfy(times -> assertThat(times).as("uploads of one row").hasValue(1));
    }

    private static SyncServiceEmulator recordingEmulator(Map<String, AtomicInteger> uploads) {
        return SyncServiceEmulator.builder().globalBucket("global", "lists", "todos").uploadHandler(recording(uploads))
                .build().start();
    }

    /** The default backend, counting how often each row id was uploaded. */
    private static UploadHandler recording(Map<String, AtomicInteger> uploads) {
        UploadHandler apply = UploadHandler.applyingCrud();
        return (entries, source) -> {
            apply.upload(entries, source);
            for (Map<String, Object> entry : entries) {
                uploads.computeIfAbsent(String.valueOf(entry.get("id")), id -> new AtomicInteger()).incrementAndGet();
            }
        };
    }

    private static Set<String> localIds(SyncDatabase db) {
        Set<String> ids = new TreeSet<>();
        db.getAll("SELECT id FROM todos").forEach(row -> ids.add(row.getString("id")));
        return ids;
    }

    /** Seeded rows plus every uploaded one: what the service's todos hold. */
    private static Set<String> serviceIds(Map<String, AtomicInteger> uploads) {
        Set<String> ids = new TreeSet<>(uploads.keySet());
        for (int i = 0; i < SEEDED; i++) {
            ids.add(String.format("seed-%05d", i));
        }
        return ids;
    }

    private static long queued(SyncDatabase db) {
        return db.getUploadQueueStats(false).count();
    }

    private static long queued(ChildJvm worker) {
        worker.send("queued");
        return count(lineStartingWith(worker, "queued "), "queued");
    }

    /** The next line that starts so, skipping status lines printed in between; a busy or error line fails. */
    private static String lineStartingWith(ChildJvm worker, String start) {
        while (true) {
            String line = worker.nextLine(WAIT);
            if (line.startsWith(start)) {
                return line;
            }
            assertThat(line).as("a line of " + worker).doesNotStartWith("busy").doesNotStartWith("error")
                    .doesNotStartWith("failed");
        }
    }

    private static int count(String line, String key) {
        Matcher matcher = Pattern.compile(key + "[= ](\\d+)").matcher(line);
        if (!matcher.find()) {
            throw new AssertionError("no " + key + " in '" + line + "'");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    private static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> state) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(20)).pollInSameThread().untilAsserted(() -> {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("gave up waiting for " + what + "; last seen: " + state.get());
            }
        });
    }
}
