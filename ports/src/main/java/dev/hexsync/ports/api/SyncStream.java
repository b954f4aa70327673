package dev.hexsync.ports.api;

import java.util.Map;

/** A sync stream with given parameters: subscribe to have its data synced. */
public interface SyncStream {

    String name();

    /** The parameters as canonical JSON text, or null without parameters. */
    String parameters();

    /**
     * Subscribes: the stream is requested from the service while any handle of it is open, and for the TTL
     * after the last one closed. Subscribing again refreshes the expiry and keeps the stronger priority.
     */
    SyncStreamSubscription subscribe(SubscribeOptions options);

    default SyncStreamSubscription subscribe() {
        return subscribe(SubscribeOptions.DEFAULT);
    }

    /** Ends the subscription at once, for every handle, without waiting for the TTL. */
    void unsubscribeAll();

    /** The parameters as given. */
    Map<String, Object> parameterValues();
}
