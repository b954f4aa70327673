package dev.hexsync.testkit.claims;

import java.util.List;
import java.util.Objects;

/**
 * How a child JVM opens a claim manager over the same backend as the test's own: a factory class it can
 * instantiate by name and the string arguments to hand it.
 */
public record ChildManagerSpec(Class<? extends ClaimManagerFactory> factory, List<String> arguments) {
    public ChildManagerSpec {
        Objects.requireNonNull(factory, "factory");
        arguments = List.copyOf(arguments);
    }

    public static ChildManagerSpec of(Class<? extends ClaimManagerFactory> factory, String... arguments) {
        return new ChildManagerSpec(factory, List.of(arguments));
    }
}
