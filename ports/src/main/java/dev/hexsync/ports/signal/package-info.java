/**
 * The cross-process change signal: processes sharing one database file tell each other that they committed.
 */
package dev.hexsync.ports.signal;
