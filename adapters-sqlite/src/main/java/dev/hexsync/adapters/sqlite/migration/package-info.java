/**
 * The PowerSync on-disk layout and its version ladder. {@code Layout} holds the internal tables
 * ({@code ps_migration}, {@code ps_buckets}, {@code ps_oplog}, ...) at the current version with the engine's
 * exact definitions; {@link dev.hexsync.adapters.sqlite.migration.Migrations} creates them on a new database,
 * upgrades an older one step by step ({@code Migration}s, recorded in {@code ps_migration} without
 * down-migrations), and refuses a database too old to upgrade or newer than it knows.
 */
package dev.hexsync.adapters.sqlite.migration;
