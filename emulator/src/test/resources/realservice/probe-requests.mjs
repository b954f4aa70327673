// Sends each request case below to a real PowerSync Service and records what it answered, as the
// requests.json fixture that RealServiceRequestsTest replays against the emulator.
// usage: node probe-requests.mjs SECRET_FILE > requests.json   (service on 127.0.0.1:18080, key id local-hs256,
// audience powersync-local; see the realservice recipe). Token times are offsets in seconds from now.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const secret = Buffer.from(readFileSync(process.argv[2], 'utf8').trim(), 'base64url');
const base = process.env.PS_URL ?? 'http://127.0.0.1:18080';
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const H = { alg: 'HS256', typ: 'JWT', kid: 'local-hs256' };
const P = { sub: 'user1', aud: 'powersync-local', iat: 0, exp: 3600 };
const without = (o, k) => { const c = { ...o }; delete c[k]; return c; };
const S = (o = {}) => ({ buckets: [], include_checksum: true, raw_data: true, binary_data: false, client_id: 'probe',
  parameters: {}, streams: { include_defaults: true, subscriptions: [] }, ...o });
const sub = (o) => S({ streams: { include_defaults: true, subscriptions: [{ stream: 'list_todos', parameters: null, override_priority: null, ...o }] } });

function mint(token) {
  if (token === null) return null;
  if (token.raw !== undefined) return `Token ${token.raw}`;
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...token.claims };
  for (const k of ['iat', 'exp', 'nbf']) if (typeof claims[k] === 'number') claims[k] += now;
  const unsigned = `${b64(token.header)}.${b64(claims)}`;
  if (token.unsigned) return `${token.scheme ?? 'Token'} ${unsigned}.`;
  const key = token.wrongKey ? Buffer.from('not-the-key') : secret;
  return `${token.scheme ?? 'Token'} ${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

const T = (claims = P, extra = {}) => ({ header: H, claims, ...extra });
const cases = [
  ['stream-ok', 'POST', '/sync/stream', S()],
  ['stream-parameters-null', 'POST', '/sync/stream', S({ parameters: null })],
  ['stream-parameters-absent', 'POST', '/sync/stream', without(S(), 'parameters')],
  ['stream-parameters-array', 'POST', '/sync/stream', S({ parameters: [] })],
  ['stream-parameters-string', 'POST', '/sync/stream', S({ parameters: 'x' })],
  ['stream-buckets-null', 'POST', '/sync/stream', S({ buckets: null })],
  ['stream-buckets-object', 'POST', '/sync/stream', S({ buckets: {} })],
  ['stream-bucket-after-number', 'POST', '/sync/stream', S({ buckets: [{ name: 'a', after: 5 }] })],
  ['stream-bucket-without-after', 'POST', '/sync/stream', S({ buckets: [{ name: 'a' }] })],
  ['stream-bucket-without-name-and-after', 'POST', '/sync/stream', S({ buckets: [{}] })],
  ['stream-include-checksum-string', 'POST', '/sync/stream', S({ include_checksum: 'yes' })],
  ['stream-raw-data-null', 'POST', '/sync/stream', S({ raw_data: null })],
  ['stream-binary-data-string', 'POST', '/sync/stream', S({ binary_data: 'x' })],
  ['stream-only-strings', 'POST', '/sync/stream', S({ only: [1] })],
  ['stream-client-id-null', 'POST', '/sync/stream', S({ client_id: null })],
  ['stream-client-id-number', 'POST', '/sync/stream', S({ client_id: 5 })],
  ['stream-app-metadata-number-value', 'POST', '/sync/stream', S({ app_metadata: { a: 1 } })],
  ['stream-app-metadata-null', 'POST', '/sync/stream', S({ app_metadata: null })],
  ['stream-app-metadata-strings', 'POST', '/sync/stream', S({ app_metadata: { a: 'b' } })],
  ['stream-streams-null', 'POST', '/sync/stream', S({ streams: null })],
  ['stream-streams-without-subscriptions', 'POST', '/sync/stream', S({ streams: { include_defaults: true } })],
  ['stream-include-defaults-null', 'POST', '/sync/stream', S({ streams: { include_defaults: null, subscriptions: [] } })],
  ['stream-subscription-without-parameters', 'POST', '/sync/stream', S({ streams: { subscriptions: [{ stream: 'list_todos', override_priority: null }] } })],
  ['stream-subscription-without-override-priority', 'POST', '/sync/stream', S({ streams: { subscriptions: [{ stream: 'list_todos', parameters: null }] } })],
  ['stream-subscription-parameters-array', 'POST', '/sync/stream', sub({ parameters: [] })],
  ['stream-subscription-parameters-object', 'POST', '/sync/stream', sub({ parameters: { list_id: 'list-002' } })],
  ['stream-subscription-priority-7', 'POST', '/sync/stream', sub({ override_priority: 7 })],
  ['stream-subscription-priority-string', 'POST', '/sync/stream', sub({ override_priority: '1' })],
  ['stream-subscription-stream-number', 'POST', '/sync/stream', sub({ stream: 5 })],
  ['stream-two-errors', 'POST', '/sync/stream', S({ parameters: null, client_id: 5 })],
  ['stream-body-not-json', 'POST', '/sync/stream', { text: '{nope' }],
  ['stream-body-empty', 'POST', '/sync/stream', { text: '' }],
  ['stream-invalid-body-without-token', 'POST', '/sync/stream', S({ parameters: null }), null],
  ['stream-without-token', 'POST', '/sync/stream', S(), null],
  ['stream-bearer-scheme', 'POST', '/sync/stream', S(), T(P, { scheme: 'Bearer' })],
  ['stream-token-not-a-jwt', 'POST', '/sync/stream', S(), { raw: 'abc' }],
  ['stream-token-bad-signature', 'POST', '/sync/stream', S(), T(P, { wrongKey: true })],
  ['stream-token-without-kid', 'POST', '/sync/stream', S(), { header: { alg: 'HS256', typ: 'JWT' }, claims: P }],
  ['stream-token-unknown-kid', 'POST', '/sync/stream', S(), { header: { ...H, kid: 'other' }, claims: P }],
  ['stream-token-alg-none', 'POST', '/sync/stream', S(), { header: { alg: 'none', kid: 'local-hs256' }, claims: P, unsigned: true }],
  ['stream-token-without-sub', 'POST', '/sync/stream', S(), T(without(P, 'sub'))],
  ['stream-token-numeric-sub', 'POST', '/sync/stream', S(), T({ ...P, sub: 5 })],
  ['stream-token-without-iat', 'POST', '/sync/stream', S(), T(without(P, 'iat'))],
  ['stream-token-without-exp', 'POST', '/sync/stream', S(), T(without(P, 'exp'))],
  ['stream-token-without-aud', 'POST', '/sync/stream', S(), T(without(P, 'aud'))],
  ['stream-token-aud-array', 'POST', '/sync/stream', S(), T({ ...P, aud: ['x', 'powersync-local'] })],
  ['stream-token-wrong-aud', 'POST', '/sync/stream', S(), T({ ...P, aud: 'wrong-aud' })],
  ['stream-token-expired-an-hour-ago', 'POST', '/sync/stream', S(), T({ ...P, iat: -7200, exp: -3600 })],
  ['stream-token-expired-within-skew', 'POST', '/sync/stream', S(), T({ ...P, iat: -7200, exp: -30 })],
  ['stream-token-lifetime-too-long', 'POST', '/sync/stream', S(), T({ ...P, exp: 90000 })],
  ['stream-token-issued-in-future', 'POST', '/sync/stream', S(), T({ ...P, iat: 600 })],
  ['stream-token-not-yet-valid', 'POST', '/sync/stream', S(), T({ ...P, nbf: 600 })],
  ['write-checkpoint-ok', 'GET', '/write-checkpoint2.json?client_id=probe'],
  ['write-checkpoint-without-client-id', 'GET', '/write-checkpoint2.json'],
  ['write-checkpoint-expired-token', 'GET', '/write-checkpoint2.json?client_id=probe', undefined, T({ ...P, iat: -7200, exp: -3600 })],
  ['write-checkpoint-without-token', 'GET', '/write-checkpoint2.json?client_id=probe', undefined, null],
  ['checkpoint-request-ok', 'POST', '/sync/checkpoint-request', { client_id: 'probe', checkpoint_request_id: 1 }],
  ['checkpoint-request-id-as-string', 'POST', '/sync/checkpoint-request', { client_id: 'probe', checkpoint_request_id: '2' }],
  ['checkpoint-request-id-zero', 'POST', '/sync/checkpoint-request', { client_id: 'probe', checkpoint_request_id: 0 }],
  ['checkpoint-request-id-negative', 'POST', '/sync/checkpoint-request', { client_id: 'probe', checkpoint_request_id: -1 }],
  ['checkpoint-request-id-fraction', 'POST', '/sync/checkpoint-request', { client_id: 'probe', checkpoint_request_id: 1.5 }],
  ['checkpoint-request-id-text', 'POST', '/sync/checkpoint-request', { client_id: 'probe', checkpoint_request_id: 'abc' }],
  ['checkpoint-request-id-above-int64', 'POST', '/sync/checkpoint-request', { client_id: 'probe', checkpoint_request_id: '9223372036854775808' }],
  ['checkpoint-request-without-id', 'POST', '/sync/checkpoint-request', { client_id: 'probe' }],
  ['checkpoint-request-without-client-id', 'POST', '/sync/checkpoint-request', { checkpoint_request_id: 3 }],
  ['checkpoint-request-empty-object', 'POST', '/sync/checkpoint-request', {}],
  ['checkpoint-request-client-id-null', 'POST', '/sync/checkpoint-request', { client_id: null, checkpoint_request_id: 3 }],
  ['checkpoint-request-expired-token', 'POST', '/sync/checkpoint-request', { client_id: 'probe', checkpoint_request_id: 4 }, T({ ...P, iat: -7200, exp: -3600 })],
  ['checkpoint-request-invalid-body-without-token', 'POST', '/sync/checkpoint-request', { client_id: 'probe' }, null],
  ['unknown-route', 'GET', '/nope'],
];

const out = [];
for (const [name, method, path, body, token = T()] of cases) {
  const headers = {};
  const authorization = mint(token);
  if (authorization) headers.Authorization = authorization;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = body.text !== undefined ? body.text : JSON.stringify(body);
  }
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), 3000);
  const r = await fetch(base + path, { method, headers, body: payload, signal: ctl.signal });
  let text = '';
  const reader = r.body.getReader();
  try {
    while (!text.includes('\n') || r.status !== 200 || !r.headers.get('content-type').includes('ndjson')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
    }
  } catch (e) { /* aborted */ }
  ctl.abort();
  clearTimeout(timer);
  const firstLine = text.split('\n')[0];
  const response = { status: r.status, contentType: r.headers.get('content-type'), body: firstLine ? JSON.parse(firstLine) : null };
  if (response.body?.error?.stack) delete response.body.error.stack;
  const request = { method, path };
  if (token !== null) request.token = token;
  if (body !== undefined) request[body.text !== undefined ? 'bodyText' : 'body'] = body.text !== undefined ? body.text : body;
  out.push({ name, request, response });
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
