// The official PowerSync Node.js SDK (@powersync/node), kept connected to the service for the interop suite
// (dev.hexsync.bootstrap.interop) and driven by one JSON command per line on stdin. Every answer is one JSON
// line on stdout: {"id": <the command's id>, "ok": true, ...} or {"id": ..., "ok": false, "error": "..."}.
// The test reads the SDK's database file itself (same queries as compare.sh), so the script only has to keep
// syncing and do what it is told.
//
// env: PS_URL (the service), PS_TOKEN (a JWT; replace it later with the "token" command), DB (database file),
//      SDK_ACCEPT=ndjson to have the sync stream sent as NDJSON (the SDK asks for BSON first otherwise).
// The SDK never writes here: hexsync's writes reach it through Postgres and the service.
//
// commands: {"cmd":"subscribe","stream":S,"params":{...},"ttl":seconds?} waits for the stream's first sync
//           {"cmd":"unsubscribe","stream":S,"params":{...}}     releases the handles (the TTL starts)
//           {"cmd":"unsubscribeAll","stream":S,"params":{...}}  ends the subscription now
//           {"cmd":"token","token":JWT}                          credentials for the next connection
//           {"cmd":"status"}                                     the SDK's sync status
//           {"cmd":"close"}                                      disconnect, close the database, exit
import { PowerSyncDatabase, SyncStreamConnectionMethod, Schema, Table, column } from '@powersync/node';
import { createInterface } from 'node:readline';
import { rmSync, mkdirSync } from 'node:fs';
import { dirname, basename } from 'node:path';

const url = process.env.PS_URL ?? 'http://127.0.0.1:18080';
let token = process.env.PS_TOKEN;
const dbPath = process.env.DB;
if (!token || !dbPath) {
  console.error('PS_TOKEN and DB are required');
  process.exit(2);
}

// The schema of the realservice recipe's client (nodeclient/schema.mjs); hexsync's test uses the same columns.
const schema = new Schema({
  lists: new Table({ name: column.text, owner_id: column.text, created_at: column.text }),
  todos: new Table(
    { list_id: column.text, description: column.text, completed: column.integer, created_at: column.text },
    { indexes: { list: ['list_id'] } }
  )
});

for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
mkdirSync(dirname(dbPath), { recursive: true });

const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const log = (...parts) => console.error(new Date().toISOString(), ...parts);

const connector = {
  async fetchCredentials() {
    return { endpoint: url, token };
  },
  async uploadData(database) {
    // Nothing is written locally; complete whatever might be there so that it cannot block checkpoints.
    const tx = await database.getNextCrudTransaction();
    if (tx) {
      log('unexpected local write, dropping', JSON.stringify(tx.crud));
      await tx.complete();
    }
  }
};

// The SDK hard-codes its Accept header; its fetch hook is where a client may ask for NDJSON only.
const ndjsonOnly = process.env.SDK_ACCEPT === 'ndjson';
const customFetch = (resource, init) => {
  const headers = { ...(init?.headers ?? {}) };
  if (ndjsonOnly && String(headers.accept ?? '').includes('bson-stream')) headers.accept = 'application/x-ndjson';
  return fetch(resource, { ...init, headers });
};

const db = new PowerSyncDatabase({
  schema,
  database: { dbFilename: basename(dbPath), dbLocation: dirname(dbPath), implementation: { type: 'node:sqlite' } },
  remoteOptions: ndjsonOnly ? { customFetch } : undefined
});
db.registerListener({
  statusChanged: (status) => {
    const error = status.dataFlowStatus?.downloadError ?? status.dataFlowStatus?.uploadError;
    if (error) log('status error', String(error));
  }
});

const handles = new Map(); // stream key -> open SyncStreamSubscription handles
const keyOf = (command) => `${command.stream}|${JSON.stringify(command.params ?? null)}`;

async function handle(command) {
  switch (command.cmd) {
    case 'subscribe': {
      const options = command.ttl == null ? undefined : { ttl: command.ttl };
      const subscription = await db.syncStream(command.stream, command.params ?? undefined).subscribe(options);
      const key = keyOf(command);
      handles.set(key, [...(handles.get(key) ?? []), subscription]);
      await subscription.waitForFirstSync();
      return {};
    }
    case 'unsubscribe': {
      const key = keyOf(command);
      for (const subscription of handles.get(key) ?? []) subscription.unsubscribe();
      handles.delete(key);
      return {};
    }
    case 'unsubscribeAll': {
      handles.delete(keyOf(command));
      await db.syncStream(command.stream, command.params ?? undefined).unsubscribeAll();
      return {};
    }
    case 'token':
      token = command.token;
      return {};
    case 'status': {
      const status = db.currentStatus;
      return {
        connected: status.connected,
        hasSynced: status.hasSynced ?? null,
        lastSyncedAt: status.lastSyncedAt?.toISOString() ?? null,
        downloadError: status.dataFlowStatus?.downloadError ? String(status.dataFlowStatus.downloadError) : null
      };
    }
    case 'close':
      await db.disconnect();
      await db.close();
      send({ id: command.id, ok: true });
      process.exit(0);
    default:
      throw new Error('unknown command ' + command.cmd);
  }
}

const started = Date.now();
await db.connect(connector, { connectionMethod: SyncStreamConnectionMethod.HTTP });
await db.waitForFirstSync();
log(`first sync in ${Date.now() - started} ms`);
send({ event: 'synced' });

// Commands run one at a time, in order.
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  queue = queue.then(async () => {
    let command;
    try {
      command = JSON.parse(line);
      send({ id: command.id, ok: true, ...(await handle(command)) });
    } catch (error) {
      send({ id: command?.id ?? null, ok: false, error: String(error?.stack ?? error) });
    }
  });
}).on('close', async () => {
  // The test is gone: do not outlive it.
  await queue;
  try { await db.close(); } finally { process.exit(0); }
});
