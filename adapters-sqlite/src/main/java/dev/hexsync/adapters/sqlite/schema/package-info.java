/**
 * The SQL generated from an application schema, spelled as the PowerSync engine spells it.
 * {@link dev.hexsync.adapters.sqlite.schema.TableSql} renders one table's JSON row table, typed view, INSTEAD
 * OF triggers and indexes; {@link dev.hexsync.adapters.sqlite.schema.Capture} how those triggers hand a change
 * to the upload queue (the engine's virtual-table text, or the inline SQL hexsync installs), with
 * {@code CaptureJson} building the entry JSON in SQL where SQLite spells it as the engine does;
 * {@link dev.hexsync.adapters.sqlite.schema.SchemaApplier} makes a database match a schema as
 * {@code powersync_replace_schema} does. Raw tables get the engine's capture trigger helper
 * ({@link dev.hexsync.adapters.sqlite.schema.RawTableTriggers}) and writable stand-ins for its capture virtual
 * tables ({@code RawTableCapture}); {@link dev.hexsync.adapters.sqlite.schema.DiffTriggerSql} is the SQL of
 * diff triggers; {@link dev.hexsync.adapters.sqlite.schema.SqlIdentifiers} quotes identifiers for the rest of
 * the adapter.
 */
package dev.hexsync.adapters.sqlite.schema;
