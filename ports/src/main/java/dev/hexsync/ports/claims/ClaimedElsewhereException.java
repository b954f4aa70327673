package dev.hexsync.ports.claims;

/**
 * Another process (or, for a database backend, another database session) holds the claim. It becomes free
 * when that holder closes its claim or dies; nothing else frees it, since claims are held, not leased. Poll
 * {@link ClaimManager#isClaimed(String)} or retry later if waiting is what the caller wants.
 */
public final class ClaimedElsewhereException extends AlreadyClaimedException {
    /**
     * @param resourceId the id the call was about
     * @param holder where the claim is held, for the message: the lock file, the database; never a credential
     */
    public ClaimedElsewhereException(String resourceId, String holder) {
        super(resourceId, message(resourceId, holder));
    }

    /**
     * @param resourceId the id the call was about
     * @param holder where the claim is held, for the message
     * @param cause the backend's refusal
     */
    public ClaimedElsewhereException(String resourceId, String holder, Throwable cause) {
        super(resourceId, message(resourceId, holder), cause);
    }

    private static String message(String resourceId, String holder) {
        return "Resource " + quote(resourceId) + " is claimed by another process (" + holder + "); it becomes free"
                + " when that process closes its claim or exits";
    }
}
