/**
 * The PowerSync schema JSON form ({@code {"tables": [...], "raw_tables": [...]}}): the {@code ports.schema}
 * types read from and written to the JSON the SDKs hand to the engine, which scenario files, schema files and
 * {@code powersync_control} start payloads carry. Needs both the ports and the {@code json} engine, so it sits
 * in a module of its own beside them (both are JDK only and see neither each other).
 */
package dev.hexsync.schema.json;
