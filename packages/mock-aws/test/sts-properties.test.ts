import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type MockRequest, type StsResult, STS_ERROR_CODES, createStsService, makeWebIdentityToken, parseStsAction } from '../src/index.js';
import { TEST_ACCOUNT, TEST_START_MS, TEST_USER, createTestStsContext, plainRequest, signedRequest } from '../src/sts/testContext.js';

/**
 * Whatever arrives, the STS answers: a 200 for a well-formed call, otherwise
 * an `ErrorResponse` with a known code; it never throws, never leaks a secret
 * key or session token in an error, and always carries a request id.
 */

const xml = new XMLParser({ parseTagValue: false });
const KNOWN = new Set<string>(STS_ERROR_CODES);
const ACTIONS = ['GetCallerIdentity', 'AssumeRole', 'AssumeRoleWithWebIdentity', 'GetSessionToken', 'GetFederationToken', 'Nope'];

const value = fc.oneof(
  fc.constantFrom(
    '2011-06-15',
    `arn:aws:iam::${TEST_ACCOUNT}:role/Deploy`,
    `arn:aws:iam::${TEST_ACCOUNT}:role/ci`,
    'build',
    '900',
    '3600',
    '43201',
    '-1',
    '{"Version":"2012-10-17"}',
    makeWebIdentityToken({ sub: 's', iss: 'i', aud: 'a', expiresAtMs: TEST_START_MS + 1e6 }),
  ),
  fc.constantFrom(...ACTIONS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const key = fc.oneof(
  fc.constantFrom('Action', 'Version', 'RoleArn', 'RoleSessionName', 'DurationSeconds', 'WebIdentityToken', 'Policy', 'X-Amz-Algorithm'),
  fc.string({ maxLength: 12 }),
);
/** How a component is written: properly encoded, raw, or with a broken escape. */
const encoding = fc.constantFrom<(s: string) => string>(
  (s) => encodeURIComponent(s),
  (s) => s,
  (s) => `${encodeURIComponent(s)}%`,
  (s) => `${encodeURIComponent(s)}%C3%28`,
  (s) => encodeURIComponent(s).replace(/%20/g, '+'),
);
const form = fc
  .array(fc.tuple(key, value, encoding), { maxLength: 8 })
  .map((pairs) => pairs.map(([k, v, enc]) => `${enc(k)}=${enc(v)}`).join('&'));
const wellFormedStart = fc.constantFrom('', 'Action=GetCallerIdentity&Version=2011-06-15&', 'Action=AssumeRole&Version=2011-06-15&', 'Action=AssumeRoleWithWebIdentity&Version=2011-06-15&');

function check(result: StsResult, secrets: readonly string[]): void {
  const { response } = result;
  const body = typeof response.body === 'string' ? response.body : new TextDecoder().decode(response.body);
  const id = response.headers['x-amzn-requestid'];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.headers['content-type']).toBe('text/xml');
  const doc = xml.parse(body) as Record<string, any>;
  if (response.status === 200) {
    expect(result.code).toBeNull();
    const root = Object.keys(doc).find((k) => k.endsWith('Response'));
    expect(root).toBeDefined();
    expect(doc[root ?? '']?.ResponseMetadata?.RequestId).toBe(id);
    return;
  }
  expect(KNOWN.has(result.code ?? '')).toBe(true);
  expect(doc.ErrorResponse.Error.Code).toBe(result.code);
  expect(doc.ErrorResponse.RequestId).toBe(id);
  expect([400, 403, 405, 413, 500]).toContain(response.status);
  for (const secret of secrets) expect(body).not.toContain(secret);
}

function setup() {
  const test = createTestStsContext();
  const sts = createStsService(test.ctx);
  const role = test.instanceRoleKey();
  return { ...test, sts, role };
}

describe('STS under arbitrary input', () => {
  it('answers random unsigned form bodies, methods and content types with a success or a known error', async () => {
    const { sts, keys } = setup();
    await fc.assert(
      fc.asyncProperty(
        wellFormedStart,
        form,
        fc.constantFrom('POST', 'GET', 'PUT', 'post', 'DELETE'),
        fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json', 'text/plain'),
        fc.boolean(),
        async (start, rest, method, contentType, inQuery) => {
          const text = start + rest;
          const request = inQuery
            ? plainRequest('', { method, path: `/?${text}`, headers: { 'content-type': contentType } })
            : plainRequest(text, { method, headers: { 'content-type': contentType } });
          const result = await sts.handle(request);
          check(result, keys.secrets());
          expect(typeof parseStsAction(request)).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers random signed form bodies (the validation paths) without leaking secrets', async () => {
    const { sts, keys, role } = setup();
    await fc.assert(
      fc.asyncProperty(wellFormedStart, form, fc.boolean(), async (start, rest, asRole) => {
        const request = await signedRequest({ key: asRole ? role : TEST_USER, body: start + rest });
        check(await sts.handle(request), keys.secrets().filter((s) => !(start + rest).includes(s)));
      }),
      { numRuns: 200 },
    );
  });

  it('answers random bytes as a body', async () => {
    const { sts, keys } = setup();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const request: MockRequest = { ...plainRequest(''), body: bytes };
        check(await sts.handle(request), keys.secrets());
      }),
      { numRuns: 200 },
    );
  });

  /**
   * What a header says, ignoring layout: the algorithm and its `key=value`
   * fields, trimmed, the last of a repeated key winning. The verifier, like
   * AWS, tolerates extra whitespace, empty list items and any field order,
   * so a mutation that only changes those still signs.
   */
  const meaning = (header: string): string => {
    const match = /^\s*(\S+)\s+(.*)$/s.exec(header);
    if (!match) return header;
    const fields = new Map<string, string>();
    for (const part of (match[2] ?? '').split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    return JSON.stringify([match[1], [...fields].sort(([a], [b]) => (a < b ? -1 : 1))]);
  };

  it('refuses every Authorization header whose meaning was mutated, and never with a 200', async () => {
    const { sts, keys } = setup();
    const good = await signedRequest({ key: TEST_USER, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    const auth = good.headers.authorization ?? '';
    const mutation = fc.oneof(
      fc.string({ maxLength: 200 }).map((s) => () => s),
      fc.tuple(fc.nat({ max: auth.length - 1 }), fc.string({ minLength: 1, maxLength: 3 })).map(([at, s]) => () => auth.slice(0, at) + s + auth.slice(at + 1)),
      fc.tuple(fc.nat({ max: auth.length - 1 }), fc.nat({ max: 40 })).map(([at, n]) => () => auth.slice(0, at) + auth.slice(at + n + 1)),
      fc.constantFrom(',', ' ', '=', '/', ';').map((sep) => () => auth.split(sep).reverse().join(sep)),
    );
    await fc.assert(
      fc.asyncProperty(mutation, async (mutate) => {
        const header = mutate();
        // Regression: fast-check once replaced the space after a comma with a tab (seed 1001958529).
        fc.pre(meaning(header) !== meaning(auth));
        const result = await sts.handle({ ...good, headers: { ...good.headers, authorization: header } });
        check(result, keys.secrets());
        expect(result.response.status).not.toBe(200);
      }),
      { numRuns: 300 },
    );
    expect((await sts.handle(good)).response.status).toBe(200);
  });

  it('accepts a header that differs only in layout (whitespace, empty list items)', async () => {
    const { sts } = setup();
    const good = await signedRequest({ key: TEST_USER, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    const auth = good.headers.authorization ?? '';
    for (const variant of [auth.replace(/, /g, ','), auth.replace(/, /g, ' ,\t'), auth.replace(' ', '  ')]) {
      expect(meaning(variant)).toBe(meaning(auth));
      expect((await sts.handle({ ...good, headers: { ...good.headers, authorization: variant } })).response.status).toBe(200);
    }
  });
});
