package dev.hexsync.testkit.claims;

import dev.hexsync.ports.claims.ClaimManager;
import java.util.List;

/**
 * Builds a claim manager inside a child JVM ({@link ClaimHolderMain}), from plain string arguments, so that
 * the child claims on the same backend as the test: the same lock directory, the same database server.
 * Implementations need a no-argument constructor; they live in the adapter's test sources.
 */
public interface ClaimManagerFactory {
    /** A manager over the backend {@code arguments} name (as given in {@link ChildManagerSpec#arguments()}). */
    ClaimManager open(List<String> arguments);
}
