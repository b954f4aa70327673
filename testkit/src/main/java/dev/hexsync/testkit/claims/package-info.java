/**
 * The claim port's contract test ({@link dev.hexsync.testkit.claims.ClaimManagerContractTest}, whose process-local
 * half is {@link dev.hexsync.testkit.claims.ProcessLocalClaimContract}, over the shared
 * {@link dev.hexsync.testkit.claims.ClaimManagerContract}) and what it needs to test across processes:
 * {@link dev.hexsync.testkit.claims.ChildJvm}, a second JVM on the current class path that can be killed with
 * SIGKILL or frozen with SIGSTOP, and {@link dev.hexsync.testkit.claims.ClaimHolderMain}, the holder that JVM runs.
 */
package dev.hexsync.testkit.claims;
