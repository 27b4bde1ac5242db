/**
 * The signed client against the fake AWS, through both fronts a client can
 * meet: the in-process undici Dispatcher and the loopback node:http server,
 * the latter reached with each transport (undici's pool and node:http).
 * The mock verifies every SigV4 signature with @smithy/signature-v4, so a
 * passing call proves our aws4 signing is what AWS expects.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMockAws, makeWebIdentityToken, mockDispatcher, startMockServer } from '@rolecall/mock-aws';
import type { MockAwsCore, MockServer } from '@rolecall/mock-aws';
import {
  AwsServiceError,
  InvalidOptionError,
  NetworkError,
  RetryAbortedError,
  RetryAttemptsExhaustedError,
  assumeRole,
  assumeRoleWithWebIdentity,
  createClient,
  createRolecallRetryStrategy,
  createVirtualClock,
  fromStatic,
  getCallerIdentity,
  getSessionToken,
  seededRandom,
} from '../src/index.js';
import type { AwsClient, ClientOptions, Clock, RetryEvent, VirtualClock } from '../src/index.js';
import { drive } from './client-drive.js';
import { clockFollowedByMock } from './support/virtualTime.js';

const ALICE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ACCOUNT = '123456789012';

interface Front {
  readonly mock: MockAwsCore;
  /** Client options that reach the mock through this front. */
  readonly options: Pick<ClientOptions, 'dispatcher' | 'endpoint' | 'env' | 'clock' | 'transport'>;
  /** Our virtual clock (the client's clock wraps it: the mock's clock is set to it whenever a sleep ends, so journal times show our spacing). */
  readonly clock: VirtualClock;
  close(): Promise<void>;
}

type FrontKind = 'dispatcher' | 'loopback' | 'loopback over node:http';

async function start(kind: FrontKind): Promise<Front> {
  const mock = createMockAws({ faults: { throttle: {} } });
  const virtual = createVirtualClock(mock.clock.now());
  const clock = clockFollowedByMock(virtual, mock);
  if (kind === 'dispatcher') {
    return { mock, clock: virtual, options: { dispatcher: mockDispatcher(mock), endpoint: 'http://sts.mock.test', env: {}, clock }, close: async () => undefined };
  }
  const server: MockServer = await startMockServer(mock, { port: 0 });
  const transport = kind === 'loopback' ? 'undici' : 'node:http';
  return { mock, clock: virtual, options: { env: { AWS_ENDPOINT_URL_STS: server.url }, clock, transport }, close: () => server.close() };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(kind: FrontKind, extra: Partial<ClientOptions> = {}): Promise<{ front: Front; client: AwsClient; events: RetryEvent[] }> {
  const front = await start(kind);
  cleanups.push(() => front.close());
  const events: RetryEvent[] = [];
  const client = createClient({
    ...front.options,
    credentials: fromStatic(ALICE),
    retry: createRolecallRetryStrategy({ clock: front.options.clock as Clock, random: seededRandom(42) }),
    onRetry: (e) => events.push(e),
    ...extra,
  });
  cleanups.push(() => client.close());
  return { front, client, events };
}

const ms = (iso: string): number => Date.parse(iso);

describe.each(['dispatcher', 'loopback', 'loopback over node:http'] as const)('createClient against the mock (%s)', (kind) => {
  it('GetCallerIdentity as the configured user, signature verified by the mock', async () => {
    const { front, client } = await setup(kind);
    const me = await getCallerIdentity(client);
    expect(me).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/alice` });
    expect(me.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1, totalRetryDelayMs: 0 });
    expect(me.$metadata.requestId).toMatch(/\S/);
    expect(front.mock.journal().map((e) => [e.action, e.status, e.accessKeyId])).toEqual([['GetCallerIdentity', 200, '****MPLE']]);
  });

  it('retries Throttling twice and succeeds on attempt 3; the journal spacing is the backoff', async () => {
    const { front, client, events } = await setup(kind);
    front.mock.setFaults({ rules: [{ service: 'sts', action: 'GetCallerIdentity', status: 400, code: 'Throttling', times: 2 }] });
    const me = await drive(front.clock, events, getCallerIdentity(client));
    expect(me.$metadata.attempts).toBe(3);
    const journal = front.mock.journal();
    expect(journal.map((e) => [e.status, e.code])).toEqual([[400, 'Throttling'], [400, 'Throttling'], [200, null]]);
    expect(events.map((e) => [e.attempt, e.errorClass, e.code])).toEqual([[1, 'throttling', 'Throttling'], [2, 'throttling', 'Throttling']]);
    // Full jitter on a 1 s throttling base: retry i waits in [0, 2^i s); the mock saw exactly those gaps.
    const gaps = [ms(journal[1]!.t) - ms(journal[0]!.t), ms(journal[2]!.t) - ms(journal[1]!.t)];
    events.forEach((e, i) => {
      expect(e.delayMs).toBeGreaterThanOrEqual(0);
      expect(e.delayMs).toBeLessThan(1000 * 2 ** i);
      expect(Math.abs(gaps[i]! - e.delayMs)).toBeLessThanOrEqual(1);
    });
    expect(me.$metadata.totalRetryDelayMs).toBeCloseTo(events[0]!.delayMs + events[1]!.delayMs, 6);
  });

  it('gives up on 100% throttling with the retry engine error naming Throttling', async () => {
    const { front, client, events } = await setup(kind);
    front.mock.setFaults({ rules: [{ service: 'sts', action: 'GetCallerIdentity', status: 400, code: 'Throttling' }] });
    const error = await drive(front.clock, events, getCallerIdentity(client).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(RetryAttemptsExhaustedError);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_RETRY_ATTEMPTS_EXHAUSTED', attempts: 3, lastErrorCode: 'Throttling' });
    expect((error as Error).message).toContain('Throttling');
    expect((error as Error).cause).toBeInstanceOf(AwsServiceError);
    expect(front.mock.journal()).toHaveLength(3);
  });

  it('does not retry SignatureDoesNotMatch (wrong secret), and never echoes the secret', async () => {
    const wrong = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET';
    const { front, client, events } = await setup(kind, { credentials: fromStatic({ accessKeyId: ALICE.accessKeyId, secretAccessKey: wrong }) });
    const error = await drive(front.clock, events, getCallerIdentity(client).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({ awsCode: 'SignatureDoesNotMatch', statusCode: 403, retryable: false });
    expect((error as AwsServiceError).requestId).toMatch(/\S/);
    expect((error as Error).message).not.toContain(wrong);
    expect(front.mock.journal()).toHaveLength(1);
    expect(events).toHaveLength(0);
  });

  it('retries a reset connection as transient (NetworkError) and succeeds', async () => {
    const { front, client, events } = await setup(kind);
    front.mock.setFaults({ rules: [{ service: 'sts', action: 'GetCallerIdentity', reset: true, times: 1 }] });
    const me = await drive(front.clock, events, getCallerIdentity(client));
    expect(me.$metadata.attempts).toBe(2);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ errorClass: 'transient' });
    expect(events[0]?.error).toBeInstanceOf(NetworkError);
    expect(events[0]?.error).toMatchObject({ kind: 'reset', code: 'ERR_ROLECALL_NETWORK' });
  });

  it('bounds a hung attempt with requestTimeoutMs on the client clock, then retries it', async () => {
    const { front, client, events } = await setup(kind, { requestTimeoutMs: 2_000 });
    front.mock.setFaults({ rules: [{ service: 'sts', action: 'GetCallerIdentity', hang: true, times: 1 }] });
    const started = front.clock.now();
    const call = getCallerIdentity(client);
    // The first attempt is in flight (its timeout is the only timer) and never answered: let 2 s pass.
    while (front.clock.pending() === 0) await new Promise((resolve) => setImmediate(resolve));
    await front.clock.advance(2_000);
    const me = await drive(front.clock, events, call);
    expect(me.$metadata.attempts).toBe(2);
    expect(events[0]?.error).toMatchObject({ code: 'ERR_ROLECALL_NETWORK', kind: 'timeout', errno: 'ETIMEDOUT' });
    expect(front.clock.now() - started).toBe(2_000 + (events[0]?.delayMs ?? NaN));
  });

  it('stops sleeping as soon as the caller aborts, with RetryAbortedError', async () => {
    const { front, client, events } = await setup(kind, {});
    front.mock.setFaults({ rules: [{ service: 'sts', action: 'GetCallerIdentity', status: 400, code: 'Throttling' }] });
    const controller = new AbortController();
    const call = getCallerIdentity(client, { signal: controller.signal }).catch((e: unknown) => e);
    // Wait for the backoff sleep (after the first retry event; the attempt timeout is gone by then).
    while (events.length === 0 || front.clock.pending() === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('user pressed ^C'));
    const error = await call;
    expect(error).toBeInstanceOf(RetryAbortedError);
    expect(error).toMatchObject({ attempts: 1, lastErrorCode: 'Throttling' });
    expect(front.clock.pending()).toBe(0);
    expect(front.mock.journal()).toHaveLength(1);
  });

  it('AssumeRole returns credentials that then work as the assumed role', async () => {
    const { front, client } = await setup(kind);
    const role = await assumeRole(client, { RoleArn: `arn:aws:iam::${ACCOUNT}:role/rolecall-deploy`, RoleSessionName: 'build-42', DurationSeconds: 900 });
    expect(role.Credentials).toMatchObject({ source: 'assume-role', accountId: ACCOUNT });
    expect(role.Credentials.accessKeyId).toMatch(/^ASIA/);
    expect(role.Credentials.expiration?.getTime()).toBe(front.mock.clock.now() + 900_000);
    expect(role.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/rolecall-deploy/build-42`);
    const asRole = createClient({ ...front.options, credentials: fromStatic(role.Credentials) });
    cleanups.push(() => asRole.close());
    const me = await getCallerIdentity(asRole);
    expect(me.Arn).toBe(role.AssumedRoleUser.Arn);
    expect(me.UserId).toBe(role.AssumedRoleUser.AssumedRoleId);
  });

  it('AssumeRole into a role that does not trust the caller is AccessDenied, not retried', async () => {
    const { front, client } = await setup(kind);
    const error = await assumeRole(client, { RoleArn: `arn:aws:iam::${ACCOUNT}:role/rolecall-web`, RoleSessionName: 'not-trusted' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ awsCode: 'AccessDenied', statusCode: 403, retryable: false });
    expect(front.mock.journal()).toHaveLength(1);
  });

  it('AssumeRoleWithWebIdentity goes unsigned and needs no credentials', async () => {
    const { front, client } = await setup(kind, {
      credentials: async () => Promise.reject(new Error('must not be asked')),
    });
    const token = makeWebIdentityToken({ sub: 'system:serviceaccount:ci:deploy', iss: 'https://oidc.example.test', aud: 'sts.amazonaws.com', expiresAtMs: front.mock.clock.now() + 3_600_000 });
    const out = await assumeRoleWithWebIdentity(client, { RoleArn: `arn:aws:iam::${ACCOUNT}:role/rolecall-web`, RoleSessionName: 'ci', WebIdentityToken: token });
    expect(out.Credentials.source).toBe('web-identity');
    expect(out).toMatchObject({ SubjectFromWebIdentityToken: 'system:serviceaccount:ci:deploy', Provider: expect.stringContaining('oidc.example.test') });
    expect(front.mock.journal()[0]).toMatchObject({ action: 'AssumeRoleWithWebIdentity', status: 200 });
  });

  it('GetSessionToken returns working session credentials', async () => {
    const { front, client } = await setup(kind);
    const { Credentials } = await getSessionToken(client, { DurationSeconds: 900 });
    expect(Credentials.sessionToken).toMatch(/\S/);
    const session = createClient({ ...front.options, credentials: fromStatic(Credentials) });
    cleanups.push(() => session.close());
    expect((await getCallerIdentity(session)).Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
  });
});

describe('createClient transport option', () => {
  it('refuses an unknown transport and node:http with a dispatcher, saying what to do', async () => {
    const mock = createMockAws({});
    expect(() => createClient({ transport: 'fetch' as never })).toThrow(/transport must be one of 'undici', 'node:http', got "fetch"/);
    const both = (): unknown => createClient({ transport: 'node:http', dispatcher: mockDispatcher(mock) });
    expect(both).toThrow(InvalidOptionError);
    expect(both).toThrow(/cannot use a dispatcher/);
  });

  it('over node:http, a refused connection is a transient NetworkError of kind connect', async () => {
    // A port that was just listening and is now closed: nothing answers there.
    const server = await startMockServer(createMockAws({}), { port: 0 });
    const url = server.url;
    await server.close();
    const client = createClient({
      transport: 'node:http',
      endpoint: url,
      env: {},
      credentials: fromStatic(ALICE),
      retry: createRolecallRetryStrategy({ maxAttempts: 1 }),
    });
    const error = await getCallerIdentity(client).catch((e: unknown) => e);
    const network = error instanceof NetworkError ? error : (error as Error).cause;
    expect(network).toBeInstanceOf(NetworkError);
    expect(network).toMatchObject({ kind: 'connect', errno: 'ECONNREFUSED', errorClass: 'transient' });
  });
});
