package dev.hexsync.cli.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.cli.SharedDatabaseWorker;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.testkit.claims.ChildJvm;
import dev.hexsync.emulator.SyncServiceEmulator;
import dev.hexsync.emulator.UploadHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 campaign: a child JVM ({@link SharedDatabaseWorker}) syncs one database file from the emulator while
 * it writes and uploads, and is killed with SIGKILL at a random point of one of four kinds, in turn: during a
 * download (after a random number of ops stored), as the last data line is stored (the checkpoint's publish),
 * between the commits of local write transactions (after a random number of them), and between an upload the
 * service accepted and the {@code complete()} that would have removed it from the queue (the service kills the
 * child from inside its upload handler). After each kill the file passes {@code PRAGMA integrity_check} and
 * reopens; a new child on the same file converges with the service; every write the child printed as committed
 * is there and reaches the service; and a row is uploaded twice only if it was in the upload the kill cut off
 * (the documented at-least-once window), which the figures count.
 *
 * <p>Kills: {@code hexsync.campaign.kills} (4 in the default build, 20 in the campaign); the random seed is
 * {@code hexsync.campaign.seed} or the time, and is reported.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class KillNineCampaignTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(90);

    enum KillPoint { DOWNLOAD, PUBLISH, WRITE_TRANSACTION, BETWEEN_UPLOAD_AND_COMPLETE }

    @TempDir
    Path dir;

    private SyncServiceEmulator service;
    private final List<ChildJvm> children = new ArrayList<>();
    private final Map<String, AtomicInteger> uploads = new ConcurrentHashMap<>();
    /** The row ids of the last upload the service took: what a kill can leave unconfirmed. */
    private final AtomicReference<List<String>> lastUpload = new AtomicReference<>(List.of());
    /** Set while a kill waits for the next upload: the handler applies it, then kills this child. */
    private final AtomicReference<ChildJvm> killOnUpload = new AtomicReference<>();
    private final List<String> uploadErrors = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        children.forEach(ChildJvm::close);
        if (service != null) {
            service.close();
        }
    }

    @Test
    void killedAtRandomPointsTheFileStaysIntactConvergesAndLosesNoCommittedWrite() {
        int kills = CampaignFigures.scale("hexsync.campaign.kills", 4, 20);
        long seed = Long.getLong("hexsync.campaign.seed", System.nanoTime());
        Random random = new Random(seed);
        CampaignFigures figures = new CampaignFigures("kill-9", "Kill -9 of a syncing, writing, uploading process");
        figures.put("seed", seed);
        service = SyncServiceEmulator.builder().globalBucket("global", "lists", "todos").batchSize(50)
                .uploadHandler(recording()).build().start();
        Path file = dir.resolve("killed.db");
        Set<String> committed = new TreeSet<>();
        Set<String> atLeastOnceWindow = new TreeSet<>();
        int sourceRows = 0;

        ChildJvm child = connected(file);
        for (int round = 0; round < kills; round++) {
            KillPoint point = KillPoint.values()[round % KillPoint.values().length];
            ChildJvm current = child;
            switch (point) {
                case DOWNLOAD, PUBLISH -> {
                    int rows = 1_000 + random.nextInt(2_000);
                    int base = sourceRows;
                    service.transaction(tx -> {
                        for (int i = 0; i < rows; i++) {
                            tx.put("todos", "source-" + (base + i), Map.of("list_id", "list-1",
                                    "description", "source row " + (base + i), "completed", 0));
                        }
                    });
                    sourceRows += rows;
                    long before = oplog(current);
                    long threshold = point == KillPoint.DOWNLOAD ? before + 1 + random.nextInt(rows - 1) : before + rows;
                    await(point + ": ops stored", () -> oplog(current) >= threshold);
                    current.kill();
                }
                case WRITE_TRANSACTION -> {
                    int killAfter = 1 + random.nextInt(300);
                    current.send("write-each kill" + round + " 100000");
                    for (int n = 0; n < killAfter; n++) {
                        committed.add(nextCommitted(current));
                    }
                    current.kill();
                }
                case BETWEEN_UPLOAD_AND_COMPLETE -> {
                    killOnUpload.set(current);
                    current.send("write-each upload" + round + " " + (1 + random.nextInt(50)));
                    await(point + ": the child killed by the upload handler", () -> !current.isAlive());
                    // The writes it printed before dying are committed; read them from the file below.
                }
            }
            figures.add("kills at " + point, 1);
            String integrity;
            try (SyncDatabase check = open(file)) {
                integrity = String.valueOf(check.getAll("PRAGMA integrity_check").get(0).get(0));
                check.getAll("SELECT id FROM todos WHERE id LIKE 'upload%'").forEach(row -> committed.add(row.getString("id")));
            }
            assertThat(integrity).as("integrity after kill " + round + " at " + point).isEqualTo("ok");
            // Whatever the kill interrupted, the last upload the service took may not have been completed: a
            // writing child uploads all the time, so any kill can land in that window, not only the aimed one.
            atLeastOnceWindow.addAll(lastUpload.getAndSet(List.of()));
            child = connected(file);
            awaitConverged(file, "after kill " + round + " at " + point);
        }
        child.send("close");
        child.awaitLine("closed", WAIT);

        List<String> twice = uploads.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey)
                .sorted().toList();
        List<String> twiceOutsideWindow = twice.stream().filter(id -> !atLeastOnceWindow.contains(id)).toList();
        List<String> lost = committed.stream().filter(id -> service.row("todos", id).isEmpty()).toList();
        figures.put("cases", kills).put("faults injected", kills).put("committed writes checked", committed.size())
                .put("lost", lost.size()).put("uploaded twice (at-least-once window)", twice.size() - twiceOutsideWindow.size())
                .put("uploaded twice outside the window", twiceOutsideWindow.size())
                .put("rows in the at-least-once window", atLeastOnceWindow.size())
                .put("source rows downloaded", sourceRows).put("integrity checks ok", kills);
        figures.save();
        assertThat(uploadErrors).isEmpty();
        assertThat(lost).as("committed local writes missing at the service").isEmpty();
        assertThat(twiceOutsideWindow).as("rows uploaded twice outside the at-least-once window").isEmpty();
    }

    private UploadHandler recording() {
        UploadHandler apply = UploadHandler.applyingCrud();
        return (entries, source) -> {
            apply.upload(entries, source);
            // One upload of a row per request: a transaction that inserts and then updates a row queues two
            // entries for it, which travel together and are not a repetition.
            Set<String> ids = new java.util.LinkedHashSet<>();
            for (Map<String, Object> entry : entries) {
                ids.add(String.valueOf(entry.get("id")));
            }
            for (String id : ids) {
                uploads.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
            }
            lastUpload.set(List.copyOf(ids));
            ChildJvm victim = killOnUpload.getAndSet(null);
            if (victim != null) {
                // Applied at the source, never answered: the child dies before it can complete() the batch.
                victim.kill();
            }
        };
    }

    private ChildJvm connected(Path file) {
        ChildJvm child = ChildJvm.start(SharedDatabaseWorker.class.getName(), List.of(file.toString()), "ready", START);
        children.add(child);
        child.send("open");
        assertThat(lineStartingWith(child, "opened")).isEqualTo("opened");
        child.send("connect " + service.endpoint() + " " + service.issueToken("user-1"));
        return child;
    }

    private void awaitConverged(Path file, String when) {
        await(when + ": convergence", () -> {
            try (SyncDatabase check = open(file)) {
                return check.getUploadQueueStats(false).count() == 0
                        && CampaignBackend.localTodos(check).equals(CampaignBackend.serviceTodos(service));
            }
        });
    }

    private static SyncDatabase open(Path file) {
        return HexSync.builder().sqlite(file).schema(SharedDatabaseWorker.SCHEMA).build();
    }

    private static long oplog(ChildJvm child) {
        child.send("oplog");
        return Long.parseLong(lineStartingWith(child, "oplog ").substring("oplog ".length()));
    }

    private static String nextCommitted(ChildJvm child) {
        return lineStartingWith(child, "committed ").substring("committed ".length());
    }

    /** The next line that starts so, skipping status lines; a failure line fails the test. */
    private static String lineStartingWith(ChildJvm child, String start) {
        while (true) {
            String line = child.nextLine(WAIT);
            if (line.startsWith(start)) {
                return line;
            }
            assertThat(line).as("a line of " + child).doesNotStartWith("failed").doesNotStartWith("error");
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }
}
