/**
 * Malformed requests over a real socket: fast-check sends random methods,
 * header values, TTLs, tokens, bodies, encodings and oversize bodies to the
 * loopback server. Each gets its precise status (and code), the server keeps
 * answering, and the journal holds exactly one entry per request that reached
 * the mock (413s are refused by the front before the mock: decisions/0030).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Agent, request } from 'undici';
import { createMockAws, startMockServer } from '../src/index.js';
import type { MockAws, MockServer } from '../src/index.js';

const MAX_BODY = 4096;
let mock: MockAws;
let server: MockServer;
let agent: Agent;
let token: string;
beforeAll(async () => {
  mock = createMockAws({ faults: { throttle: { imds: null, sts: null, container: null } } }, { clockMode: 'real' });
  server = await startMockServer(mock, { port: 0, maxBodyBytes: MAX_BODY });
  agent = new Agent({ connections: 2 });
  const res = await request(`${server.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }, dispatcher: agent });
  token = await res.body.text();
});
afterAll(async () => {
  await agent.close();
  await server.close();
});

interface Case {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Expected status, or a check on the answer. */
  expect: (status: number, headers: Record<string, string | string[] | undefined>, body: string) => void;
  journaled: boolean;
}

const printable = (max = 40) => fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~'), maxLength: max });
const isValidTtl = (v: string) => /^\s*\+?0*\d+\s*$/.test(v) && Number(v.trim()) >= 1 && Number(v.trim()) <= 21600;

const badTtl: fc.Arbitrary<Case> = fc
  .oneof(printable(), fc.integer({ min: -1_000_000, max: 0 }).map(String), fc.integer({ min: 21_601, max: 2 ** 40 }).map(String), fc.double().map(String))
  .filter((v) => !/^\s*\+?\d+\s*$/.test(v) || !isValidTtl(v))
  .map((ttl) => ({
    label: `token PUT ttl=${JSON.stringify(ttl)}`,
    method: 'PUT', path: '/latest/api/token', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': ttl },
    expect: (status) => expect(status).toBe(400), journaled: true,
  }));

const goodTtl: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 21600 }).map((ttl) => ({
  label: `token PUT ttl=${ttl}`,
  method: 'PUT', path: '/latest/api/token', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) },
  expect: (status, headers, body) => {
    expect(status).toBe(200);
    expect(headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe(String(ttl));
    expect(body.length).toBeGreaterThan(0);
  },
  journaled: true,
}));

const wrongTokenMethod: fc.Arbitrary<Case> = fc.constantFrom('GET', 'POST', 'DELETE', 'PATCH', 'HEAD').map((method) => ({
  label: `${method} on the token path`,
  method, path: '/latest/api/token', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
  expect: (status, headers) => {
    expect(status).toBe(405);
    expect(String(headers.allow)).toMatch(/PUT/);
  },
  journaled: true,
}));

const badToken: fc.Arbitrary<Case> = fc.option(printable(80), { nil: undefined }).map((value) => ({
  label: `metadata read with token ${JSON.stringify(value)}`,
  method: 'GET', path: '/latest/meta-data/instance-id',
  headers: value === undefined ? {} : { 'x-aws-ec2-metadata-token': value },
  // httpTokens=required: no token, or one the mock never issued → 401.
  expect: (status) => expect(status).toBe(value !== undefined && value.trim() === token ? 200 : 401),
  journaled: true,
}));

const randomPath: fc.Arbitrary<Case> = fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { minLength: 1, maxLength: 4 }).map((segments) => ({
  label: `GET /latest/meta-data/${segments.join('/')}`,
  method: 'GET', path: `/latest/meta-data/${segments.join('/')}`, headers: { 'x-aws-ec2-metadata-token': token },
  expect: (status, headers, body) => {
    expect([200, 404]).toContain(status);
    if (status === 404) expect(body).toContain('404 - Not Found');
  },
  journaled: true,
}));

const stsGarbage: fc.Arbitrary<Case> = fc
  .record({
    body: fc.oneof(printable(200), fc.uint8Array({ maxLength: 300 }), fc.constant('Action=GetCallerIdentity&Version=2011-06-15'), fc.constant('Action=AssumeRole&RoleArn=%ZZ')),
    contentType: fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json', 'text/plain', ''),
    encoding: fc.constantFrom(undefined, 'gzip', 'br', 'identity'),
    authorization: fc.option(printable(120), { nil: undefined }),
  })
  .map(({ body, contentType, encoding, authorization }) => ({
    label: `STS POST ${contentType} ${encoding ?? ''} auth=${authorization === undefined ? 'none' : 'garbage'}`,
    method: 'POST', path: '/',
    headers: {
      ...(contentType === '' ? {} : { 'content-type': contentType }),
      ...(encoding === undefined ? {} : { 'content-encoding': encoding }),
      ...(authorization === undefined ? {} : { authorization }),
    },
    body,
    // Never a success, never the mock's own failure: a 4xx with an AWS error code in ErrorResponse XML.
    expect: (status, headers, text) => {
      expect([400, 403]).toContain(status);
      expect(text).toMatch(/<ErrorResponse[^>]*>[\s\S]*<Code>[A-Za-z.]+<\/Code>/);
      expect(headers['x-amzn-requestid']).toBeDefined();
    },
    journaled: true,
  }));

const oversize: fc.Arbitrary<Case> = fc.record({ size: fc.integer({ min: MAX_BODY + 1, max: MAX_BODY * 8 }), path: fc.constantFrom('/', '/latest/api/token', '/_mock/faults') }).map(({ size, path }) => ({
  label: `oversize body of ${size} bytes to ${path}`,
  method: path === '/' ? 'POST' : 'PUT', path, headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
  body: 'A'.repeat(size),
  expect: (status, _headers, body) => {
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ code: 'RequestEntityTooLarge' });
  },
  journaled: false,
}));

/** Methods Node's HTTP parser (llhttp) knows: anything else is refused before it reaches the mock. */
const LLHTTP_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'POST', 'PUT', 'CONNECT', 'OPTIONS', 'TRACE', 'COPY', 'LOCK', 'MKCOL', 'MOVE', 'PROPFIND', 'PROPPATCH', 'SEARCH', 'UNLOCK', 'BIND', 'REBIND', 'UNBIND', 'ACL', 'REPORT', 'MKACTIVITY', 'CHECKOUT', 'MERGE', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE', 'PATCH', 'PURGE', 'MKCALENDAR', 'LINK', 'UNLINK', 'SOURCE', 'QUERY', 'PRI', 'DESCRIBE', 'ANNOUNCE', 'SETUP', 'PLAY', 'PAUSE', 'TEARDOWN', 'GET_PARAMETER', 'SET_PARAMETER', 'REDIRECT', 'RECORD', 'FLUSH']);

const oddMethod: fc.Arbitrary<Case> = fc.record({
  method: fc.constantFrom('DELETE', 'PATCH', 'POST', 'PROPFIND', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'PURGE', 'REPORT', 'SEARCH', 'QUERY'),
  path: fc.constantFrom('/latest/meta-data/', '/latest/meta-data/instance-id', '/latest/user-data'),
}).map(({ method, path }) => ({
  label: `${method} ${path}`,
  method, path, headers: { 'x-aws-ec2-metadata-token': token },
  // IMDS reads are GET and HEAD only.
  expect: (status) => expect(status).toBe(405),
  journaled: true,
}));

const unparseableMethod: fc.Arbitrary<Case> = fc.stringMatching(/^[A-Z]{3,10}$/).filter((m) => !LLHTTP_METHODS.has(m)).map((method) => ({
  label: `${method} (unknown to HTTP/1.1 parsers)`,
  method, path: '/latest/meta-data/', headers: {},
  expect: (status, _headers, body) => {
    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({ code: 'MalformedHTTPRequest' });
  },
  journaled: false,
}));

async function send(c: Case): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const res = await request(`${server.url}${c.path}`, { method: c.method, headers: c.headers, body: c.body ?? null, dispatcher: agent });
  return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
}

describe('bad input over the loopback socket', () => {
  it('every malformed request gets its precise answer; nothing is lost from the journal', async () => {
    mock.reset();
    let sent = 0;
    let journaled = 0;
    // The token from beforeAll was dropped by reset(): fetch a fresh one (journaled like any request).
    const fresh = await send({ label: 'token', method: 'PUT', path: '/latest/api/token', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }, expect: () => undefined, journaled: true });
    token = fresh.body;
    sent++;
    journaled++;
    await fc.assert(
      fc.asyncProperty(fc.oneof(badTtl, goodTtl, wrongTokenMethod, badToken, randomPath, stsGarbage, oversize, oddMethod, unparseableMethod), async (c) => {
        const before = mock.journal().length;
        const answer = await send(c);
        sent++;
        if (c.journaled) journaled++;
        c.expect(answer.status, answer.headers, answer.body);
        const entries = mock.journal().slice(before);
        expect(entries).toHaveLength(c.journaled ? 1 : 0);
        if (c.journaled) expect(entries[0]!.status).toBe(answer.status);
        // An STS error's code in the XML is the code the journal records.
        const xmlCode = /<Code>([^<]+)<\/Code>/.exec(answer.body)?.[1];
        if (xmlCode !== undefined) expect(entries[0]?.code).toBe(xmlCode);
      }),
      { numRuns: 300, seed: 20261128 },
    );
    // Still answering, and the journal holds one entry per request that reached the mock.
    const after = await send({ label: 'after', method: 'GET', path: '/latest/meta-data/instance-id', headers: { 'x-aws-ec2-metadata-token': token }, expect: () => undefined, journaled: true });
    expect(after.status).toBe(200);
    expect(after.body).toBe(mock.config.instance.instanceId);
    expect(mock.journal().length).toBe(journaled + 1);
    expect(sent).toBeGreaterThan(300);
    expect(new Set(mock.journal().map((e) => e.seq)).size).toBe(mock.journal().length);
  });
});
