package dev.hexsync.testkit.conformance;

/** A scenario file that is not in the oracle's format; the message says what is wrong and where. */
public class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }
}
