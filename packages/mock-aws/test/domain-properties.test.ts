import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMockAws, type MockResponse } from '../src/index.js';
import { text } from './domain-helpers.js';

const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'PATCH', 'get', '', 'BREW', 'CONNECT'];
const PATHS = [
  '/', '/latest', '/latest/', '/latest/api/token', '/2021-03-23/api/token', '/latest/meta-data/', '/latest/meta-data/iam/security-credentials/',
  '/latest/meta-data/iam/security-credentials/rolecall-app-role', '/latest/dynamic/instance-identity/document', '/latest/user-data',
  '/v2/credentials/rolecall-task', '/_mock/journal', '/_mock/faults', '/_mock/clock', '/_mock/nope', '/?Action=GetCallerIdentity', '/nope',
];
const HEADER_NAMES = [
  'x-aws-ec2-metadata-token', 'x-aws-ec2-metadata-token-ttl-seconds', 'x-forwarded-for', 'authorization', 'content-type',
  'x-amz-date', 'x-amz-security-token', 'host',
];

const path = fc.oneof(
  fc.constantFrom(...PATHS),
  fc.tuple(fc.constantFrom(...PATHS), fc.string({ maxLength: 40 })).map(([p, s]) => `${p}${s}`),
  fc.string({ maxLength: 200 }),
  fc.webPath(),
);
const headerValue = fc.oneof(
  fc.constantFrom('21600', '0', '-1', '1e3', ' 60 ', 'rolecall-container-token', 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261128/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00'),
  fc.string({ maxLength: 64 }),
  fc.integer({ min: -100_000, max: 100_000 }).map(String),
);
const body = fc.oneof(
  fc.constant(new Uint8Array()),
  fc.constantFrom('Action=GetCallerIdentity&Version=2011-06-15', 'Action=AssumeRole&RoleArn=x', '{"advanceMs": 1000}', '{"rules":[{"service":"imds","status":500}]}', '{', 'Action=%ZZ').map((s) => new TextEncoder().encode(s)),
  fc.uint8Array({ maxLength: 512 }),
  fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
);
const request = fc.record({
  method: fc.constantFrom(...METHODS),
  path,
  headers: fc.dictionary(fc.constantFrom(...HEADER_NAMES), headerValue, { maxKeys: 5 }),
  body,
  client: fc.constantFrom('a', 'b', '', '127.0.0.1'),
  host: fc.constantFrom('169.254.169.254', '127.0.0.1:1338', ''),
});

function wellFormed(res: MockResponse): void {
  expect(Number.isInteger(res.status)).toBe(true);
  expect(res.status).toBeGreaterThanOrEqual(200);
  expect(res.status).toBeLessThan(600);
  expect(typeof res.body === 'string' || res.body instanceof Uint8Array).toBe(true);
  for (const [name, value] of Object.entries(res.headers)) {
    expect(name).toBe(name.toLowerCase());
    expect(typeof value).toBe('string');
  }
}

describe('handle under arbitrary input', () => {
  it('always answers a well-formed response, never throws, and journals exactly one entry per non-control request', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' } });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const before = mock.journal().at(-1)?.seq ?? 0;
        const res = await mock.handle(r);
        wellFormed(res);
        const isControl = r.path.split('?')[0]?.startsWith('/_mock') === true;
        const after = mock.journal().at(-1)?.seq ?? 0;
        if (isControl) {
          // A control request may reset the journal, but never adds to it.
          expect(after === before || after === 0).toBe(true);
        } else {
          expect(after).toBe(before + 1);
          expect(mock.journal().at(-1)?.status).toBe(res.status);
        }
      }),
      { numRuns: 400, seed: 20261128 },
    );
    // Still serving afterwards.
    mock.reset();
    expect((await mock.handle({ method: 'GET', path: '/latest/meta-data/instance-id', headers: {}, body: new Uint8Array(), client: 'z', host: '' })).status).toBe(200);
  });

  it('answers a 4xx for any token TTL that is not an integer from 1 to 21600', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String), fc.double().map(String)), async (ttl) => {
        const mock = createMockAws();
        const res = await mock.handle({ method: 'PUT', path: '/latest/api/token', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': ttl }, body: new Uint8Array(), client: 'a', host: '' });
        const valid = /^\s*\d{1,5}\s*$/.test(ttl) && Number(ttl) >= 1 && Number(ttl) <= 21_600;
        expect(res.status).toBe(valid ? 200 : 400);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('answers 401 for any token it did not issue', async () => {
    const mock = createMockAws({ faults: { throttle: { imds: null } } });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (tok) => {
        const res = await mock.handle({ method: 'GET', path: '/latest/meta-data/instance-id', headers: { 'x-aws-ec2-metadata-token': tok }, body: new Uint8Array(), client: 'a', host: '' });
        expect(res.status).toBe(401);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('answers any unknown metadata path with the 404 page', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' }, faults: { throttle: { imds: null } } });
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z0-9-]{1,20}$/), async (name) => {
        fc.pre(!['ami-id', 'hostname', 'mac', 'profile'].includes(name));
        const res = await mock.handle({ method: 'GET', path: `/latest/meta-data/zz-${name}`, headers: {}, body: new Uint8Array(), client: 'a', host: '' });
        expect(res.status).toBe(404);
        expect(text(res)).toContain('404 - Not Found');
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  it('answers 405 to any method but GET and HEAD on a metadata item, and journals it as MethodNotAllowed', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' }, faults: { throttle: { imds: null } } });
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z]{1,12}$/), fc.constantFrom('/latest/meta-data/instance-id', '/latest/meta-data/', '/latest/user-data'), async (method, path) => {
        fc.pre(method !== 'GET' && method !== 'HEAD');
        const res = await mock.handle({ method, path, headers: {}, body: new Uint8Array(), client: 'a', host: '' });
        expect(res.status).toBe(405);
        expect(mock.journal().at(-1)?.code).toBe('MethodNotAllowed');
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('turns a bug into a 500 with a clear body and keeps serving', async () => {
    const mock = createMockAws({ instance: { httpTokens: 'optional' } });
    const hostile = { method: 'GET', get path(): string { throw new Error('boom'); }, headers: {}, body: new Uint8Array(), client: 'a', host: '' };
    const res = await mock.handle(hostile as never);
    expect(res.status).toBe(500);
    expect(text(res)).toContain('rolecall mock: internal error');
    expect((await mock.handle({ method: 'GET', path: '/latest/meta-data/instance-id', headers: {}, body: new Uint8Array(), client: 'a', host: '' })).status).toBe(200);
  });
});
