package dev.hexsync.json.violation;

import dev.hexsync.ports.HexSyncException;

/**
 * A deliberate breach of the dependency rule (JSON code using the ports), compiled only into the test classes
 * so that {@code DependencyRuleTest} can show the rule catching it.
 */
public final class JsonReachingIntoPorts {
    private JsonReachingIntoPorts() {
    }

    public static RuntimeException reach() {
        return new HexSyncException("json must see nothing but the JDK");
    }
}
