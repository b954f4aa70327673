package dev.hexsync.ports.claims;

/**
 * Ownership of one resource id, held from {@link ClaimManager#claim(String)} until {@link #close()} or until
 * the holding process dies, whichever comes first. There is no lease: a holder paused by a debugger, a long
 * GC or a stopped process keeps its claim, and no background thread renews anything.
 *
 * <p>Use it with try-with-resources or keep it for the lifetime of the thing it protects. {@code close()} may
 * be called from any thread and any number of times; only the first call releases, and closing an old claim
 * never releases a newer claim on the same id.
 */
public interface Claim extends AutoCloseable {
    /**
     * The id this claim holds.
     *
     * @return the id as passed to {@link ClaimManager#claim(String)}
     */
    String resourceId();

    /**
     * Whether this claim is still held: true until {@link #close()}, and for a backend whose claims live in a
     * remote session (a database server), false once that session is found lost, for then another process
     * may already own the resource. Backends whose claims die only with this process answer locally.
     *
     * @return whether the claim is still held
     */
    boolean isHeld();

    /**
     * Releases the claim. Idempotent. Throws {@link ClaimBackendException} only when the backend could not
     * confirm the release; even then the claim object is spent, and the backend frees the resource when the
     * underlying handle (file, session) goes away.
     */
    @Override
    void close();
}
