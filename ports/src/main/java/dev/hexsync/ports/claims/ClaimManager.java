package dev.hexsync.ports.claims;

/**
 * Hands out {@link Claim}s on resource ids and answers whether an id is claimed. This is the port behind
 * managed diff triggers: a trigger's owner claims its id for as long as the trigger is live, and the sweep
 * drops persisted triggers whose id nobody claims. Implementations: in-JVM, OS file locks (cross-process on
 * one machine), database sessions (cross-process across machines); each passes the testkit's
 * {@code ClaimManagerContractTest}.
 *
 * <h2>Hold-based</h2>
 * A claim lasts while its holder keeps it: never a lease, never a heartbeat. It ends when closed or when the
 * holding process dies (even by SIGKILL), because the backend ties it to something the operating system or
 * the database server reclaims with the process: a map entry, a file lock, a session.
 *
 * <h2>Fail fast, no {@code tryClaim}</h2>
 * {@link #claim(String)} never waits: it returns a held claim or throws an {@link AlreadyClaimedException}.
 * Waiting would make the caller's progress depend on another holder's, which with hold-based claims may be
 * frozen for ever, and a bounded wait would smuggle back the timeout that holds exist to avoid. There is no
 * {@code Optional<Claim> tryClaim}: its empty answer would blur two refusals that mean opposite things,
 * {@link ClaimedInThisProcessException} (a bug in this process) and {@link ClaimedElsewhereException}
 * (ordinary contention), and a caller expecting contention catches the latter in one line.
 *
 * <h2>Resource ids</h2>
 * Any string accepted by {@link #requireValidResourceId(String)}: 1 to {@value #MAX_RESOURCE_ID_LENGTH}
 * UTF-16 chars, no control characters, no unpaired surrogates; compared exactly (case-sensitive). Backends map
 * ids to their own namespaces safely (the file backend hashes them into file names), so callers never
 * escape anything.
 *
 * <p>Implementations are thread-safe.
 */
public interface ClaimManager {
    /** The longest resource id accepted, in UTF-16 chars; long enough for a table name plus a UUID. */
    int MAX_RESOURCE_ID_LENGTH = 255;

    /**
     * Claims {@code resourceId} for the caller, without waiting.
     *
     * @param resourceId the id to claim
     * @return a held claim; close it to release
     * @throws ClaimedInThisProcessException if this process already holds it (the message names the id)
     * @throws ClaimedElsewhereException if another process or database session holds it
     * @throws InvalidResourceIdException if the id breaks the rules of {@link #requireValidResourceId(String)}
     * @throws ClaimBackendException if the backend could not be asked; nothing is held then
     */
    Claim claim(String resourceId);

    /**
     * Whether anyone, this process included, holds a claim on {@code resourceId} right now. The probe never
     * takes the claim for longer than the call itself: a claim attempted after it returns is not refused
     * because of it, and a claim attempted in this process while it runs is not refused either.
     *
     * @param resourceId the id to probe
     * @return whether a claim on it is held now
     * @throws InvalidResourceIdException if the id breaks the rules of {@link #requireValidResourceId(String)}
     * @throws ClaimBackendException if the backend could not be asked
     */
    boolean isClaimed(String resourceId);

    /**
     * Checks the resource id rules every implementation enforces before touching its backend, so an id valid
     * for one backend is valid for all of them: not null, 1 to {@value #MAX_RESOURCE_ID_LENGTH} chars, no ISO
     * control characters (they would corrupt file names, log lines and error messages), no unpaired
     * surrogates (an id must have exactly one UTF-8 encoding, which backends hash or store).
     *
     * @param resourceId the id to check
     * @return {@code resourceId}, for use in expressions
     * @throws InvalidResourceIdException naming the broken rule
     */
    static String requireValidResourceId(String resourceId) {
        if (resourceId == null) {
            throw new InvalidResourceIdException(null, "must not be null");
        }
        if (resourceId.isEmpty()) {
            throw new InvalidResourceIdException(resourceId, "must not be empty");
        }
        if (resourceId.length() > MAX_RESOURCE_ID_LENGTH) {
            throw new InvalidResourceIdException(resourceId,
                    "is " + resourceId.length() + " chars long; at most " + MAX_RESOURCE_ID_LENGTH + " are allowed");
        }
        for (int i = 0; i < resourceId.length(); i++) {
            char c = resourceId.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidResourceIdException(resourceId, "contains a control character at index " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < resourceId.length()
                    && Character.isLowSurrogate(resourceId.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidResourceIdException(resourceId, "contains an unpaired surrogate at index " + i);
            }
        }
        return resourceId;
    }
}
