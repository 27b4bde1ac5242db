/**
 * Fuzzing the wire and the control API: 10 000 generated requests
 * over real sockets to the loopback server — well-formed ones through undici,
 * malformed bytes on raw connections — with fault plans and clock moves that
 * are often invalid (CR/LF and U+0100 in header values, huge and negative
 * clock steps, deep JSON, hostile globs). No answer may be a 5xx, none may
 * hang, the server keeps answering, and its memory stays bounded.
 */
import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pool } from 'undici';
import { createMockAws, startMockServer } from '../src/index.js';
import type { MockServer } from '../src/index.js';

const BATCH = 50;
const RUNS = 200; // 200 batches x 50 = 10 000 requests
/**
 * Live heap growth allowed across the run, measured after a full collection:
 * the journal's byte budget (32 MiB of estimated entry size) plus slack (a
 * run grows it by ~6 MB). RSS
 * was measured before and flaked on Node 24 (210 MB of a 200 MB limit): it
 * counts garbage not yet collected and fast-check's own data. The failure
 * this guards against kept every client name verbatim: 2.6 GB.
 */
const HEAP_GROWTH_LIMIT_BYTES = 64 * 1024 * 1024;

/** A full collection, from the test itself: vitest's workers run without --expose-gc. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const liveHeap = (): number => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

let server: MockServer;
let pool: Pool;
beforeAll(async () => {
  server = await startMockServer(createMockAws({}, { clockMode: 'real' }), { port: 0, timeouts: { requestMs: 300, headersMs: 150, checkIntervalMs: 25 } });
  pool = new Pool(server.url, { connections: 8, headersTimeout: 5000, bodyTimeout: 5000 });
});
afterAll(async () => {
  await pool.close();
  await server.close();
});

const TOKEN_CHARS = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!#$%&\'*+^`|~');
const headerName = fc.array(TOKEN_CHARS, { minLength: 1, maxLength: 20 }).map((cs) => cs.join(''));
/** Header values undici will send: visible ASCII and spaces inside. */
const safeValue = fc.string({ unit: fc.constantFrom(...' abcXYZ019/=:;,."\'{}[]*?\t'.split('')), maxLength: 40 }).map((v) => v.trim());
/** Header values for fault rules: anything, CR/LF and U+0100 included. */
const anyValue = fc.oneof(safeValue, fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('a\r\nb', 'caf\u0100', '\u0000', ' lead', 'trail '));

const glob = fc.oneof(
  fc.constantFrom('/latest/**', '/latest/meta-data/*', '/*', '/**', `/${'*a'.repeat(20)}!`, '/latest/meta-data/?mi-id', 'no-slash', ''),
  fc.array(fc.constantFrom('/', '*', '**', '?', 'a', 'latest', 'meta-data'), { maxLength: 30 }).map((p) => p.join('')),
);

const rule = fc.record(
  {
    service: fc.oneof(fc.constantFrom('imds', 'sts', 'container'), fc.anything()),
    path: glob,
    client: fc.oneof(fc.constant('fuzz'), fc.string({ maxLength: 300 })),
    // 4xx only: an injected 5xx would be the plan's doing, not a failure of the mock.
    status: fc.oneof(fc.integer({ min: 400, max: 499 }), fc.constantFrom(99, 600, 'x', null)),
    latencyMs: fc.integer({ min: 0, max: 3 }),
    times: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.double()),
    probability: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.double()),
    headers: fc.dictionary(fc.oneof(headerName, fc.string({ maxLength: 10 })), anyValue, { maxKeys: 3 }),
    from: fc.oneof(fc.nat(), fc.string({ maxLength: 30 })),
    extra: fc.anything({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);
const faultPlan = fc.oneof(
  fc.record({ seed: fc.oneof(fc.nat(), fc.double()), rules: fc.array(rule, { maxLength: 4 }) }, { requiredKeys: ['rules'] }).map((p) => JSON.stringify(p)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.integer({ min: 1, max: 200 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
  fc.string({ maxLength: 50 }),
);
const clockMove = fc.oneof(
  fc.record({ advanceMs: fc.oneof(fc.double(), fc.constantFrom(8.64e15, 1e300, -1, 0, 1000)) }).map((v) => JSON.stringify(v)),
  fc.record({ set: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', '2030-01-01T00:00:00Z')) }).map((v) => JSON.stringify(v)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);

interface WireRequest {
  readonly kind: 'http';
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}
interface RawRequest {
  readonly kind: 'raw';
  readonly bytes: string;
}

const path = fc.oneof(
  fc.constantFrom('/', '/latest/api/token', '/latest/meta-data/', '/latest/meta-data/iam/security-credentials/rolecall-app-role', '/v2/credentials/rolecall-task', '/_mock/journal', '/_mock/config', '/_mock/clock', '/_mock/faults', '/_mock/reset', '/_mock/nope', '/_mock'),
  fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
  fc.array(fc.constantFrom('a', '*', '%2F', '..', '?', '&', 'Action=GetCallerIdentity', '='), { maxLength: 80 }).map((p) => `/${p.join('')}`),
);
const httpRequest: fc.Arbitrary<WireRequest> = fc
  .record({
    method: fc.constantFrom('GET', 'PUT', 'POST', 'HEAD', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE'),
    path,
    headers: fc.dictionary(headerName.filter((n) => !['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'expect', 'keep-alive'].includes(n.toLowerCase())), safeValue, { maxKeys: 4 }),
    contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', undefined),
    host: fc.constantFrom(undefined, undefined, 'evil.example', 'localhost'),
    origin: fc.constantFrom(undefined, undefined, 'http://evil.example', 'null'),
    client: fc.oneof(fc.constant('fuzz'), fc.string({ unit: fc.constantFrom('a', 'b', '-'), maxLength: 600 })),
    body: fc.oneof(faultPlan, clockMove, fc.constant('Action=GetCallerIdentity&Version=2011-06-15'), fc.string({ maxLength: 100 }), fc.constant(undefined)),
  })
  .map(({ method, path: p, headers, contentType, host, origin, client, body }) => {
    const h: Record<string, string> = { ...headers, 'x-rolecall-client': client === '' ? 'fuzz' : client };
    if (contentType !== undefined) h['content-type'] = contentType;
    if (host !== undefined) h.host = `${host}:${server.port}`;
    if (origin !== undefined) h.origin = origin;
    const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
    return { kind: 'http' as const, method, path: p, headers: h, ...(hasBody ? { body } : {}) };
  });
const rawRequest: fc.Arbitrary<RawRequest> = fc
  .oneof(
    fc.constant('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'),
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `GET /latest/meta-data/ HTTP/1.1\r\nHost: x\r\nX-Bad: ${s}\r\n\r\n`),
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `${s}\r\n\r\n`),
    fc.constantFrom('BREW /pot HTTP/1.1\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n'),
  )
  .map((bytes) => ({ kind: 'raw' as const, bytes }));
const anyRequest = fc.oneof({ arbitrary: httpRequest, weight: 9 }, { arbitrary: rawRequest, weight: 1 });

/** The status of an answer, or 0 when the server closed without one (allowed only for raw garbage). */
function sendRaw(bytes: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`raw request hung: ${JSON.stringify(bytes.slice(0, 80))}`));
    }, 5000);
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      // One answer is enough: a keep-alive connection would otherwise stay open.
      if (/\r\n\r\n/.test(got)) socket.end();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(got)?.[1] ?? 0));
    });
    socket.end(bytes, 'latin1');
  });
}

async function send(request: WireRequest | RawRequest): Promise<number> {
  if (request.kind === 'raw') return sendRaw(request.bytes);
  const res = await pool.request({ method: request.method as 'GET', path: request.path, headers: request.headers, body: request.body ?? null });
  await res.body.dump();
  return res.statusCode;
}

describe('fuzzing the wire and the control API', () => {
  it('10 000 generated requests: no 5xx, no hang, the server keeps answering, memory bounded', async () => {
    const heapBefore = liveHeap();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(anyRequest, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const statuses = await Promise.all(batch.map(send));
        sent += batch.length;
        const failures = statuses.map((s, i) => ({ s, request: batch[i] })).filter(({ s }) => s >= 500);
        expect(failures).toEqual([]);
      }),
      { numRuns: RUNS, seed: 11, endOnFailure: true },
    );
    expect(sent).toBe(BATCH * RUNS);
    // Still answering, control API included.
    const token = await pool.request({ method: 'PUT', path: '/latest/api/token', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-rolecall-client': 'after' } });
    expect(token.statusCode).toBe(200);
    await token.body.dump();
    const journal = await pool.request({ method: 'GET', path: '/_mock/journal' });
    expect(journal.statusCode).toBe(200);
    expect(((await journal.body.json()) as unknown[]).length).toBeGreaterThan(0);
    expect(liveHeap() - heapBefore).toBeLessThan(HEAP_GROWTH_LIMIT_BYTES);
  }, 60_000);
});
