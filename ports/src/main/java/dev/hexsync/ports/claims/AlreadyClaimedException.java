package dev.hexsync.ports.claims;

/**
 * The resource is held by someone already, so {@link ClaimManager#claim(String)} refused it without waiting.
 * Catch this type to treat "taken" as one outcome; catch a subtype when it matters who holds it:
 * {@link ClaimedInThisProcessException} is a bug in the calling process, {@link ClaimedElsewhereException} is
 * ordinary contention with another process.
 */
public abstract sealed class AlreadyClaimedException extends ClaimException
        permits ClaimedInThisProcessException, ClaimedElsewhereException {
    /**
     * @param resourceId the id the call was about
     * @param message who holds it
     */
    protected AlreadyClaimedException(String resourceId, String message) {
        super(resourceId, message);
    }

    /**
     * @param resourceId the id the call was about
     * @param message who holds it
     * @param cause the backend's refusal
     */
    protected AlreadyClaimedException(String resourceId, String message, Throwable cause) {
        super(resourceId, message, cause);
    }
}
