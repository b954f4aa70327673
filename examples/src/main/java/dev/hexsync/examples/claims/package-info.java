/**
 * A custom claim backend: {@link dev.hexsync.examples.claims.RegistryClaimManager} keeps claims in a registry
 * object that several databases of one JVM share, plugged in with {@code HexSync.builder().override(...)}.
 */
package dev.hexsync.examples.claims;
