package dev.hexsync.bootstrap.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.api.collection.CollectionOptions;
import dev.hexsync.ports.api.collection.LiveCollection;
import dev.hexsync.ports.api.collection.LiveSubset;
import dev.hexsync.ports.api.collection.RowFilter;
import dev.hexsync.ports.schema.Schema;
import dev.hexsync.ports.schema.Table;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.swing.JList;
import javax.swing.SwingUtilities;
import javax.swing.event.ListDataEvent;
import javax.swing.event.ListDataListener;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Swing example runs without a display: the model follows the collection on the event dispatch thread. */
class LiveListModelTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The example's row type. */
    public record Task(String id, String title, boolean done) {
    }

    private static final Schema SCHEMA = Schema.of(Table.builder("tasks").text("title").integer("done").build());

    @TempDir
    Path dir;

    private static <T> T onEventThread(java.util.concurrent.Callable<T> work) throws Exception {
        List<T> result = new ArrayList<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    result.add(work.call());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        }
        return result.get(0);
    }

    private static List<String> titles(LiveListModel<Task> model) throws Exception {
        return onEventThread(() -> {
            List<String> titles = new ArrayList<>();
            for (int i = 0; i < model.getSize(); i++) {
                titles.add(model.getElementAt(i).title());
            }
            return titles;
        });
    }

    @Test
    void theListModelFollowsTheCollectionWithoutADisplay() throws Exception {
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
        try (SyncDatabase db = HexSync.builder().sqlite(dir.resolve("tasks.db")).schema(SCHEMA).build()) {
            db.execute("INSERT INTO tasks(id, title, done) VALUES ('1', 'buy milk', 0), ('2', 'call bob', 0)");

            // The example, as docs/LIVE_COLLECTIONS.md shows it.
            LiveCollection<Task> tasks = db.collections().open(CollectionOptions.of("tasks", Task.class)
                    .withListenerExecutor(SwingUtilities::invokeLater));
            Comparator<Task> byTitle = Comparator.comparing(Task::title);
            LiveSubset<Task> open = tasks.where(RowFilter.eq("done", false)).orderBy(byTitle);
            LiveListModel<Task> model = new LiveListModel<>(Task::id, byTitle);
            open.changes().subscribe(model);
            JList<Task> list = onEventThread(() -> new JList<>(model));

            List<String> events = new CopyOnWriteArrayList<>();
            onEventThread(() -> {
                model.addListDataListener(new ListDataListener() {
                    @Override
                    public void intervalAdded(ListDataEvent e) {
                        events.add("added " + e.getIndex0());
                    }

                    @Override
                    public void intervalRemoved(ListDataEvent e) {
                        events.add("removed " + e.getIndex0());
                    }

                    @Override
                    public void contentsChanged(ListDataEvent e) {
                        events.add("changed " + e.getIndex0());
                    }
                });
                return null;
            });
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> titles(model).size() == 2);
            assertThat(titles(model)).containsExactly("buy milk", "call bob");

            tasks.insert(new Task("3", "answer alice", false)).persisted().get(30, TimeUnit.SECONDS);
            tasks.update("1", task -> new Task(task.id(), task.title(), true)).persisted().get(30, TimeUnit.SECONDS);
            db.execute("UPDATE tasks SET title = 'call bob today' WHERE id = '2'");
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> titles(model).equals(List.of("answer alice", "call bob today")));
            assertThat(events).containsExactly("added 0", "removed 1", "changed 1");
            assertThat(onEventThread(() -> list.getModel().getSize())).isEqualTo(2);
            tasks.close();
        }
    }
}
