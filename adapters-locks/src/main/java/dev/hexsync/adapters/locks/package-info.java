/**
 * Claim managers behind {@code ports}: in-JVM, OS file locks and a database-session backend (arrive with diff triggers).
 */
package dev.hexsync.adapters.locks;
