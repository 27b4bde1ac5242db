/**
 * A long-running client against the mock in-process when the server's clock
 * moves and the local one does not (decision 0084): the refused
 * credentials are dropped and the call is sent again with fresh ones, and
 * once the skew is known, expiry is judged on the server's clock.
 */
import { describe, expect, it } from 'vitest';
import { AwsServiceError, createClient, fromStatic, getCallerIdentity, getSessionToken } from '../src/index.js';
import type { AwsClient } from '../src/index.js';
import { fakeFs } from './fakes.js';
import { harness, type Harness } from './mockHarness.js';

const HOUR_MS = 3_600_000;

/** A client whose credentials come from the mock's container endpoint through the default chain. */
function containerClient(h: Harness): AwsClient {
  return createClient({
    region: 'us-east-1',
    env: {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1${h.mock.config.container.path}`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'rolecall-container-token',
      AWS_ENDPOINT_URL_STS: 'http://sts.mock.test',
    },
    fs: fakeFs({}),
    homeDir: '/home/nobody',
    dispatcher: h.dispatcher,
    clock: h.clock,
  });
}

const stsCodes = (h: Harness): (string | null)[] => h.journal().filter((e) => e.service === 'sts').map((e) => e.code);
const credentialFetches = (h: Harness): number => h.journal().filter((e) => e.service === 'container').length;

describe('expired credentials in a long-running client', () => {
  it('regression: after the server clock moves 6 h, ExpiredToken refreshes the cached credentials and the call succeeds', async () => {
    const h = harness();
    const client = containerClient(h);
    expect((await getCallerIdentity(client)).$metadata.attempts).toBe(1);
    h.mock.clock.advance(6 * HOUR_MS); // the server's clock only: ours still says the credentials are good
    const after = await getCallerIdentity(client);
    expect(after.Arn).toMatch(/assumed-role\//);
    // ExpiredToken, then fresh credentials signed at the server's time (its Date header taught the skew).
    expect(after.$metadata.attempts).toBe(2);
    expect(stsCodes(h)).toEqual([null, 'ExpiredToken', null]);
    expect(credentialFetches(h)).toBe(2);
    expect((await getCallerIdentity(client)).$metadata.attempts).toBe(1);
  });

  it('many concurrent calls refused as expired fetch fresh credentials once', async () => {
    const h = harness();
    const client = containerClient(h);
    await getCallerIdentity(client);
    h.mock.clock.advance(6 * HOUR_MS);
    const results = await Promise.all(Array.from({ length: 20 }, () => getCallerIdentity(client)));
    expect(results.every((r) => r.Account === h.mock.config.account)).toBe(true);
    expect(credentialFetches(h)).toBe(2);
  });

  it('judges expiry on the server clock once the skew is known: fresh credentials before ExpiredToken', async () => {
    const h = harness();
    h.mock.clock.advance(6 * HOUR_MS); // the server is 6 h ahead from the start
    const client = containerClient(h);
    // Signed on our clock: "Signature expired", the Date header teaches the skew, re-signed.
    expect((await getCallerIdentity(client)).$metadata.attempts).toBe(2);
    // Both clocks move 6 h: the credentials expired on the server's clock, not on ours.
    await h.advance(6 * HOUR_MS);
    const later = await getCallerIdentity(client);
    expect(later.$metadata.attempts).toBe(1);
    expect(stsCodes(h)).toEqual(['SignatureDoesNotMatch', null, null]);
    expect(credentialFetches(h)).toBe(2);
  });

  it('static keys refused as expired are not sent again: the ExpiredToken error after one request', async () => {
    const h = harness();
    const sts = { region: 'us-east-1', env: { AWS_ENDPOINT_URL_STS: 'http://sts.mock.test' }, dispatcher: h.dispatcher, clock: h.clock };
    const alice = createClient({ ...sts, credentials: fromStatic({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }) });
    const { Credentials } = await getSessionToken(alice, { DurationSeconds: 900 });
    // The identity object a user writes, with no expiration: nothing to refresh from.
    const session = createClient({ ...sts, credentials: { accessKeyId: Credentials.accessKeyId, secretAccessKey: Credentials.secretAccessKey, sessionToken: Credentials.sessionToken } });
    expect((await getCallerIdentity(session)).Arn).toContain(':user/alice');
    await h.advance(HOUR_MS);
    const error = await getCallerIdentity(session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({ awsCode: 'ExpiredToken' });
    expect(stsCodes(h)).toEqual([null, null, 'ExpiredToken']);
  });
});
