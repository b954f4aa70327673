package dev.hexsync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.ports.api.QueryDiff;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The differential watch on a real SQLite database through the default wiring. */
class DifferentialWatchTest {
    /** Only a guard against hangs. */
    private static final long TIMEOUT_SECONDS = 20;

    @Test
    void publishesRowLevelChangesKeyedById() throws Exception {
        Schema schema = Schema.of(Table.builder("todos").text("description").build());
        try (SyncDatabase db = HexSync.builder().inMemory().schema(schema).build()) {
            BlockingQueue<QueryDiff<SqlRow>> diffs = new LinkedBlockingQueue<>();
            db.watchDifferential("SELECT id, description FROM todos ORDER BY id", List.of(),
                    dev.hexsync.ports.api.RowMapper.rows()).subscribe(new Flow.Subscriber<>() {
                        @Override
                        public void onSubscribe(Flow.Subscription s) {
                            s.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(QueryDiff<SqlRow> item) {
                            diffs.add(item);
                        }

                        @Override
                        public void onError(Throwable throwable) {
                        }

                        @Override
                        public void onComplete() {
                        }
                    });

            db.execute("INSERT INTO todos(id, description) VALUES ('a', 'milk'), ('b', 'eggs')");
            QueryDiff<SqlRow> first = diffs.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(first).as("the empty start is not published; the insert is").isNotNull();
            assertThat(first.added()).extracting(row -> row.get("id")).containsExactly("a", "b");

            db.execute("UPDATE todos SET description = 'oat milk' WHERE id = 'a'");
            QueryDiff<SqlRow> second = diffs.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(second.updated()).singleElement().satisfies(updated -> {
                assertThat(updated.current().get("description")).isEqualTo("oat milk");
                assertThat(updated.previous()).isSameAs(first.all().get(0));
            });
            assertThat(second.unchanged()).singleElement().isSameAs(first.all().get(1));

            db.execute("DELETE FROM todos WHERE id = 'b'");
            QueryDiff<SqlRow> third = diffs.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(third.removed()).singleElement().isSameAs(first.all().get(1));
            assertThat(third.all()).extracting(row -> row.get("id")).containsExactly("a");
            assertThat(diffs).isEmpty();
        }
    }
}
