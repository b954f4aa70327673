package dev.hexsync.cli.campaign;

import dev.hexsync.ports.api.BackendConnector;
import dev.hexsync.ports.api.SqlRow;
import dev.hexsync.ports.api.SyncDatabase;
import dev.hexsync.ports.model.CrudEntry;
import dev.hexsync.ports.model.CrudTransaction;
import dev.hexsync.ports.transport.Credentials;
import dev.hexsync.emulator.BucketSnapshot;
import dev.hexsync.emulator.OplogOp;
import dev.hexsync.emulator.SyncServiceEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's side for the campaign's in-process cases: tokens from the emulator (optionally short-lived),
 * uploads applied to whichever emulator is current (the restart case swaps it), each row id's uploads counted.
 * Also compares the client's todos with the service's, id to description.
 */
final class CampaignBackend implements BackendConnector {
    static final String USER = "user-1";
    static final String GLOBAL = "1#global[]";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<SyncServiceEmulator> service;
    private final Duration tokenLifetime;
    private final AtomicInteger credentialFetches = new AtomicInteger();
    private final Map<String, AtomicInteger> uploads = new ConcurrentHashMap<>();

    /** @param tokenLifetime how long each issued token lives, or null for the emulator's default */
    CampaignBackend(Supplier<SyncServiceEmulator> service, Duration tokenLifetime) {
        this.service = service;
        this.tokenLifetime = tokenLifetime;
    }

    @Override
    public Optional<Credentials> fetchCredentials() {
        credentialFetches.incrementAndGet();
        SyncServiceEmulator current = service.get();
        Instant now = Instant.now();
        String token = tokenLifetime == null ? current.issueToken(USER)
                : current.issueToken(USER, now, now.plus(tokenLifetime));
        return Optional.of(new Credentials(current.endpoint(), token, Optional.empty()));
    }

    @Override
    public void uploadData(SyncDatabase database) {
        Optional<CrudTransaction> next;
        while ((next = database.getNextCrudTransaction()).isPresent()) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (CrudEntry entry : next.get().crud()) {
                entries.add(entry.toUploadJson());
            }
            service.get().applyUpload(entries);
            for (Map<String, Object> entry : entries) {
                uploads.computeIfAbsent(String.valueOf(entry.get("id")), id -> new AtomicInteger()).incrementAndGet();
            }
            next.get().complete();
        }
    }

    int credentialFetches() {
        return credentialFetches.get();
    }

    /** Row ids uploaded more than once. */
    List<String> uploadedTwice() {
        return uploads.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey).sorted().toList();
    }

    /** The service's todos at its latest checkpoint: id to description. */
    static Map<String, String> serviceTodos(SyncServiceEmulator service) {
        Map<String, String> rows = new TreeMap<>();
        BucketSnapshot snapshot = service.bucket(GLOBAL).orElse(null);
        if (snapshot == null) {
            return rows;
        }
        for (OplogOp op : snapshot.ops()) {
            if (!"todos".equals(op.objectType())) {
                continue;
            }
            if (op.type() == OplogOp.Type.PUT) {
                rows.put(op.objectId(), String.valueOf(JSON.readTree(op.data()).path("description").asString(null)));
            } else if (op.type() == OplogOp.Type.REMOVE) {
                rows.remove(op.objectId());
            }
        }
        return rows;
    }

    static Map<String, String> localTodos(SyncDatabase db) {
        Map<String, String> rows = new TreeMap<>();
        for (SqlRow row : db.getAll("SELECT id, description FROM todos")) {
            rows.put(row.getString("id"), String.valueOf(row.getString("description")));
        }
        return rows;
    }

    /** Nothing queued locally and the client shows exactly the service's todos. */
    static boolean converged(SyncDatabase db, SyncServiceEmulator service) {
        return db.getUploadQueueStats(false).count() == 0 && localTodos(db).equals(serviceTodos(service));
    }

    static String integrity(SyncDatabase db) {
        return String.valueOf(db.getAll("PRAGMA integrity_check").get(0).get(0));
    }
}
