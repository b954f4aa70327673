package dev.hexsync.ports.model;

/** Why a checkpoint includes a bucket: a default stream, or one of the client's explicit subscriptions. */
public sealed interface BucketSubscriptionReason {

    /** The bucket belongs to {@code checkpoint.streams[index]}, a default stream. */
    record DefaultStream(int index) implements BucketSubscriptionReason {
    }

    /** The bucket belongs to the {@code index}-th subscription of the request. */
    record ExplicitSubscription(int index) implements BucketSubscriptionReason {
    }
}
