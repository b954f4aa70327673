/**
 * The sync session, sans-I/O: events in, instructions out; plus the engine's control interface.
 */
package dev.hexsync.domain.sync;
