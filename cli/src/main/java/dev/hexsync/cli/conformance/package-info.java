/**
 * The conformance target of the default wiring: the engine on a storage engine, driven through testkit's
 * conformance runner by {@code hexsync conformance} and the conformance and judge tests.
 */
package dev.hexsync.cli.conformance;
