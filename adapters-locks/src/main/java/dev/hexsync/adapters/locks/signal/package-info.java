/**
 * Cross-process change signals behind {@code ports.signal}: a memory-mapped counter file beside the database.
 */
package dev.hexsync.adapters.locks.signal;
