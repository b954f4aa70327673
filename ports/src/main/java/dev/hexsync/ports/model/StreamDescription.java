package dev.hexsync.ports.model;

import java.util.List;
import java.util.Objects;

/**
 * A stream as a checkpoint describes it.
 *
 * @param name the stream name
 * @param isDefault whether clients are subscribed to it without asking
 * @param errors subscriptions to it the service could not resolve
 */
public record StreamDescription(String name, boolean isDefault, List<StreamSubscriptionError> errors) {
    public StreamDescription {
        Objects.requireNonNull(name, "name is null");
        errors = List.copyOf(errors);
    }

    /**
     * A subscription the service could not resolve.
     *
     * @param subscription null for the default subscription, else the index of the request's subscription
     * @param message the service's explanation
     */
    public record StreamSubscriptionError(Integer subscription, String message) {
        public StreamSubscriptionError {
            Objects.requireNonNull(message, "message is null");
        }

        public boolean isDefault() {
            return subscription == null;
        }
    }
}
