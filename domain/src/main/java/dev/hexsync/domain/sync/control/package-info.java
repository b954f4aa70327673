/**
 * The engine's control interface: operation names and raw payloads in, instruction JSON out.
 */
package dev.hexsync.domain.sync.control;
