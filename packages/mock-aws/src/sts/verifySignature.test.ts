import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import aws4 from 'aws4';
import { describe, expect, it } from 'vitest';
import type { MockRequest } from '../domain/MockRequest.js';
import { TEST_START_MS, TEST_USER, createTestStsContext, plainRequest, signedRequest } from './testContext.js';
import { verifySigV4 } from './verifySignature.js';

const FORM = 'Action=GetCallerIdentity&Version=2011-06-15';
const HOST = '127.0.0.1:1338';

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

type Key = { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined };

function creds(key: Key): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } {
  return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, ...(key.sessionToken === undefined ? {} : { sessionToken: key.sessionToken }) };
}

function aws4Request(key: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }, body: string, signedAtMs = TEST_START_MS): MockRequest {
  const signed = aws4.sign(
    { host: HOST, path: '/', method: 'POST', service: 'sts', region: 'eu-west-1', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Amz-Date': amzDate(signedAtMs) } },
    creds(key),
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers ?? {})) headers[name.toLowerCase()] = String(value);
  return { method: 'POST', path: '/', headers, body: new TextEncoder().encode(body), client: 'test', host: HOST };
}

function setup(overrides: Parameters<typeof createTestStsContext>[0] = {}) {
  const test = createTestStsContext(overrides);
  let now = TEST_START_MS;
  const verify = (request: MockRequest, checkSignature = test.ctx.config.verifySignatures) =>
    verifySigV4({ request, keys: test.keys, nowMs: now, maxSkewS: test.ctx.config.maxSkewS, checkSignature });
  return { ...test, verify, setNow: (ms: number) => (now = ms) };
}

async function codeOf(outcome: Awaited<ReturnType<typeof verifySigV4>>): Promise<string> {
  return outcome.ok ? 'ok' : outcome.error.code;
}

describe('verifySigV4', () => {
  it('accepts requests signed by @smithy/signature-v4 and by aws4, in any region', async () => {
    const { verify, instanceRoleKey } = setup();
    const role = instanceRoleKey();
    const outcomes = await Promise.all([
      verify(await signedRequest({ key: TEST_USER, body: FORM })),
      verify(await signedRequest({ key: role, body: FORM, region: 'ap-southeast-2' })),
      verify(aws4Request(TEST_USER, FORM)),
      verify(aws4Request(role, FORM)),
    ]);
    expect(outcomes.map((o) => (o.ok ? o.key.accessKeyId : o.error.code))).toEqual([TEST_USER.accessKeyId, role.accessKeyId, TEST_USER.accessKeyId, role.accessKeyId]);
  });

  // The signing key is cached per (secret, date, region, service): a cached key must never verify another scope.
  it('keeps verifying across more scopes than the signing-key cache holds, and never with another scope\'s key', async () => {
    const { verify, setNow } = setup();
    const regions = Array.from({ length: 1100 }, (_, i) => `xx-test-${i}`);
    const codes = new Set<string>();
    for (const region of regions) codes.add(await codeOf(await verify(await signedRequest({ key: TEST_USER, body: FORM, region }))));
    expect([...codes]).toEqual(['ok']);
    // A day later the same key and region derive another signing key: a request signed then verifies, one with a forged scope date does not.
    const nextDay = TEST_START_MS + 86_400_000;
    setNow(nextDay);
    const fresh = await signedRequest({ key: TEST_USER, body: FORM, region: 'us-east-1', signedAtMs: nextDay });
    expect(await codeOf(await verify(fresh))).toBe('ok');
    const wrongSecret = await signedRequest({ key: { ...TEST_USER, secretAccessKey: `${TEST_USER.secretAccessKey}x` }, body: FORM, region: 'us-east-1', signedAtMs: nextDay });
    expect(await codeOf(await verify(wrongSecret))).toBe('SignatureDoesNotMatch');
  });

  it('verifies signed GET requests whose parameters are in the query string', async () => {
    const { verify } = setup();
    const signer = new SignatureV4({ credentials: creds(TEST_USER), region: 'us-east-1', service: 'sts', sha256: Hash.bind(null, 'sha256') });
    const query = { Action: 'AssumeRole', Version: '2011-06-15', RoleSessionName: 'a b+c/d', RoleArn: 'arn:aws:iam::123456789012:role/Deploy' };
    const signed = await signer.sign({ method: 'GET', protocol: 'http:', hostname: HOST, path: '/', query, headers: { host: HOST } }, { signingDate: new Date(TEST_START_MS) });
    const search = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const viaSmithy: MockRequest = { method: 'GET', path: `/?${search}`, headers: signed.headers as Record<string, string>, body: new Uint8Array(), client: 't', host: HOST };
    expect(await codeOf(await verify(viaSmithy))).toBe('ok');
    const a = aws4.sign({ host: HOST, path: `/?${search}`, method: 'GET', service: 'sts', region: 'us-east-1', headers: { 'X-Amz-Date': amzDate(TEST_START_MS) } }, creds(TEST_USER));
    const headers = Object.fromEntries(Object.entries(a.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    expect(await codeOf(await verify({ ...viaSmithy, headers }))).toBe('ok');
    expect(await codeOf(await verify({ ...viaSmithy, headers, path: viaSmithy.path.replace('Deploy', 'Other') }))).toBe('SignatureDoesNotMatch');
  });

  it('takes a signed content-length that an in-process front dropped to be the body length', async () => {
    const { verify } = setup();
    const signed = aws4Request(TEST_USER, FORM);
    expect(signed.headers.authorization).toContain('content-length');
    const { 'content-length': _dropped, ...rest } = signed.headers;
    expect(await codeOf(await verify({ ...signed, headers: rest }))).toBe('ok');
    expect(await codeOf(await verify({ ...signed, headers: rest, body: new TextEncoder().encode(`${FORM}&X=1`) }))).toBe('SignatureDoesNotMatch');
  });

  it('refuses a tampered body, a wrong secret and a tampered signed header', async () => {
    const { verify } = setup();
    const good = await signedRequest({ key: TEST_USER, body: FORM });
    const tampered = { ...good, body: new TextEncoder().encode(`${FORM}&Extra=1`) };
    const wrongSecret = await signedRequest({ key: { ...TEST_USER, secretAccessKey: 'x'.repeat(40) }, body: FORM });
    const otherHost = { ...good, headers: { ...good.headers, host: 'sts.amazonaws.com' } };
    const aws4Tampered = { ...aws4Request(TEST_USER, FORM), body: new TextEncoder().encode('Action=AssumeRole&Version=2011-06-15') };
    for (const request of [tampered, wrongSecret, otherHost, aws4Tampered]) {
      const outcome = await verify(request);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error.code).toBe('SignatureDoesNotMatch');
        expect(outcome.error.status).toBe(403);
        expect(outcome.accessKeyId).toBe(TEST_USER.accessKeyId);
      }
    }
  });

  it('refuses a body that does not match a signed x-amz-content-sha256', async () => {
    const { verify } = setup();
    const signer = new SignatureV4({ credentials: TEST_USER, region: 'us-east-1', service: 'sts', sha256: Hash.bind(null, 'sha256') });
    const signed = await signer.sign(
      { method: 'POST', protocol: 'http:', hostname: HOST, path: '/', headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body: FORM },
      { signingDate: new Date(TEST_START_MS) },
    );
    const outcome = await verify({ method: 'POST', path: '/', headers: signed.headers as Record<string, string>, body: new TextEncoder().encode(FORM), client: 't', host: HOST });
    expect(outcome.ok ? 'ok' : outcome.error.message).toBe("The provided 'x-amz-content-sha256' header does not match what was computed.");
  });

  it('identifies unknown keys and bad session tokens as InvalidClientTokenId', async () => {
    const { verify, instanceRoleKey } = setup();
    const role = instanceRoleKey();
    const unknown = await signedRequest({ key: { accessKeyId: 'AKIAUNKNOWNEXAMPLE00', secretAccessKey: 's'.repeat(40) }, body: FORM });
    const wrongToken = await signedRequest({ key: { ...role, sessionToken: `${role.sessionToken ?? ''}x` }, body: FORM });
    const noToken = await signedRequest({ key: { accessKeyId: role.accessKeyId, secretAccessKey: role.secretAccessKey }, body: FORM });
    const tokenOnUserKey = await signedRequest({ key: { ...TEST_USER, sessionToken: 'IQoJbogus' }, body: FORM });
    const codes = await Promise.all([unknown, wrongToken, noToken, tokenOnUserKey].map(async (r) => codeOf(await verify(r))));
    expect(codes).toEqual(['InvalidClientTokenId', 'InvalidClientTokenId', 'InvalidClientTokenId', 'InvalidClientTokenId']);
    const outcome = await verify(wrongToken);
    expect(outcome.ok ? '' : outcome.error.message).toBe('The security token included in the request is invalid.');
  });

  it('answers ExpiredToken once the key has expired on the virtual clock', async () => {
    const { verify, instanceRoleKey, setNow } = setup();
    const role = instanceRoleKey(60_000);
    setNow(TEST_START_MS + 60_000);
    const outcome = await verify(await signedRequest({ key: role, body: FORM, signedAtMs: TEST_START_MS + 60_000 }));
    expect(outcome.ok ? 'ok' : [outcome.error.status, outcome.error.code, outcome.error.message]).toEqual([403, 'ExpiredToken', 'The security token included in the request is expired']);
  });

  it('refuses requests signed outside the skew window, in both directions, with STS wording', async () => {
    const { verify } = setup();
    const old = await verify(await signedRequest({ key: TEST_USER, body: FORM, signedAtMs: TEST_START_MS - 301_000 }));
    expect(old.ok ? '' : old.error.message).toBe('Signature expired: 20261128T015459Z is now earlier than 20261128T015500Z (20261128T020000Z - 5 min.)');
    const future = await verify(await signedRequest({ key: TEST_USER, body: FORM, signedAtMs: TEST_START_MS + 301_000 }));
    expect(future.ok ? '' : future.error.message).toBe('Signature not yet current: 20261128T020501Z is still later than 20261128T020500Z (20261128T020000Z + 5 min.)');
    const edge = await verify(await signedRequest({ key: TEST_USER, body: FORM, signedAtMs: TEST_START_MS - 300_000 }));
    expect(edge.ok).toBe(true);
  });

  it('reports missing and malformed Authorization headers precisely', async () => {
    const { verify } = setup();
    const good = await signedRequest({ key: TEST_USER, body: FORM });
    const auth = good.headers.authorization ?? '';
    const withAuth = (value: string | undefined, extra: Record<string, string> = {}): MockRequest => {
      const headers: Record<string, string> = { ...good.headers, ...extra };
      if (value === undefined) delete headers.authorization;
      else headers.authorization = value;
      return { ...good, headers };
    };
    const cases: [MockRequest, string, number, string?][] = [
      [withAuth(undefined), 'MissingAuthenticationToken', 403, 'Request is missing Authentication Token'],
      [withAuth('AWS AKIAIOSFODNN7EXAMPLE:abc'), 'IncompleteSignature', 400],
      [withAuth(auth.replace(/Signature=[0-9a-f]+/, '')), 'IncompleteSignature', 400, "Authorization header requires 'Signature' parameter."],
      [withAuth(auth.replace(/SignedHeaders=[^,]+,/, '')), 'IncompleteSignature', 400],
      [withAuth(auth.replace(/host;/, '')), 'IncompleteSignature', 400],
      [withAuth(auth.replace('/us-east-1/sts/', '/us-east-1/iam/')), 'SignatureDoesNotMatch', 403, "Credential should be scoped to correct service: 'sts'. "],
      [withAuth(auth.replace('/20261128/', '/20261127/')), 'SignatureDoesNotMatch', 403],
      [withAuth(auth.replace('/aws4_request', '/aws4_requests')), 'SignatureDoesNotMatch', 403],
      [withAuth(auth.replace(/Credential=[^,]+/, 'Credential=AKIAIOSFODNN7EXAMPLE/20261128')), 'IncompleteSignature', 400],
      [withAuth(auth, { 'x-amz-date': 'yesterday' }), 'IncompleteSignature', 400],
      // The signer adds x-amz-date on its own: a list that names something else must still fail.
      [withAuth(auth.replace(';x-amz-date', ';x-amz-dat')), 'SignatureDoesNotMatch', 403],
      [withAuth(auth.replace(';x-amz-date', '')), 'SignatureDoesNotMatch', 403],
      [withAuth(auth.replace('host;', 'host;x-absent;')), 'SignatureDoesNotMatch', 403],
      [withAuth(auth.replace('host;', '__proto__;constructor;host;')), 'SignatureDoesNotMatch', 403],
    ];
    for (const [request, code, status, message] of cases) {
      const outcome = await verify(request);
      expect(outcome.ok ? 'ok' : [outcome.error.code, outcome.error.status]).toEqual([code, status]);
      if (message !== undefined && !outcome.ok) expect(outcome.error.message).toBe(message);
    }
  });

  it('with checkSignature false identifies the caller but ignores the signature and time', async () => {
    const { verify, instanceRoleKey, setNow } = setup({ verifySignatures: false });
    const bad = await signedRequest({ key: { ...TEST_USER, secretAccessKey: 'y'.repeat(40) }, body: FORM, signedAtMs: TEST_START_MS - 3_600_000 });
    const outcome = await verify(bad);
    expect(outcome.ok ? outcome.key.identity.arn : outcome.error.code).toBe('arn:aws:iam::123456789012:user/alice');
    const unknown = await verify(await signedRequest({ key: { accessKeyId: 'AKIAUNKNOWNEXAMPLE00', secretAccessKey: 'z' }, body: FORM }));
    expect(await codeOf(unknown)).toBe('InvalidClientTokenId');
    const role = instanceRoleKey(1000);
    setNow(TEST_START_MS + 1000);
    expect(await codeOf(await verify(await signedRequest({ key: role, body: FORM })))).toBe('ExpiredToken');
    expect(await codeOf(await verify(plainRequest(FORM)))).toBe('MissingAuthenticationToken');
  });

  describe('presigned query strings', () => {
    async function presigned(key: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }, expiresIn = 60, signedAtMs = TEST_START_MS): Promise<MockRequest> {
      const signer = new SignatureV4({ credentials: creds(key), region: 'us-east-1', service: 'sts', sha256: Hash.bind(null, 'sha256') });
      const req = await signer.presign(
        { method: 'GET', protocol: 'https:', hostname: HOST, path: '/', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, headers: { host: HOST, 'x-k8s-aws-id': 'demo-cluster' } },
        { signingDate: new Date(signedAtMs), expiresIn },
      );
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(req.query ?? {})) search.append(k, String(v));
      return { method: 'GET', path: `/?${search.toString().replace(/\+/g, '%20')}`, headers: { host: HOST, 'x-k8s-aws-id': 'demo-cluster' }, body: new Uint8Array(), client: 't', host: HOST };
    }

    it('accepts a presigned GetCallerIdentity URL (the EKS token shape) and refuses it tampered or expired', async () => {
      const { verify, instanceRoleKey, setNow } = setup();
      const role = instanceRoleKey();
      expect(await codeOf(await verify(await presigned(TEST_USER)))).toBe('ok');
      expect(await codeOf(await verify(await presigned(role)))).toBe('ok');
      const url = await presigned(TEST_USER);
      expect(await codeOf(await verify({ ...url, headers: { ...url.headers, 'x-k8s-aws-id': 'other-cluster' } }))).toBe('SignatureDoesNotMatch');
      expect(await codeOf(await verify({ ...url, path: url.path.replace('GetCallerIdentity', 'GetSessionToken') }))).toBe('SignatureDoesNotMatch');
      setNow(TEST_START_MS + 61_000);
      const late = await verify(url);
      expect(late.ok ? '' : late.error.message).toMatch(/^Signature expired: 20261128T020000Z is now earlier than/);
      expect(await codeOf(await verify({ ...url, path: url.path.replace(/X-Amz-Signature=[^&]+&?/, '') }))).toBe('IncompleteSignature');
    });
  });
});
