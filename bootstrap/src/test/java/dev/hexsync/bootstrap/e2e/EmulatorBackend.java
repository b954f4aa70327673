package dev.hexsync.bootstrap.e2e;

import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's side of a connection, as a real app would write it: tokens issued by the emulator, and
 * uploads applied to the emulator's source database one local transaction at a time (through the same upload
 * handler as its {@code POST /upload}). Counts credential fetches and records every uploaded entry, and can
 * hold uploads back so that a test can act while local writes are still queued.
 */
final class EmulatorBackend implements BackendConnector {
    private final SyncServiceEmulator service;
    private final String userId;
    private final AtomicInteger credentialFetches = new AtomicInteger();
    private final List<Map<String, Object>> uploaded = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch uploadGate;
    private final AtomicInteger uploadsWaiting = new AtomicInteger();

    EmulatorBackend(SyncServiceEmulator service, String userId) {
        this.service = service;
        this.userId = userId;
    }

    @Override
    public Optional<Credentials> fetchCredentials() {
        credentialFetches.incrementAndGet();
        return Optional.of(new Credentials(service.endpoint(), service.issueToken(userId), Optional.empty()));
    }

    @Override
    public void uploadData(SyncDatabase database) throws Exception {
        CountDownLatch gate = uploadGate;
        if (gate != null) {
            uploadsWaiting.incrementAndGet();
            try {
                // Bounded, so a forgotten release fails the upload (and the test) instead of hanging the loop.
                if (!gate.await(Eventually.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("uploads were held and never released");
                }
            } finally {
                uploadsWaiting.decrementAndGet();
            }
        }
        Optional<CrudTransaction> next;
        while ((next = database.getNextCrudTransaction()).isPresent()) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (CrudEntry entry : next.get().crud()) {
                entries.add(entry.toUploadJson());
            }
            service.applyUpload(entries);
            uploaded.addAll(entries);
            next.get().complete();
        }
    }

    /** From now on, uploads wait (before reading the queue) until {@link #releaseUploads()}. */
    void holdUploads() {
        uploadGate = new CountDownLatch(1);
    }

    /** Lets held and future uploads run. */
    void releaseUploads() {
        CountDownLatch gate = uploadGate;
        uploadGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** How many upload runs are waiting at the gate now. */
    int uploadsWaiting() {
        return uploadsWaiting.get();
    }

    int credentialFetches() {
        return credentialFetches.get();
    }

    /** Every CRUD entry handed to the source so far, in upload order. */
    List<Map<String, Object>> uploaded() {
        return List.copyOf(uploaded);
    }
}
