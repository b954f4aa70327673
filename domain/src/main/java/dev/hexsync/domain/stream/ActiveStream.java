package dev.hexsync.domain.stream;

import java.util.Set;
import java.util.TreeSet;

/**
 * A stream subscription as the sync status reports it, with the buckets a checkpoint associated with it.
 * Mutable while a checkpoint is resolved; the status copies it.
 */
public final class ActiveStream {
    final long id;
    final String name;
    final String parameters;
    final TreeSet<String> buckets = new TreeSet<>();
    Integer priority;
    final boolean active;
    final boolean isDefault;
    final boolean hasExplicitSubscription;
    final Long expiresAt;
    Long lastSyncedAt;

    public ActiveStream(long id, String name, String parameters, boolean active, boolean isDefault,
            boolean hasExplicitSubscription, Long expiresAt, Long lastSyncedAt) {
        this.id = id;
        this.name = name;
        this.parameters = parameters;
        this.active = active;
        this.isDefault = isDefault;
        this.hasExplicitSubscription = hasExplicitSubscription;
        this.expiresAt = expiresAt;
        this.lastSyncedAt = lastSyncedAt;
    }

    private ActiveStream(ActiveStream other) {
        this(other.id, other.name, other.parameters, other.active, other.isDefault, other.hasExplicitSubscription,
                other.expiresAt, other.lastSyncedAt);
        this.buckets.addAll(other.buckets);
        this.priority = other.priority;
    }

    public ActiveStream copy() {
        return new ActiveStream(this);
    }

    /** Associates a bucket: the stream's priority becomes the lowest (largest number) of its buckets. */
    public void associate(String bucket, int bucketPriority) {
        buckets.add(bucket);
        priority = priority == null ? bucketPriority : Math.max(priority, bucketPriority);
    }

    /** Whether a (partial) sync up to {@code syncPriority} covers this stream; null means a full sync. */
    public boolean isInPriority(Integer syncPriority) {
        return syncPriority == null || (priority != null && priority <= syncPriority);
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String parameters() {
        return parameters;
    }

    public Set<String> buckets() {
        return java.util.Collections.unmodifiableSet(buckets);
    }

    public Integer priority() {
        return priority;
    }

    public boolean active() {
        return active;
    }

    public boolean isDefault() {
        return isDefault;
    }

    public boolean hasExplicitSubscription() {
        return hasExplicitSubscription;
    }

    public Long expiresAt() {
        return expiresAt;
    }

    public Long lastSyncedAt() {
        return lastSyncedAt;
    }

    public void setLastSyncedAt(Long timestamp) {
        this.lastSyncedAt = timestamp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActiveStream s && id == s.id && name.equals(s.name)
                && java.util.Objects.equals(parameters, s.parameters) && buckets.equals(s.buckets)
                && java.util.Objects.equals(priority, s.priority) && active == s.active && isDefault == s.isDefault
                && hasExplicitSubscription == s.hasExplicitSubscription
                && java.util.Objects.equals(expiresAt, s.expiresAt) && java.util.Objects.equals(lastSyncedAt, s.lastSyncedAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(id, name, parameters, buckets, priority, active, isDefault, expiresAt, lastSyncedAt);
    }
}
