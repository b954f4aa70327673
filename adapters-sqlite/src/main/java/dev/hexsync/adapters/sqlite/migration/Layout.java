package dev.hexsync.adapters.sqlite.migration;

import java.util.List;

/**
 * The internal tables of the PowerSync layout at schema version {@value Migrations#CURRENT}, with the same
 * definitions the engine leaves in {@code sqlite_master}, so the file is interchangeable with it.
 */
final class Layout {
    private Layout() {
    }

    static final List<String> STATEMENTS = List.of(
            "CREATE TABLE ps_migration(id INTEGER PRIMARY KEY, down_migrations TEXT)",
            "CREATE TABLE ps_buckets(\n"
                    + "  id INTEGER PRIMARY KEY,\n"
                    + "  name TEXT NOT NULL,\n"
                    + "  last_applied_op INTEGER NOT NULL DEFAULT 0,\n"
                    + "  last_op INTEGER NOT NULL DEFAULT 0,\n"
                    + "  add_checksum INTEGER NOT NULL DEFAULT 0,\n"
                    + "  op_checksum INTEGER NOT NULL DEFAULT 0,\n"
                    + "  pending_delete INTEGER NOT NULL DEFAULT 0\n"
                    + ", count_at_last INTEGER NOT NULL DEFAULT 0, count_since_last INTEGER NOT NULL DEFAULT 0,"
                    + " downloaded_size INTEGER NOT NULL DEFAULT 0) STRICT",
            "CREATE UNIQUE INDEX ps_buckets_name ON ps_buckets (name)",
            "CREATE TABLE ps_oplog(\n"
                    + "  bucket INTEGER NOT NULL,\n"
                    + "  op_id INTEGER NOT NULL,\n"
                    + "  row_type TEXT,\n"
                    + "  row_id TEXT,\n"
                    + "  key TEXT,\n"
                    + "  data TEXT,\n"
                    + "  hash INTEGER NOT NULL) STRICT",
            "CREATE INDEX ps_oplog_row ON ps_oplog (row_type, row_id)",
            "CREATE INDEX ps_oplog_opid ON ps_oplog (bucket, op_id)",
            "CREATE INDEX ps_oplog_key ON ps_oplog (bucket, key)",
            "CREATE TABLE ps_updated_rows(\n"
                    + "  row_type TEXT,\n"
                    + "  row_id TEXT,\n"
                    + "  PRIMARY KEY(row_type, row_id)) STRICT, WITHOUT ROWID",
            "CREATE TABLE ps_untyped(type TEXT NOT NULL, id TEXT NOT NULL, data TEXT, PRIMARY KEY (type, id))",
            "CREATE TABLE ps_crud (id INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT, tx_id INTEGER)",
            "CREATE TABLE ps_tx(id INTEGER PRIMARY KEY NOT NULL, current_tx INTEGER, next_tx INTEGER)",
            "INSERT INTO ps_tx(id, current_tx, next_tx) VALUES(1, NULL, 1)",
            "CREATE TABLE ps_kv(key TEXT PRIMARY KEY NOT NULL, value BLOB)",
            "CREATE TABLE ps_sync_state (\n"
                    + "  priority INTEGER NOT NULL PRIMARY KEY,\n"
                    + "  last_synced_at INTEGER NOT NULL\n"
                    + ") STRICT",
            "CREATE TABLE ps_stream_subscriptions (\n"
                    + "  id INTEGER NOT NULL PRIMARY KEY,\n"
                    + "  stream_name TEXT NOT NULL,\n"
                    + "  active INTEGER NOT NULL DEFAULT FALSE,\n"
                    + "  is_default INTEGER NOT NULL DEFAULT FALSE,\n"
                    + "  local_priority INTEGER,\n"
                    + "  local_params TEXT NOT NULL DEFAULT 'null',\n"
                    + "  ttl INTEGER,\n"
                    + "  expires_at INTEGER,\n"
                    + "  last_synced_at INTEGER,\n"
                    + "  UNIQUE (stream_name, local_params)\n"
                    + ") STRICT");
}
