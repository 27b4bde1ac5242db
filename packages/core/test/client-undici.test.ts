/**
 * The signed client over undici's MockAgent, where every request's headers
 * can be inspected: SigV4 as sent, unsigned calls, error mapping, clock-skew
 * correction, and each retry signed at the time it is sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MockAgent } from 'undici';
import {
  AwsServiceError,
  CredentialsProviderError,
  InvalidOptionError,
  NetworkError,
  createClient,
  createRolecallRetryStrategy,
  createVirtualClock,
  fromStatic,
  seededRandom,
} from '../src/index.js';
import type { AwsClient, RetryEvent, VirtualClock } from '../src/index.js';
import type { fromEnv as sdkFromEnv } from '@aws-sdk/credential-providers';
import { drive } from './client-drive.js';
import { fakeFs } from './fakes.js';

const ORIGIN = 'https://sts.eu-west-1.amazonaws.com';
const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const throttled = (id: string): string => `<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`;
const OK = '<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>';

interface Seen {
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly path: string;
}

function setup(replies: readonly { status: number; body: string; headers?: Record<string, string> }[], clock: VirtualClock = createVirtualClock(Date.UTC(2026, 10, 28, 1, 28, 37))) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const seen: Seen[] = [];
  const pool = agent.get(ORIGIN);
  for (const reply of replies) {
    pool.intercept({ path: () => true, method: 'POST' }).reply((opts) => {
      seen.push({ headers: opts.headers as Record<string, string>, body: String(opts.body), path: opts.path });
      return { statusCode: reply.status, data: reply.body, responseOptions: { headers: { 'x-amzn-requestid': `req-${seen.length}`, ...reply.headers } } };
    });
  }
  return { agent, seen, clock };
}

const clients: AwsClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function client(options: Parameters<typeof createClient>[0]): AwsClient {
  const c = createClient(options);
  clients.push(c);
  return c;
}

describe('createClient', () => {
  it('signs with SigV4 for the service and region, with the clock date and the session token', async () => {
    const { agent, seen, clock } = setup([{ status: 200, body: OK }]);
    const c = client({ region: 'eu-west-1', dispatcher: agent, clock, env: {}, credentials: fromStatic({ ...KEYS, sessionToken: 'session-token-example' }) });
    const res = await c.send({ service: 'sts', action: 'GetCallerIdentity', body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(res.body).toBe(OK);
    expect(res.$metadata).toEqual({ httpStatusCode: 200, requestId: 'req-1', attempts: 1, totalRetryDelayMs: 0 });
    const h = seen[0]?.headers ?? {};
    expect(h['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20261128\/eu-west-1\/sts\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-security-token[a-z0-9;-]*, Signature=[0-9a-f]{64}$/);
    expect(h['x-amz-date']).toBe('20261128T012837Z');
    expect(h['x-amz-security-token']).toBe('session-token-example');
    expect(h['host']).toBe('sts.eu-west-1.amazonaws.com');
    expect(h['user-agent']).toMatch(/^rolecall\/\d/);
  });

  it('sends unsigned requests without asking for credentials', async () => {
    const { agent, seen, clock } = setup([{ status: 200, body: OK }]);
    let asked = 0;
    const c = client({ region: 'eu-west-1', dispatcher: agent, clock, env: {}, credentials: async () => { asked++; return KEYS; } });
    await c.send({ service: 'sts', body: 'Action=AssumeRoleWithWebIdentity', signed: false });
    expect(asked).toBe(0);
    expect(seen[0]?.headers['authorization']).toBeUndefined();
  });

  it('turns an AWS error into AwsServiceError and does not retry what is not retryable', async () => {
    const { agent, seen, clock } = setup([
      { status: 403, body: '<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error><RequestId>r9</RequestId></ErrorResponse>' },
    ]);
    const c = client({ region: 'eu-west-1', dispatcher: agent, clock, env: {}, credentials: fromStatic(KEYS) });
    const error = await c.send({ service: 'sts', action: 'GetCallerIdentity', body: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_AWS_SERVICE', awsCode: 'SignatureDoesNotMatch', statusCode: 403, requestId: 'req-1', retryable: false, errorClass: 'non-retryable' });
    expect((error as Error).message).not.toContain(KEYS.secretAccessKey);
    expect(seen).toHaveLength(1);
  });

  it('corrects its clock once from the Date header of a skew error', async () => {
    const clock = createVirtualClock(Date.UTC(2026, 10, 28, 1, 0, 0));
    const serverDate = new Date(Date.UTC(2026, 10, 28, 2, 0, 0)).toUTCString();
    const { agent, seen } = setup(
      [
        { status: 403, body: '<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>Signature expired</Message></Error></ErrorResponse>', headers: { date: serverDate } },
        { status: 200, body: OK },
      ],
      clock,
    );
    const c = client({ region: 'eu-west-1', dispatcher: agent, clock, env: {}, credentials: fromStatic(KEYS) });
    const res = await c.send({ service: 'sts', body: 'x' });
    expect(res.$metadata.attempts).toBe(2);
    expect(seen.map((s) => s.headers['x-amz-date'])).toEqual(['20261128T010000Z', '20261128T020000Z']);
  });

  it('resolves the region lazily, once, and asks the default chain for credentials', async () => {
    const { agent, clock } = setup([]);
    // Nothing configured anywhere: no keys, no files, IMDS off.
    const env = { AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' };
    const c = client({ dispatcher: agent, clock, env });
    expect(await c.region()).toMatchObject({ value: 'us-east-1', source: 'default' });
    expect(await c.region()).toBe(await c.region());
    expect((await c.endpoint('sts')).url.href).toBe('https://sts.us-east-1.amazonaws.com/');
    const error = await c.send({ service: 'sts', body: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsProviderError);
    expect((error as Error).message).toContain('AWS_ACCESS_KEY_ID is not set');
  });

  it('uses the default chain with its own env: keys from the environment sign the request', async () => {
    const { agent, seen, clock } = setup([{ status: 200, body: OK }]);
    const env = { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey, AWS_REGION: 'eu-west-1' };
    await client({ dispatcher: agent, clock, env }).send({ service: 'sts', body: 'x' });
    expect(seen[0]?.headers['authorization']).toContain(`Credential=${KEYS.accessKeyId}/`);
  });

  it('retries throttling on the injected clock, re-signing each attempt with a fresh date', async () => {
    const { agent, seen, clock } = setup([
      { status: 400, body: throttled('a') },
      { status: 400, body: throttled('b') },
      { status: 200, body: OK },
    ]);
    const events: RetryEvent[] = [];
    const retry = createRolecallRetryStrategy({ clock, random: seededRandom(7) });
    const c = client({ region: 'eu-west-1', dispatcher: agent, clock, env: {}, credentials: fromStatic(KEYS), retry, onRetry: (e) => events.push(e) });
    const started = clock.now();
    const res = await drive(clock, events, c.send({ service: 'sts', action: 'GetCallerIdentity', body: 'Action=GetCallerIdentity' }));
    expect(res.$metadata.attempts).toBe(3);
    expect(events.map((e) => [e.attempt, e.errorClass, e.code])).toEqual([[1, 'throttling', 'Throttling'], [2, 'throttling', 'Throttling']]);
    const waited = events.reduce((sum, e) => sum + e.delayMs, 0);
    expect(res.$metadata.totalRetryDelayMs).toBe(waited);
    expect(clock.now() - started).toBe(waited);
    // Full jitter with a 1 s throttling base: retry i waits in [0, 2^i s).
    events.forEach((e, i) => expect(e.delayMs).toBeLessThan(1000 * 2 ** i));
    // Each attempt is signed at the time it is sent: start + the waits before it.
    const amz = (ms: number): string => new Date(ms).toISOString().replace(/[:-]|\.\d{3}/g, '');
    const d0 = events[0]?.delayMs ?? NaN;
    const d1 = events[1]?.delayMs ?? NaN;
    expect(seen.map((s) => s.headers['x-amz-date'])).toEqual([amz(started), amz(started + d0), amz(started + d0 + d1)]);
  });

  it('maps a refused connection to a transient NetworkError and gives up through the strategy', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: '/', method: 'POST' }).replyWithError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })).times(3);
    const clock = createVirtualClock();
    const events: RetryEvent[] = [];
    const c = client({ region: 'eu-west-1', dispatcher: agent, clock, env: {}, credentials: fromStatic(KEYS), random: seededRandom(1), onRetry: (e) => events.push(e) });
    const error = await drive(clock, events, c.send({ service: 'sts', body: 'x' }).catch((e: unknown) => e));
    expect(events.map((e) => [e.errorClass, e.code])).toEqual([['transient', 'ECONNREFUSED'], ['transient', 'ECONNREFUSED']]);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_RETRY_ATTEMPTS_EXHAUSTED' });
    expect(events[0]?.error).toBeInstanceOf(NetworkError);
    expect(events[0]?.error).toMatchObject({ kind: 'connect', errno: 'ECONNREFUSED', endpoint: ORIGIN });
  });
});

const expiredToken = { status: 403, body: '<ErrorResponse><Error><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error></ErrorResponse>' };

describe('createClient credentials: an identity object or a provider', () => {
  it('regression: an identity object, as SDK v3 users write it, signs (was "credentials is not a function")', async () => {
    const { agent, seen, clock } = setup([{ status: 200, body: OK }]);
    const c = client({ region: 'eu-west-1', dispatcher: agent, clock, env: {}, credentials: { ...KEYS, sessionToken: 'session-token-example', expiration: new Date(clock.now() + 3_600_000) } });
    await c.send({ service: 'sts', body: 'x' });
    expect(seen[0]?.headers['authorization']).toContain(`Credential=${KEYS.accessKeyId}/20261128/eu-west-1/sts/aws4_request`);
    expect(seen[0]?.headers['x-amz-security-token']).toBe('session-token-example');
  });

  it('takes a provider typed as the SDK\'s AwsCredentialIdentityProvider and tells it the clock skew', async () => {
    const { agent, seen, clock } = setup([{ status: 200, body: OK }]);
    const asked: unknown[] = [];
    const sdkShaped: ReturnType<typeof sdkFromEnv> = async (properties) => {
      asked.push(properties);
      return { ...KEYS, credentialScope: 'eu-west-1' };
    };
    const c = client({ region: 'eu-west-1', dispatcher: agent, clock, env: {}, credentials: sdkShaped });
    await c.send({ service: 'sts', body: 'x' });
    expect(seen[0]?.headers['authorization']).toContain(`Credential=${KEYS.accessKeyId}/`);
    expect(asked).toEqual([{ clockSkewMs: 0 }]);
  });

  it.each([
    ['a string', KEYS.accessKeyId, /must be an object or a function, got string/],
    ['null', null, /got null/],
    ['a Promise', Promise.resolve(KEYS), /credentials is a Promise; pass the provider itself/],
    ['a misnamed secret', { accessKeyId: KEYS.accessKeyId, secret: KEYS.secretAccessKey }, /credentials\.secretAccessKey must be a non-empty string \(the object has keys accessKeyId, secret\)/],
    ['an empty access key', { ...KEYS, accessKeyId: ' ' }, /credentials\.accessKeyId must be a non-empty string/],
    ['a numeric token', { ...KEYS, sessionToken: 42 }, /credentials\.sessionToken must be a string/],
    ['an expiration that is not a Date', { ...KEYS, expiration: '2026-11-28T02:00:00Z' }, /credentials\.expiration must be a valid Date/],
  ])('refuses %s with a precise InvalidOptionError that shows no value', (_what, value, message) => {
    const error = (() => {
      try {
        createClient({ env: {}, credentials: value as never });
        return undefined;
      } catch (e: unknown) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_INVALID_OPTION', option: 'credentials' });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(KEYS.secretAccessKey);
    expect((error as Error).message).not.toContain(KEYS.accessKeyId);
  });

  it('after ExpiredToken asks the provider for fresh credentials and sends once more with them', async () => {
    const { agent, seen, clock } = setup([expiredToken, { status: 200, body: OK }]);
    const asked: unknown[] = [];
    let n = 0;
    const provider = async (properties?: unknown) => {
      asked.push(properties);
      n++;
      return { accessKeyId: `ASIAFAKE0000000000${n}`, secretAccessKey: 'fakeSecret', sessionToken: `fakeToken${n}` };
    };
    const c = client({ region: 'eu-west-1', dispatcher: agent, clock, env: {}, credentials: provider });
    const res = await c.send({ service: 'sts', body: 'x' });
    expect(res.$metadata.attempts).toBe(2);
    expect(seen.map((s) => s.headers['x-amz-security-token'])).toEqual(['fakeToken1', 'fakeToken2']);
    expect(asked[1]).toMatchObject({ forceRefresh: true, expired: { accessKeyId: 'ASIAFAKE00000000001' } });
  });

  it('does not refresh on InvalidClientTokenId (a wrong key, not an expired one): one request', async () => {
    const { agent, seen, clock } = setup([
      { status: 403, body: '<ErrorResponse><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>' },
    ]);
    let asked = 0;
    const c = client({ region: 'eu-west-1', dispatcher: agent, clock, env: {}, credentials: async () => (asked++, KEYS) });
    const error = await c.send({ service: 'sts', body: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ awsCode: 'InvalidClientTokenId' });
    expect([seen.length, asked]).toEqual([1, 1]);
  });
});

describe('createClient region: the selected profile\'s region from the shared config, as the CLI', () => {
  const HOME = '/home/dev';
  const fs = fakeFs({ [`${HOME}/.aws/config`]: '[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-south-1\n' });
  const regionOf = async (options: Parameters<typeof createClient>[0]) => {
    const r = await client({ credentials: KEYS, fs, homeDir: HOME, ...options }).region();
    return [r.value, r.source];
  };

  it('regression: signs for the default profile\'s region and says so (was us-east-1 from default)', async () => {
    const { agent, seen, clock } = setup([{ status: 200, body: OK }]);
    const c = client({ env: {}, fs, homeDir: HOME, dispatcher: agent, clock, credentials: KEYS });
    expect(await c.region()).toMatchObject({ value: 'eu-west-1', source: 'profile:default' });
    await c.send({ service: 'sts', body: 'x' });
    expect(seen[0]?.headers['host']).toBe('sts.eu-west-1.amazonaws.com');
    expect(seen[0]?.headers['authorization']).toContain('/20261128/eu-west-1/sts/aws4_request');
  });

  it('explicit → AWS_REGION → AWS_DEFAULT_REGION → profile (option, then AWS_PROFILE) → us-east-1', async () => {
    expect(await regionOf({ env: { AWS_PROFILE: 'dev' } })).toEqual(['ap-south-1', 'profile:dev']);
    expect(await regionOf({ env: { AWS_PROFILE: 'dev' }, profile: 'default' })).toEqual(['eu-west-1', 'profile:default']);
    expect(await regionOf({ env: { AWS_PROFILE: 'dev', AWS_DEFAULT_REGION: 'us-west-1' } })).toEqual(['us-west-1', 'env:AWS_DEFAULT_REGION']);
    expect(await regionOf({ env: { AWS_DEFAULT_REGION: 'us-west-1', AWS_REGION: 'us-west-2' } })).toEqual(['us-west-2', 'env:AWS_REGION']);
    expect(await regionOf({ env: { AWS_REGION: 'us-west-2' }, region: 'ca-central-1' })).toEqual(['ca-central-1', 'explicit']);
    expect(await regionOf({ env: { AWS_PROFILE: 'nosuch' } })).toEqual(['us-east-1', 'default']);
    expect(await regionOf({ env: {}, fs: fakeFs({}) })).toEqual(['us-east-1', 'default']);
    // A reader passed in code still replaces the files.
    expect(await regionOf({ env: {}, regionOptions: { profileRegion: async () => 'sa-east-1' } })).toEqual(['sa-east-1', 'profile:default']);
  });
});
