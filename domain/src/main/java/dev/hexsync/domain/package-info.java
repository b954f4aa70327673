/**
 * The engine: every rule of local storage and sync, behind ports, with no I/O of its own.
 */
package dev.hexsync.domain;
