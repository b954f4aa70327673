package dev.hexsync.testkit.storage;

import dev.hexsync.ports.storage.StorageException;
import dev.hexsync.ports.storage.sync.KeyValueStore;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** {@code ps_kv} and {@code ps_sync_state} of an {@link InMemorySyncStorage}. */
final class InMemoryKeyValueStore implements KeyValueStore {
    private final InMemorySyncStorage state;

    InMemoryKeyValueStore(InMemorySyncStorage state) {
        this.state = state;
    }

    @Override
    public OptionalLong readLong(String key) {
        Object value = state.kv.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(asInteger(value));
    }

    @Override
    public void writeLong(String key, long value) {
        state.kv.put(key, value);
    }

    @Override
    public void delete(String key) {
        state.kv.remove(key);
    }

    @Override
    public long increment(String key) {
        Object value = state.kv.get(key);
        long next = value == null ? 1 : asInteger(value) + 1;
        state.kv.put(key, next);
        return next;
    }

    @Override
    public String clientId() {
        Object id = state.kv.get(InMemorySyncStorage.CLIENT_ID_KEY);
        if (id == null) {
            throw new StorageException("ps_kv has no client_id");
        }
        return id.toString();
    }

    @Override
    public void markSynced(int priority, long timestampMicros) {
        state.syncStates.headMap(priority, false).clear();
        state.syncStates.put(priority, timestampMicros);
    }

    @Override
    public Map<Integer, Long> syncStates() {
        return Collections.unmodifiableMap(new TreeMap<>(state.syncStates));
    }

    /** {@code CAST(value AS INTEGER)}: the leading integer of a text, else 0. */
    private static long asInteger(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        String text = value.toString().strip();
        int end = 0;
        if (end < text.length() && (text.charAt(end) == '-' || text.charAt(end) == '+')) {
            end++;
        }
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        try {
            return Long.parseLong(text.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
