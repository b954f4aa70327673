/**
 * Storage behind {@code ports}: SQLite through sqlite-jdbc, in the PowerSync on-disk layout.
 */
package dev.hexsync.adapters.sqlite;
