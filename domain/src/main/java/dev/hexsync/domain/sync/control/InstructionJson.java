package dev.hexsync.domain.sync.control;

import dev.hexsync.domain.checkpoint.DownloadProgress;
import dev.hexsync.domain.stream.ActiveStream;
import dev.hexsync.domain.sync.DownloadStatus;
import dev.hexsync.domain.sync.Instruction;
import dev.hexsync.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Instructions and status in the native engine's JSON shapes. */
public final class InstructionJson {
    private InstructionJson() {
    }

    /** A JSON array of instructions, each an object with one key naming it. */
    public static String write(List<Instruction> instructions) {
        List<Object> array = new ArrayList<>();
        for (Instruction instruction : instructions) {
            array.add(value(instruction));
        }
        return Json.write(array);
    }

    private static Map<String, Object> value(Instruction instruction) {
        Map<String, Object> body = new LinkedHashMap<>();
        String name;
        if (instruction instanceof Instruction.LogLine log) {
            name = "LogLine";
            body.put("severity", log.severity().name());
            body.put("line", log.line());
        } else if (instruction instanceof Instruction.UpdateSyncStatus update) {
            name = "UpdateSyncStatus";
            body.put("status", status(update.status()));
        } else if (instruction instanceof Instruction.EstablishSyncStream establish) {
            name = "EstablishSyncStream";
            body.put("request", establish.request());
            if (establish.checkpointRequest() != null) {
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("client_id", establish.checkpointRequest().clientId());
                request.put("checkpoint_request_id", Long.toString(establish.checkpointRequest().checkpointRequestId()));
                body.put("checkpoint_request", request);
            }
        } else if (instruction instanceof Instruction.FetchCredentials fetch) {
            name = "FetchCredentials";
            body.put("did_expire", fetch.didExpire());
        } else if (instruction instanceof Instruction.CloseSyncStream close) {
            name = "CloseSyncStream";
            body.put("hide_disconnect", close.hideDisconnect());
        } else if (instruction instanceof Instruction.DidCompleteSync complete) {
            name = "DidCompleteSync";
            if (complete.appliedCheckpointRequestId() != null) {
                body.put("applied_checkpoint_request_id", complete.appliedCheckpointRequestId().toString());
            }
        } else {
            throw new IllegalArgumentException("Unknown instruction " + instruction);
        }
        Map<String, Object> tagged = new LinkedHashMap<>();
        tagged.put(name, body);
        return tagged;
    }

    /** The status object of {@code UpdateSyncStatus} (and of the offline status). */
    public static Map<String, Object> status(DownloadStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("connected", status.connected());
        json.put("connecting", status.connecting());
        List<Object> priorities = new ArrayList<>();
        for (DownloadStatus.PriorityStatus priority : status.priorityStatus()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("priority", (long) priority.priority());
            entry.put("last_synced_at", priority.lastSyncedAt());
            entry.put("has_synced", priority.hasSynced());
            priorities.add(entry);
        }
        json.put("priority_status", priorities);
        DownloadProgress downloading = status.downloading();
        if (downloading == null) {
            json.put("downloading", null);
        } else {
            // Reported per priority under synthetic bucket names, not per bucket.
            TreeMap<Integer, long[]> byPriority = new TreeMap<>();
            for (DownloadProgress.Bucket bucket : downloading.buckets().values()) {
                long[] counters = byPriority.computeIfAbsent(bucket.priority(), p -> new long[2]);
                counters[0] += bucket.targetCount() - bucket.atLast();
                counters[1] += bucket.sinceLast();
            }
            Map<String, Object> buckets = new LinkedHashMap<>();
            byPriority.forEach((priority, counters) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("priority", (long) priority);
                entry.put("at_last", 0L);
                entry.put("since_last", counters[1]);
                entry.put("target_count", counters[0]);
                buckets.put("prio_" + priority, entry);
            });
            json.put("downloading", Map.of("buckets", buckets));
        }
        List<Object> streams = new ArrayList<>();
        for (ActiveStream stream : status.streams()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", stream.name());
            entry.put("parameters", stream.parameters() == null ? null : new Json.Raw(stream.parameters()));
            entry.put("priority", stream.priority() == null ? null : (long) stream.priority());
            entry.put("active", stream.active());
            entry.put("is_default", stream.isDefault());
            entry.put("has_explicit_subscription", stream.hasExplicitSubscription());
            entry.put("expires_at", stream.expiresAt());
            entry.put("last_synced_at", stream.lastSyncedAt());
            long total = 0;
            long downloaded = 0;
            if (downloading != null) {
                for (String bucket : stream.buckets()) {
                    DownloadProgress.Bucket progress = downloading.buckets().get(bucket);
                    if (progress != null) {
                        total += progress.targetCount() - progress.atLast();
                        downloaded += progress.sinceLast();
                    }
                }
            }
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("total", total);
            progress.put("downloaded", downloaded);
            entry.put("progress", progress);
            streams.add(entry);
        }
        json.put("streams", streams);
        if (status.internalLastAppliedCheckpointRequestId() != null) {
            json.put("internal_last_applied_checkpoint_request_id",
                    status.internalLastAppliedCheckpointRequestId().toString());
        }
        return json;
    }
}
