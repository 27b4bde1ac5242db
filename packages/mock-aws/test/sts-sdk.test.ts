import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  ExpiredTokenException,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  type STSClientConfig,
} from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { type MockRequest, createStsService, makeWebIdentityToken, stsErrorResponse } from '../src/index.js';
import { TEST_ACCOUNT, TEST_OTHER_USER, TEST_START_MS, TEST_USER, createTestStsContext } from '../src/sts/testContext.js';

/**
 * A zero-delay SDK retry strategy that records how the SDK classified each
 * error (no real sleeps) and retries while `retryWhen(retryCount, errorType)`.
 */
function recordingRetryStrategy(kinds: string[], retryWhen: (retryCount: number, errorType: string) => boolean) {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (t: ReturnType<typeof token>, info: { errorType: string }) => {
      kinds.push(info.errorType);
      if (!retryWhen(t.getRetryCount(), info.errorType)) throw new Error('not retried');
      return token(t.getRetryCount() + 1);
    },
    recordSuccess: () => undefined,
  };
}


/**
 * The official `@aws-sdk/client-sts`, unmodified, talking to the STS service
 * through a custom request handler that converts the SDK's HttpRequest into a
 * MockRequest: no sockets, and proof that the SDK's own SigV4 signatures
 * verify and its parsers read our XML.
 */

interface SdkHttpRequest {
  method: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

type Tamper = (request: MockRequest) => MockRequest;

function setup() {
  const test = createTestStsContext();
  const sts = createStsService(test.ctx);
  const seen: MockRequest[] = [];
  let tamper: Tamper = (r) => r;
  let throttleNext = 0;
  const requestHandler = {
    async handle(request: SdkHttpRequest) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(request.query ?? {})) for (const one of [v ?? ''].flat()) query.append(k, one);
      const qs = query.toString();
      const body = typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body instanceof Uint8Array ? request.body : new Uint8Array();
      const host = request.port ? `${request.hostname}:${request.port}` : request.hostname;
      const mock = tamper({ method: request.method, path: qs ? `${request.path}?${qs}` : request.path, headers, body, client: 'sdk', host });
      seen.push(mock);
      const response = throttleNext-- > 0 ? stsErrorResponse(400, 'Throttling', 'Rate exceeded', `throttled-${throttleNext}`) : (await sts.handle(mock)).response;
      const bytes = typeof response.body === 'string' ? new TextEncoder().encode(response.body) : response.body;
      return { response: { statusCode: response.status, headers: { ...response.headers }, body: bytes } };
    },
  };
  const client = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, extra: Partial<STSClientConfig> = {}) =>
    new STSClient({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:1338',
      credentials,
      requestHandler,
      maxAttempts: 1,
      // The mock's virtual clock is fixed; sign at its time so the skew check passes.
      systemClockOffset: TEST_START_MS - Date.now(),
      ...extra,
    });
  return { ...test, client, seen, setTamper: (t: Tamper) => (tamper = t), throttle: (n: number) => (throttleNext = n) };
}

async function rejection(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string; error: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message, error };
  }
  throw new Error('expected the SDK call to fail');
}

const USER = { accessKeyId: TEST_USER.accessKeyId, secretAccessKey: TEST_USER.secretAccessKey };

describe('STS through the official @aws-sdk/client-sts', () => {
  it('GetCallerIdentity verifies the SDK signature and reads back the identity', async () => {
    const { client, seen } = setup();
    const out = await client(USER).send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe(`arn:aws:iam::${TEST_ACCOUNT}:user/alice`);
    expect(out.Account).toBe(TEST_ACCOUNT);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20261128\/eu-west-1\/sts\/aws4_request/);
  });

  it('AssumeRole returns credentials the SDK can use, which identify as the role session', async () => {
    const { client } = setup();
    const out = await client(USER).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/Deploy`, RoleSessionName: 'sdk-test', DurationSeconds: 900 }),
    );
    expect(out.Credentials?.Expiration?.getTime()).toBe(TEST_START_MS + 900_000);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/Deploy/sdk-test`);
    const creds = out.Credentials;
    if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken) throw new Error('AssumeRole returned incomplete credentials');
    const who = await client({ accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${TEST_ACCOUNT}:assumed-role/Deploy/sdk-test`);
    expect(who.UserId).toMatch(/^AROA[A-Z2-7]{17}:sdk-test$/);
  });

  it('GetSessionToken credentials sign further calls', async () => {
    const { client } = setup();
    const out = await client(USER).send(new GetSessionTokenCommand({ DurationSeconds: 3600 }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('GetSessionToken returned incomplete credentials');
    const who = await client({ accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:iam::${TEST_ACCOUNT}:user/alice`);
  });

  it('surfaces AccessDenied, ValidationError, InvalidClientTokenId and SignatureDoesNotMatch with their status', async () => {
    const { client } = setup();
    const denied = await rejection(
      client({ accessKeyId: TEST_OTHER_USER.accessKeyId, secretAccessKey: TEST_OTHER_USER.secretAccessKey }).send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/Deploy`, RoleSessionName: 'nope' }),
      ),
    );
    expect([denied.name, denied.status]).toEqual(['AccessDenied', 403]);
    expect(denied.message).toBe(`User: arn:aws:iam::${TEST_ACCOUNT}:user/mallory is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${TEST_ACCOUNT}:role/Deploy because no identity-based policy allows the sts:AssumeRole action`);
    const invalid = await rejection(client(USER).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/Deploy`, RoleSessionName: 'ok', DurationSeconds: 100 })));
    expect([invalid.name, invalid.status]).toEqual(['ValidationError', 400]);
    const unknown = await rejection(client({ accessKeyId: 'AKIAUNKNOWNEXAMPLE00', secretAccessKey: 'x'.repeat(40) }).send(new GetCallerIdentityCommand({})));
    expect([unknown.name, unknown.status]).toEqual(['InvalidClientTokenId', 403]);
    const wrong = await rejection(client({ ...USER, secretAccessKey: 'y'.repeat(40) }).send(new GetCallerIdentityCommand({})));
    expect([wrong.name, wrong.status]).toEqual(['SignatureDoesNotMatch', 403]);
  });

  it('a body tampered with after signing gets SignatureDoesNotMatch', async () => {
    const { client, setTamper } = setup();
    setTamper((r) => ({ ...r, body: new TextEncoder().encode(`${new TextDecoder().decode(r.body)}&DurationSeconds=900`) }));
    const tampered = await rejection(client(USER).send(new GetCallerIdentityCommand({})));
    expect([tampered.name, tampered.status]).toEqual(['SignatureDoesNotMatch', 403]);
  });

  it('sends AssumeRoleWithWebIdentity unsigned, and an expired token surfaces as the modelled ExpiredTokenException', async () => {
    const { client, seen } = setup();
    const sts = client(USER);
    const role = `arn:aws:iam::${TEST_ACCOUNT}:role/ci`;
    const token = makeWebIdentityToken({ sub: 'ci-job', iss: 'https://oidc.example.test', aud: 'sts.amazonaws.com', expiresAtMs: TEST_START_MS + 60_000 });
    const out = await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role, RoleSessionName: 'job-1', WebIdentityToken: token }));
    expect(seen.at(-1)?.headers.authorization).toBeUndefined();
    expect([out.SubjectFromWebIdentityToken, out.Provider, out.Audience]).toEqual(['ci-job', 'https://oidc.example.test', 'sts.amazonaws.com']);
    const stale = makeWebIdentityToken({ sub: 'ci-job', iss: 'https://oidc.example.test', aud: 'sts.amazonaws.com', expiresAtMs: TEST_START_MS - 1000 });
    const expired = await rejection(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: role, RoleSessionName: 'job-1', WebIdentityToken: stale })));
    expect(expired.error).toBeInstanceOf(ExpiredTokenException);
    expect(expired.status).toBe(400);
  });

  it('classifies the 400 Throttling answer (stsErrorResponse) as throttling and retries it', async () => {
    const { client, throttle, seen } = setup();
    const kinds: string[] = [];
    const retryStrategy = recordingRetryStrategy(kinds, (count, errorType) => errorType === 'THROTTLING' && count < 2);
    throttle(2);
    const out = await client(USER, { retryStrategy, maxAttempts: 3 }).send(new GetCallerIdentityCommand({}));
    expect(kinds).toEqual(['THROTTLING', 'THROTTLING']);
    expect(out.$metadata.attempts).toBe(3);
    expect(seen).toHaveLength(3);
    throttle(1);
    const once = await rejection(client(USER).send(new GetCallerIdentityCommand({})));
    expect([once.name, once.status, once.message]).toEqual(['Throttling', 400, 'Rate exceeded']);
  });

  it('a client whose clock is an hour off is refused once, corrects itself from the Date header and succeeds', async () => {
    const { client, seen } = setup();
    const kinds: string[] = [];
    const retryStrategy = recordingRetryStrategy(kinds, (count) => count < 1);
    const skewed = client(USER, { retryStrategy, maxAttempts: 2, systemClockOffset: TEST_START_MS - Date.now() + 3_600_000 });
    const out = await skewed.send(new GetCallerIdentityCommand({}));
    expect(out.Arn).toBe(`arn:aws:iam::${TEST_ACCOUNT}:user/alice`);
    expect(kinds).toEqual(['TRANSIENT']);
    expect(seen.map((r) => r.headers['x-amz-date']?.slice(0, 11))).toEqual(['20261128T03', '20261128T02']);
  });
});
