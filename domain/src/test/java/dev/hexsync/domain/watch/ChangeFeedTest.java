package dev.hexsync.domain.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.domain.database.LocalDatabase;
import dev.hexsync.ports.api.WatchOptions;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import dev.hexsync.testkit.time.VirtualScheduler;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Change feeds: filtering, gathering over the throttle window, the immediate first event. */
class ChangeFeedTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final ScriptedSession session = new ScriptedSession();
    private LocalDatabase db;

    @BeforeEach
    void open() {
        db = LocalDatabase.open(session, scheduler, Schema.of(Table.builder("todos").text("a").build(),
                Table.builder("lists").text("b").viewName("all_lists").build()));
    }

    private RecordingSubscriber<Set<String>> subscribe(WatchOptions options) {
        RecordingSubscriber<Set<String>> subscriber = new RecordingSubscriber<>();
        db.onChange(options).subscribe(subscriber);
        subscriber.subscription.request(Long.MAX_VALUE);
        scheduler.runReady();
        return subscriber;
    }

    @Test
    void reportsWatchedTablesGatheredOverTheWindow() {
        RecordingSubscriber<Set<String>> subscriber = subscribe(WatchOptions.DEFAULT.withTables(Set.of("todos", "all_lists")));
        session.fire("todos", "ps_crud");
        scheduler.advance(Duration.ofMillis(5));
        session.fire("lists");
        scheduler.advance(Duration.ofMillis(30));
        assertThat(subscriber.items).containsExactly(Set.of("todos", "lists"));
    }

    @Test
    void filtersOutUnwatchedTables() {
        RecordingSubscriber<Set<String>> subscriber = subscribe(WatchOptions.DEFAULT.withTables(Set.of("todos")));
        session.fire("lists");
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(subscriber.items).isEmpty();
    }

    @Test
    void withoutTablesReportsEveryChange() {
        RecordingSubscriber<Set<String>> subscriber = subscribe(WatchOptions.DEFAULT);
        session.fire("settings", "ps_crud");
        scheduler.advance(Duration.ofMillis(30));
        assertThat(subscriber.items).containsExactly(Set.of("settings", "ps_crud"));
    }

    @Test
    void canTriggerImmediately() {
        RecordingSubscriber<Set<String>> subscriber =
                subscribe(WatchOptions.DEFAULT.withTables(Set.of("todos")).withTriggerImmediately(true));
        assertThat(subscriber.items).containsExactly(Set.of());
    }

    @Test
    void externalChangesReportTheWatchedTables() {
        RecordingSubscriber<Set<String>> subscriber = subscribe(WatchOptions.DEFAULT.withTables(Set.of("todos")));
        session.fireExternal();
        scheduler.advance(Duration.ofMillis(30));
        assertThat(subscriber.items).containsExactly(Set.of("todos"));
    }
}
