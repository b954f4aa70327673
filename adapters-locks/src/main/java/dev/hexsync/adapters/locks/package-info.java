/**
 * Claim managers behind {@code ports.claims}, one per reach:
 * <ul>
 *   <li>{@link dev.hexsync.adapters.locks.InJvmClaimManager}: threads of one JVM (a process-wide registry);</li>
 *   <li>{@link dev.hexsync.adapters.locks.FileLockClaimManager}: processes on one machine (OS file locks in a
 *       directory beside the database);</li>
 *   <li>{@link dev.hexsync.adapters.locks.H2ServerClaimManager}: processes on any machines that reach one H2
 *       server (claims are uncommitted rows of a live database session).</li>
 * </ul>
 * All three are hold-based: a claim ends when it is closed or when whatever the operating system or the
 * database reclaims with its process (a file descriptor, a TCP session) goes away, never on a timer. All three
 * record their claims in the one process-wide registry, so a second claim from the same JVM is refused as
 * {@link dev.hexsync.ports.claims.ClaimedInThisProcessException} before the backend is asked.
 */
package dev.hexsync.adapters.locks;
