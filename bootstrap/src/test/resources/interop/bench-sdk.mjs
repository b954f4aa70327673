// One first sync by the official PowerSync Node.js SDK, timed, for the real-service benchmark
// (dev.hexsync.bootstrap.interop.RealServiceBenchmark). Prints one JSON line on stdout:
// {"ms": <from new PowerSyncDatabase(...) to waitForFirstSync()>, "maxRssKb": <peak RSS of this process>, ...}
// env: PS_URL, PS_TOKEN, DB (a fresh database file).
import { PowerSyncDatabase, SyncStreamConnectionMethod, Schema, Table, column } from '@powersync/node';
import { rmSync } from 'node:fs';
import { dirname, basename } from 'node:path';

const dbPath = process.env.DB;
for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
const schema = new Schema({
  lists: new Table({ name: column.text, owner_id: column.text, created_at: column.text }),
  todos: new Table(
    { list_id: column.text, description: column.text, completed: column.integer, created_at: column.text },
    { indexes: { list: ['list_id'] } }
  )
});
const rssAtStart = process.resourceUsage().maxRSS;
const started = performance.now();
const db = new PowerSyncDatabase({
  schema,
  database: { dbFilename: basename(dbPath), dbLocation: dirname(dbPath), implementation: { type: 'node:sqlite' } }
});
await db.connect(
  { fetchCredentials: async () => ({ endpoint: process.env.PS_URL, token: process.env.PS_TOKEN }), uploadData: async () => {} },
  { connectionMethod: SyncStreamConnectionMethod.HTTP }
);
await db.waitForFirstSync();
const ms = performance.now() - started;
const todos = (await db.get('SELECT count(*) AS n FROM todos')).n;
process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, rssAtStartKb: rssAtStart, todos }) + '\n');
await db.disconnect();
await db.close();
process.exit(0);
