/**
 * The SQL functions hexsync registers on its SQLite connections in place of the PowerSync engine's native
 * ones. {@link dev.hexsync.adapters.sqlite.functions.SqlFunctions} holds what the generated views and triggers
 * call ({@code powersync_diff}, {@code powersync_strip_subtype}, {@code powersync_json_merge}, {@code uuid},
 * {@code powersync_create_raw_table_crud_trigger}, and hexsync's own capture helpers with their per-connection,
 * per-transaction state); {@link dev.hexsync.adapters.sqlite.functions.ClockFunctions} replaces
 * {@code unixepoch} with one that reads a given clock (virtual time). Each function is an
 * {@link dev.hexsync.adapters.sqlite.functions.EngineFunction} that fails with the engine's words
 * ({@link dev.hexsync.adapters.sqlite.functions.FunctionError}); since the driver can only fail a function with
 * SQLITE_ERROR, {@link dev.hexsync.adapters.sqlite.functions.FunctionErrors} keeps the engine's error forms
 * and maps them back to the engine's result codes.
 */
package dev.hexsync.adapters.sqlite.functions;
