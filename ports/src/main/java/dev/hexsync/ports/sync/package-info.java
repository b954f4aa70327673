/**
 * The sync engine's ports: decoding sync lines, and the engine's control interface.
 */
package dev.hexsync.ports.sync;
