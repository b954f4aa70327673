package dev.hexsync.adapters.violation;

import dev.hexsync.domain.database.LocalDatabase;

/**
 * A deliberate breach of the dependency rule (an adapter using the domain), compiled only into the test
 * classes so that {@code DependencyRuleTest} can show the rule catching it.
 */
public final class AdapterReachingIntoDomain {
    private AdapterReachingIntoDomain() {
    }

    public static Class<?> reach() {
        return LocalDatabase.class;
    }
}
