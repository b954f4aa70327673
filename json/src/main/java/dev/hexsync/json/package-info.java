/**
 * The engine's JSON, without libraries: a strict parser, a compact writer, and the PowerSync engine's
 * {@code powersync_diff} with its exact number spelling and string escaping. JDK only; used by the domain,
 * the adapters and testkit. A library, not part of the ports contract.
 */
package dev.hexsync.json;
