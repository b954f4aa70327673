package dev.hexsync.ports.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The copy methods change one thing each and keep everything else, the follower flag included. */
class SyncStatusTest {
    private static final SyncStatus BUSY = new SyncStatus(true, true, true, true,
            Optional.of(new SyncProgress(Map.of(3, new SyncProgress.Counts(10, 4)))),
            List.of(new SyncStatus.PriorityStatus(SyncStatus.FULL_SYNC_PRIORITY,
                    Optional.of(Instant.parse("2025-01-01T00:00:00Z")), Optional.of(true))),
            List.of(), Optional.of(new IllegalStateException("up")), Optional.of(new IllegalStateException("down")),
            true, false);

    @Test
    void eachCopyChangesItsOwnField() {
        assertThat(BUSY.withConnected(false)).isEqualTo(new SyncStatus(false, true, true, true,
                BUSY.downloadProgress(), BUSY.priorityStatus(), BUSY.streams(), BUSY.uploadError(),
                BUSY.downloadError(), true, false));
        assertThat(BUSY.withConnecting(false).connecting()).isFalse();
        assertThat(BUSY.withDownloading(false).downloading()).isFalse();
        assertThat(BUSY.withUploading(false).uploading()).isFalse();
        assertThat(BUSY.withDownloadProgress(Optional.empty()).downloadProgress()).isEmpty();
        assertThat(BUSY.withPriorityStatus(List.of()).hasSynced()).contains(false);
        assertThat(BUSY.withUploadError(Optional.empty()).anyError()).isEqualTo(BUSY.downloadError());
        assertThat(BUSY.withDownloadError(Optional.empty()).anyError()).isEqualTo(BUSY.uploadError());
        assertThat(BUSY.withStateLoaded(false).hasSynced()).isEmpty();
        assertThat(BUSY.withUploading(false).withUploading(true)).isEqualTo(BUSY);
    }

    @Test
    void withoutConnectionEndsConnectingAndDownloadingButKeepsTheRest() {
        SyncStatus offline = BUSY.withoutConnection();

        assertThat(offline.connected()).isFalse();
        assertThat(offline.connecting()).isFalse();
        assertThat(offline.downloading()).isFalse();
        assertThat(offline.downloadProgress()).isEmpty();
        assertThat(offline.uploading()).isTrue();
        assertThat(offline.priorityStatus()).isEqualTo(BUSY.priorityStatus());
        assertThat(offline.anyError()).isEqualTo(BUSY.downloadError());
    }

    @Test
    void copiesKeepTheFollowerFlag() {
        SyncStatus follower = SyncStatus.UNKNOWN.withFollower(true);

        assertThat(follower.withUploading(true).follower()).isTrue();
        assertThat(follower.withDownloadError(Optional.empty()).follower()).isTrue();
        assertThat(follower.withoutConnection().follower()).isTrue();
    }
}
