package dev.hexsync.bootstrap.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.WatchOptions;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process reproduction of two processes on one file: two databases built separately over the same path
 * (each with its own connections, scheduler and change signal) see each other's commits in their watches and
 * change feeds, through the counter file, as two processes do.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedFileWatchTest {
    private static final Schema SCHEMA = Schema.of(Table.builder("todos").text("description").build(),
            Table.builder("notes").text("body").localOnly().build());
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    @Test
    void aWatchSeesTheCommitsOfAnotherInstanceOnTheSameFile() throws Exception {
        Path file = Files.createDirectories(dir.resolve("data")).resolve("shared.db");
        // The observer reaches the file through a symbolic link: the canonical path makes them share the signal.
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("data")).resolve("shared.db");
        try (SyncDatabase writer = HexSync.builder().sqlite(file).schema(SCHEMA).build();
                SyncDatabase observer = HexSync.builder().sqlite(alias).schema(SCHEMA).build()) {
            BlockingQueue<List<String>> results = new LinkedBlockingQueue<>();
            observer.watch("SELECT description FROM todos ORDER BY description", List.of(),
                    row -> row.getString("description")).subscribe(collect(results));
            assertThat(results.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEmpty();

            writer.execute("INSERT INTO todos(id, description) VALUES (uuid(), 'from the other one')");
            assertThat(results.poll(WAIT_SECONDS, TimeUnit.SECONDS)).containsExactly("from the other one");

            writer.execute("INSERT INTO todos(id, description) VALUES (uuid(), 'and another')");
            assertThat(results.poll(WAIT_SECONDS, TimeUnit.SECONDS)).containsExactly("and another", "from the other one");
        }
        assertThat(dir.resolve("data/shared.db-changes")).exists();
    }

    @Test
    void aChangeFeedReportsAnotherInstancesCommitAsAChangeOfTheWatchedTables() throws Exception {
        Path file = dir.resolve("feed.db");
        try (SyncDatabase writer = HexSync.builder().sqlite(file).schema(SCHEMA).build();
                SyncDatabase observer = HexSync.builder().sqlite(file).schema(SCHEMA).build()) {
            BlockingQueue<Set<String>> changes = new LinkedBlockingQueue<>();
            observer.onChange(WatchOptions.DEFAULT.withTables(Set.of("notes"))).subscribe(collect(changes));
            writer.execute("INSERT INTO notes(id, body) VALUES (uuid(), 'local only, still shared')");
            assertThat(changes.poll(WAIT_SECONDS, TimeUnit.SECONDS)).containsExactly("notes");
        }
    }

    @Test
    void closeWithDeleteFilesAlsoRemovesTheSignalFile() throws Exception {
        Path file = dir.resolve("gone.db");
        SyncDatabase db = HexSync.builder().sqlite(file).schema(SCHEMA).build();
        db.execute("INSERT INTO todos(id, description) VALUES (uuid(), 'x')");
        db.close(true);
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void withCrossProcessChangesOffNoSignalFileIsMade() {
        Path file = dir.resolve("alone.db");
        try (SyncDatabase db = HexSync.builder().sqlite(file).schema(SCHEMA).crossProcessChanges(false).build()) {
            db.execute("INSERT INTO todos(id, description) VALUES (uuid(), 'x')");
        }
        assertThat(dir.resolve("alone.db-changes")).doesNotExist();
    }

    static <T> Flow.Subscriber<T> collect(BlockingQueue<T> sink) {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(T item) {
                sink.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                throwable.printStackTrace();
            }

            @Override
            public void onComplete() {
            }
        };
    }
}
