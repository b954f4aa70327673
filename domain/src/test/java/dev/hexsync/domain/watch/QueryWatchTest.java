package dev.hexsync.domain.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.domain.database.LocalDatabase;
import dev.hexsync.ports.api.WatchOptions;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Watches on virtual time: throttling, de-duplication, table filtering, back-pressure and lifecycle. */
class QueryWatchTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final ScriptedSession session = new ScriptedSession();
    private LocalDatabase db;

    @BeforeEach
    void open() {
        Schema schema = Schema.of(Table.builder("todos").text("description").viewName("my_todos").build(),
                Table.builder("lists").text("name").build());
        db = LocalDatabase.open(session, scheduler, schema);
    }

    private RecordingSubscriber<List<Long>> subscribe(WatchOptions options) {
        RecordingSubscriber<List<Long>> subscriber = new RecordingSubscriber<>();
        db.watch("SELECT count(*) AS n FROM my_todos", List.of(), row -> row.getLong("n"), options).subscribe(subscriber);
        subscriber.subscription.request(Long.MAX_VALUE);
        scheduler.runReady();
        return subscriber;
    }

    @Test
    void publishesTheFirstResultRightAway() {
        session.answer = 7;
        RecordingSubscriber<List<Long>> subscriber = subscribe(WatchOptions.DEFAULT);
        assertThat(subscriber.items).containsExactly(List.of(7L));
        assertThat(session.queries).hasValue(1);
    }

    @Test
    void gathersChangesWithinTheThrottleIntoOneTrailingRun() {
        RecordingSubscriber<List<Long>> subscriber = subscribe(WatchOptions.DEFAULT);
        session.answer = 1;
        session.fire("todos", "ps_crud");
        scheduler.advance(Duration.ofMillis(10));
        session.fire("todos");
        scheduler.advance(Duration.ofMillis(10));
        session.answer = 2;
        session.fire("todos");
        assertThat(session.queries).as("no re-run before the window closes").hasValue(1);

        scheduler.advance(Duration.ofMillis(10));
        assertThat(session.queries).as("one trailing run for three changes").hasValue(2);
        assertThat(subscriber.items).containsExactly(List.of(0L), List.of(2L));
    }

    @Test
    void theThrottleIsConfigurable() {
        subscribe(WatchOptions.DEFAULT.withThrottle(Duration.ofMillis(200)));
        session.fire("todos");
        scheduler.advance(Duration.ofMillis(199));
        assertThat(session.queries).hasValue(1);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(session.queries).hasValue(2);
    }

    @Test
    void publishesOnlyResultsThatDiffer() {
        RecordingSubscriber<List<Long>> subscriber = subscribe(WatchOptions.DEFAULT);
        session.fire("todos");
        scheduler.advance(Duration.ofMillis(30));
        assertThat(session.queries).hasValue(2);
        assertThat(subscriber.items).containsExactly(List.of(0L));
    }

    @Test
    void ignoresChangesToOtherTables() {
        subscribe(WatchOptions.DEFAULT);
        session.fire("lists", "ps_crud");
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(session.queries).hasValue(1);
    }

    @Test
    void externalChangesReRunEveryWatch() {
        RecordingSubscriber<List<Long>> subscriber = subscribe(WatchOptions.DEFAULT);
        session.answer = 5;
        session.fireExternal();
        scheduler.advance(Duration.ofMillis(30));
        assertThat(subscriber.items).containsExactly(List.of(0L), List.of(5L));
    }

    @Test
    void explicitTablesMayNameTheViewAndReplaceResolution() {
        session.tablesRead = Set.of();
        RecordingSubscriber<List<Long>> subscriber = subscribe(WatchOptions.DEFAULT.withTables(Set.of("my_todos")));
        session.answer = 3;
        session.fire("todos");
        scheduler.advance(Duration.ofMillis(30));
        assertThat(subscriber.items).containsExactly(List.of(0L), List.of(3L));
    }

    @Test
    void aSlowSubscriberGetsTheLatestResultOnly() {
        RecordingSubscriber<List<Long>> subscriber = new RecordingSubscriber<>();
        db.watch("SELECT count(*) AS n FROM my_todos", List.of(), row -> row.getLong("n")).subscribe(subscriber);
        scheduler.runReady();
        for (long value = 1; value <= 3; value++) {
            session.answer = value;
            session.fire("todos");
            scheduler.advance(Duration.ofMillis(30));
        }
        assertThat(subscriber.items).as("nothing requested yet").isEmpty();
        subscriber.subscription.request(1);
        scheduler.runReady();
        assertThat(subscriber.items).containsExactly(List.of(3L));
    }

    @Test
    void cancellingStopsQueriesAndUnregisters() {
        RecordingSubscriber<List<Long>> subscriber = subscribe(WatchOptions.DEFAULT);
        subscriber.subscription.cancel();
        session.fire("todos");
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(session.queries).hasValue(1);
        // The database's own listener stays; the watch's registration with the hub is gone.
        assertThat(session.listeners).hasSize(1);
    }

    @Test
    void aNonPositiveRequestFailsTheSubscription() {
        RecordingSubscriber<List<Long>> subscriber = new RecordingSubscriber<>();
        db.watch("SELECT 1 AS n", List.of(), row -> row.getLong("n")).subscribe(subscriber);
        subscriber.subscription.request(0);
        scheduler.runReady();
        assertThat(subscriber.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
    }

    @Test
    void aFailingQueryEndsTheWatchWithItsError() {
        session.failure = new IllegalStateException("no such table: nope");
        RecordingSubscriber<List<Long>> subscriber = subscribe(WatchOptions.DEFAULT);
        assertThat(subscriber.error).hasMessage("no such table: nope");
    }

    @Test
    void closingTheDatabaseCompletesWatches() {
        RecordingSubscriber<List<Long>> subscriber = subscribe(WatchOptions.DEFAULT);
        db.close();
        scheduler.runReady();
        assertThat(subscriber.completed).isTrue();
        assertThat(session.closed).isTrue();
    }

    @Test
    void schemaChangesReRunWatches() {
        RecordingSubscriber<List<Long>> subscriber = subscribe(WatchOptions.DEFAULT);
        session.answer = 9;
        db.updateSchema(db.schema());
        scheduler.advance(Duration.ofMillis(30));
        assertThat(subscriber.items).containsExactly(List.of(0L), List.of(9L));
    }
}
