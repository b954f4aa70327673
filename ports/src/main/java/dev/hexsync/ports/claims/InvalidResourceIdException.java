package dev.hexsync.ports.claims;

/**
 * The resource id breaks the rules of {@link ClaimManager#requireValidResourceId(String)}. Nothing was
 * claimed or probed. The message says which rule.
 */
public final class InvalidResourceIdException extends ClaimException {
    /**
     * @param resourceId the id the call was about
     * @param rule the rule it breaks, for the message
     */
    public InvalidResourceIdException(String resourceId, String rule) {
        super(resourceId, "Invalid claim resource id " + quote(resourceId) + ": " + rule);
    }
}
