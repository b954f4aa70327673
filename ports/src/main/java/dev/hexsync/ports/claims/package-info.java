/**
 * Claims: who owns a resource (a managed diff trigger, a sync leader role) right now, across threads and
 * processes. {@link dev.hexsync.ports.claims.ClaimManager} hands out {@link dev.hexsync.ports.claims.Claim}s
 * that are held, never leased: a claim lasts exactly as long as its holder keeps it open or stays alive,
 * however slow or frozen that holder is, so no heartbeat can be missed and no clock can expire it.
 *
 * <p>Refusals are typed: {@link dev.hexsync.ports.claims.ClaimedInThisProcessException} (a bug in the caller:
 * this process already holds it), {@link dev.hexsync.ports.claims.ClaimedElsewhereException} (another process
 * or database session holds it), both {@link dev.hexsync.ports.claims.AlreadyClaimedException}s;
 * {@link dev.hexsync.ports.claims.InvalidResourceIdException} for an id the contract does not accept, and
 * {@link dev.hexsync.ports.claims.ClaimBackendException} when the backend could not be asked at all.
 */
package dev.hexsync.ports.claims;
