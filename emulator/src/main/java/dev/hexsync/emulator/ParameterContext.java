package dev.hexsync.emulator;

import java.util.Collection;
import java.util.Map;

/**
 * What a {@link StreamDefinition.ParameterQuery} may look at when the service decides which buckets a
 * connection gets: the authenticated user, the unauthenticated connection and subscription parameters, and
 * the replicated source rows (so bucket sets follow source changes, like the service's parameter queries).
 */
public interface ParameterContext {

    /** The token's {@code sub} claim ({@code auth.user_id()} / {@code request.user_id()}). */
    String userId();

    /** The request's {@code parameters} object ({@code connection.parameter()}); empty when absent. */
    Map<String, Object> connectionParameters();

    /**
     * The explicit subscription's {@code parameters} ({@code subscription.parameter()}); empty for the default
     * subscription of a stream or a bucket definition.
     */
    Map<String, Object> subscriptionParameters();

    /** The replicated rows of a table (each including its {@code id}), in insertion order. */
    Collection<Map<String, Object>> rows(String table);

    /** One connection parameter, or null. */
    default Object connectionParameter(String name) {
        return connectionParameters().get(name);
    }

    /** One subscription parameter, or null. */
    default Object subscriptionParameter(String name) {
        return subscriptionParameters().get(name);
    }
}
