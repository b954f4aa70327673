package dev.hexsync.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hexsync.bootstrap.HexSync;
import dev.hexsync.examples.todo.TodoApp;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.SyncStatus;
import dev.hexsync.ports.model.UploadQueueStats;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The guide's page on running an app in production: status, queue health. */
class OperationsGuideTest {

    @Test
    void statusAndQueueForMonitoring() {
        List<String> log = new CopyOnWriteArrayList<>();
        try (SyncDatabase db = HexSync.builder().inMemory().schema(TodoApp.SCHEMA).build()) {
            // tag::status[]
            db.statusUpdates().subscribe(new Flow.Subscriber<SyncStatus>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(SyncStatus status) {
                    status.anyError().ifPresent(error -> log.add("sync problem: " + error.getMessage()));
                }

                @Override
                public void onError(Throwable error) {
                    log.add("status feed failed: " + error);
                }

                @Override
                public void onComplete() {
                    // the database closed
                }
            });
            UploadQueueStats queue = db.getUploadQueueStats(true);
            log.add(queue.count() + " change(s) waiting for upload, " + queue.sizeBytes().orElse(0) + " bytes");
            // end::status[]
        }
        assertThat(log).contains("0 change(s) waiting for upload, 0 bytes");
    }
}
