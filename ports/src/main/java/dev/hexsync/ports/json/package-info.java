/**
 * Dependency-free JSON: a strict parser, a compact writer, and the PowerSync engine's
 * {@code powersync_diff} with its exact number spelling and string escaping.
 */
package dev.hexsync.ports.json;
