package dev.hexsync.cli;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.collection.CollectionOptions;
import dev.hexsync.ports.api.collection.LiveCollection;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench live-collection}: hydrating a live collection of N rows (diff trigger and paged snapshot in one
 * write transaction, rows mapped to records) against a plain {@code getAll} of the same rows mapped to the same
 * records; and the time from a mutation to its {@code persisted()} (written, echoed by the trigger, applied),
 * p50/p95, against a plain {@code UPDATE} of the same row, at the default 30 ms flush interval and at 1 ms.
 */
final class LiveCollectionBenchmark {
    /** The row type, mapped by the default record mapping. */
    record Item(String id, String listId, String description, boolean completed, double estimate) {
    }

    private static final Schema SCHEMA = Schema.of(
            Table.builder("items").text("list_id").text("description").integer("completed").real("estimate").build());

    private final PrintWriter out;
    private final Path dir;
    private final int rows;
    private final int runs;
    private final int mutations;

    LiveCollectionBenchmark(PrintWriter out, Path dir, int rows, int runs, int mutations) {
        this.out = out;
        this.dir = dir;
        this.rows = rows;
        this.runs = runs;
        this.mutations = mutations;
    }

    void run() throws Exception {
        out.printf("live-collection: %,d rows, %d runs per variant (median), %d mutations per latency variant%n",
                rows, runs, mutations);
        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("live.db")).schema(SCHEMA).build()) {
            fill(db);
            hydrate(db); // warm-up of both variants
            getAll(db);
            long[] plain = new long[runs];
            long[] live = new long[runs];
            for (int run = 0; run < runs; run++) {
                plain[run] = getAll(db);
                live[run] = hydrate(db);
            }
            long plainMedian = median(plain);
            long liveMedian = median(live);
            out.printf("  floor   getAll mapped to records  %8.1f ms  (%,.0f rows/s)%n", plainMedian / 1e6,
                    rows / (plainMedian / 1e9));
            out.printf("  hexsync collection hydration      %8.1f ms  (%,.0f rows/s)%n", liveMedian / 1e6,
                    rows / (liveMedian / 1e9));
            out.printf("  ratio   hydration / floor         %8.2f x%n", (double) liveMedian / plainMedian);

            long[] floor = plainUpdates(db);
            out.printf("  floor   plain UPDATE              p50 %7.2f ms  p95 %7.2f ms%n", percentile(floor, 50) / 1e6,
                    percentile(floor, 95) / 1e6);
            for (Duration flush : List.of(Duration.ofMillis(30), Duration.ofMillis(1))) {
                long[] persisted = mutations(db, flush);
                out.printf("  hexsync update to persisted (%2d ms flush)  p50 %7.2f ms  p95 %7.2f ms  (p50 %.1f x floor)%n",
                        flush.toMillis(), percentile(persisted, 50) / 1e6, percentile(persisted, 95) / 1e6,
                        (double) percentile(persisted, 50) / Math.max(1, percentile(floor, 50)));
            }
        }
    }

    private void fill(SyncDatabase db) {
        List<List<?>> batch = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            batch.add(List.of(String.format("item-%08d", i), "list-" + (i % 50), "Item number " + i, i % 2, i * 0.25));
        }
        db.executeBatch("INSERT INTO items(id, list_id, description, completed, estimate) VALUES (?, ?, ?, ?, ?)",
                batch);
    }

    private long getAll(SyncDatabase db) {
        long start = System.nanoTime();
        List<Item> items = db.getAll("SELECT id, list_id, description, completed, estimate FROM items", List.of(),
                row -> new Item(row.getString("id"), row.getString("list_id"), row.getString("description"),
                        row.getBoolean("completed"), row.getDouble("estimate")));
        long elapsed = System.nanoTime() - start;
        check(items.size());
        return elapsed;
    }

    private long hydrate(SyncDatabase db) {
        long start = System.nanoTime();
        try (LiveCollection<Item> items = db.collections().open(CollectionOptions.of("items", Item.class))) {
            long elapsed = System.nanoTime() - start;
            check(items.size());
            return elapsed;
        }
    }

    private void check(int size) {
        if (size != rows) {
            throw new IllegalStateException("Expected " + rows + " rows, got " + size);
        }
    }

    private long[] plainUpdates(SyncDatabase db) {
        long[] times = new long[mutations];
        for (int i = 0; i < mutations; i++) {
            long start = System.nanoTime();
            db.execute("UPDATE items SET description = ? WHERE id = ?", "plain " + i, String.format("item-%08d", i));
            times[i] = System.nanoTime() - start;
        }
        return times;
    }

    private long[] mutations(SyncDatabase db, Duration flush) throws Exception {
        long[] times = new long[mutations];
        try (LiveCollection<Item> items = db.collections().open(CollectionOptions.of("items", Item.class)
                .withFlushInterval(flush))) {
            for (int i = 0; i < mutations; i++) {
                String id = String.format("item-%08d", i);
                String text = "live " + flush.toMillis() + " " + i;
                long start = System.nanoTime();
                items.update(id, item -> new Item(item.id(), item.listId(), text, item.completed(), item.estimate()))
                        .persisted().get(60, TimeUnit.SECONDS);
                times[i] = System.nanoTime() - start;
            }
        }
        return times;
    }

    private static long median(long[] values) {
        return percentile(values, 50);
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
