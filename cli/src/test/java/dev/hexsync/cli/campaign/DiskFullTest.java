package dev.hexsync.cli.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.cli.SharedDatabaseWorker;
import dev.hexsync.ports.HexSyncException;
import dev.hexsync.ports.api.ConnectOptions;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk full, during local writes and during a sync. A size-limited filesystem needs a mount, which a test may
 * not make on a shared machine, so the database is filled the way SQLite itself reports a full disk:
 * {@code PRAGMA max_page_count} on the writer connection makes every write past it fail with SQLITE_FULL
 * ("database or disk is full"), the same result code and the same recovery path as a full filesystem. Raising
 * the limit again is "space freed". Expected: a typed error, a transaction that failed left nothing behind,
 * the file passes {@code integrity_check}, and the sync resumes and converges once there is room.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiskFullTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BIG = "x".repeat(4_000);
    private static final CampaignFigures FIGURES = new CampaignFigures("disk-full", "Disk full (SQLITE_FULL)");

    @TempDir
    Path dir;

    private SyncServiceEmulator service;
    private SyncDatabase db;

    @AfterEach
    void stop() {
        if (db != null) {
            db.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aFullDatabaseFailsWritesAndSyncWithATypedErrorCorruptsNothingAndSyncResumesWhenThereIsRoom() {
        service = SyncServiceEmulator.builder().globalBucket("global", "lists", "todos").batchSize(50).build().start();
        service.transaction(tx -> {
            for (int i = 0; i < 100; i++) {
                tx.put("todos", "seed-" + i, Map.of("list_id", "list-1", "description", "seeded " + i, "completed", 0));
            }
        });
        db = HexSync.builder().sqlite(dir.resolve("full.db")).schema(SharedDatabaseWorker.SCHEMA).build();
        CampaignBackend backend = new CampaignBackend(() -> service, null);
        db.connect(backend, ConnectOptions.DEFAULT.withRetryDelay(Duration.ofMillis(200))).toCompletableFuture().join();
        db.waitForFirstSync().toCompletableFuture().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        db.disconnect();

        long pages = db.get("PRAGMA page_count").getLong("page_count");
        limitPages(pages + 8);
        // Local writes until the disk is full.
        int written = 0;
        Throwable full = null;
        while (full == null && written < 10_000) {
            String id = "local-" + written;
            full = catchThrowable(() -> db.writeTransaction(tx -> {
                tx.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, 'list-1', ?, 0)", id, BIG);
                tx.execute("INSERT INTO todos(id, list_id, description, completed) VALUES (?, 'list-1', ?, 0)",
                        id + "-pair", BIG);
                return null;
            }));
            if (full == null) {
                written++;
            }
        }
        assertThat(full).as("the write that found the disk full").isInstanceOf(HexSyncException.class)
                .hasMessageContaining("full");
        String failedId = "local-" + written;
        assertThat(db.getAll("SELECT id FROM todos WHERE id IN (?, ?)", failedId, failedId + "-pair"))
                .as("nothing of the failed transaction").isEmpty();
        assertThat(integrity()).isEqualTo("ok");
        FIGURES.add("cases", 1).add("faults injected", 1).put("local write error", full.getClass().getSimpleName()
                + ": " + full.getMessage().lines().findFirst().orElse(""));

        // A sync while the disk is full: the download fails with a typed error and nothing is corrupted.
        service.transaction(tx -> {
            for (int i = 0; i < 500; i++) {
                tx.put("todos", "big-" + i, Map.of("list_id", "list-1", "description", BIG + i, "completed", 0));
            }
        });
        db.connect(backend, ConnectOptions.DEFAULT.withRetryDelay(Duration.ofMillis(200))).toCompletableFuture().join();
        await("a download error from the full disk", () -> db.syncStatus().downloadError().isPresent());
        Throwable syncError = db.syncStatus().downloadError().orElseThrow();
        assertThat(syncError).isInstanceOf(HexSyncException.class);
        assertThat(integrity()).isEqualTo("ok");
        FIGURES.add("cases", 1).add("faults injected", 1).put("sync error", syncError.getClass().getSimpleName()
                + ": " + String.valueOf(syncError.getMessage()).lines().findFirst().orElse(""));

        // Space freed: the sync resumes by itself and converges; every committed local write reaches the service.
        limitPages(1_073_741_823L);
        int committed = written;
        await("convergence once there is room", () -> CampaignBackend.converged(db, service));
        long lost = 0;
        for (int i = 0; i < committed; i++) {
            lost += service.row("todos", "local-" + i).isPresent() ? 0 : 1;
        }
        assertThat(lost).isZero();
        assertThat(integrity()).isEqualTo("ok");
        FIGURES.put("committed local writes before full", committed).put("lost", lost).save();
    }

    /** The writer connection's page limit (connections are per database; the writer is where writes go). */
    private void limitPages(long pages) {
        db.execute("PRAGMA max_page_count = " + pages);
    }

    private String integrity() {
        return CampaignBackend.integrity(db);
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
