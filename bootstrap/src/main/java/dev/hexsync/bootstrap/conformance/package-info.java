/**
 * The conformance target of the default wiring.
 */
package dev.hexsync.bootstrap.conformance;
