import { describe, expect, it } from 'vitest';
import { createImdsClient, fromInstanceMetadata, ImdsError, ImdsV1ForbiddenError, memoize, seededRandom } from '../src/index.js';
import { HOP_LIMIT_HINT } from '../src/imds/createImdsClient.js';
import { memoryLogger } from './fakes.js';
import { harness } from './mockHarness.js';

describe('IMDS client against the mock (in-process)', () => {
  it('reads items, listings, user-data, the identity document, region and IAM info with one IMDSv2 token', async () => {
    const h = harness({ instance: { userData: '#!/bin/sh\necho hi\n' } });
    const imds = createImdsClient({ env: {}, dispatcher: h.dispatcher, clock: h.clock, fs: { readFile: async () => '' } });
    expect(await imds.get('meta-data/instance-id')).toBe(h.mock.config.instance.instanceId);
    expect(await imds.list('meta-data/placement')).toContain('region');
    expect(await imds.userData()).toBe('#!/bin/sh\necho hi\n');
    expect((await imds.identityDocument())['instanceId']).toBe(h.mock.config.instance.instanceId);
    expect(await imds.region()).toBe(h.mock.config.instance.region);
    expect((await imds.iamInfo()).InstanceProfileArn).toContain(':instance-profile/');
    expect(h.journal('token')).toHaveLength(1);
    expect(imds.protocol()).toBe('IMDSv2');
  });

  it('answers 404 as an ImdsError with statusCode 404', async () => {
    const h = harness({ instance: { userData: null } });
    const imds = createImdsClient({ env: {}, dispatcher: h.dispatcher, clock: h.clock, fs: { readFile: async () => '' } });
    await expect(imds.get('meta-data/no-such-thing')).rejects.toMatchObject({ statusCode: 404 });
    expect(await imds.userData()).toBeUndefined();
  });

  it('renews the token on a 401 and early before its TTL ends', async () => {
    const h = harness();
    const imds = createImdsClient({ env: {}, dispatcher: h.dispatcher, clock: h.clock, tokenTtlSeconds: 600, fs: { readFile: async () => '' } });
    await imds.get('meta-data/instance-id');
    await h.advance(500_000); // past 600 s - 120 s
    await imds.get('meta-data/instance-id');
    expect(h.journal('token')).toHaveLength(2);
    h.mock.reset(); // every token the mock issued is forgotten: the next GET gets a 401
    await imds.get('meta-data/instance-id');
    expect(h.journal('token')).toHaveLength(1);
    expect(h.journal().map((e) => e.status)).toEqual([401, 200, 200]);
  });

  it('falls back to IMDSv1 when the token PUT answers 403, and never when v1 is disabled', async () => {
    const config = { instance: { httpTokens: 'optional' as const }, faults: { rules: [{ service: 'imds' as const, path: '/latest/api/token', status: 403 }] } };
    const h = harness(config);
    const v1 = createImdsClient({ env: {}, dispatcher: h.dispatcher, clock: h.clock, fs: { readFile: async () => '' } });
    const creds = await v1.credentials();
    expect(creds.protocol).toBe('IMDSv1');
    const forbidden = createImdsClient({ env: { AWS_EC2_METADATA_V1_DISABLED: 'true' }, dispatcher: h.dispatcher, clock: h.clock, fs: { readFile: async () => '' } });
    const error = await forbidden.credentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImdsV1ForbiddenError);
    expect((error as ImdsV1ForbiddenError).forbiddenBy).toBe('AWS_EC2_METADATA_V1_DISABLED=true');
  });

  it('names the hop limit when the token PUT gets no answer but a plain GET does (v1 allowed)', async () => {
    const h = harness({ instance: { httpTokens: 'optional', hopLimit: 1, hops: { 'far-container': 2 } } });
    const logger = memoryLogger();
    const provider = fromInstanceMetadata({ env: {}, dispatcher: h.dispatcher, clock: h.clock, headers: { 'x-rolecall-client': 'far-container' }, logger, fs: { readFile: async () => '' } });
    const creds = await h.settle(provider());
    expect(creds.source).toBe('imds');
    expect(logger.messages.join('\n')).toContain(HOP_LIMIT_HINT);
  });

  it('names the hop limit in the error when v1 is forbidden', async () => {
    const h = harness({ instance: { hopLimit: 1, hops: { 'far-container': 2 } } });
    const imds = createImdsClient({ env: {}, v1Fallback: false, dispatcher: h.dispatcher, clock: h.clock, headers: { 'x-rolecall-client': 'far-container' }, fs: { readFile: async () => '' } });
    const error = await h.settle(imds.credentials().catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ImdsV1ForbiddenError);
    expect((error as Error).message).toContain('hop limit');
    expect((error as Error).message).toContain('v1Fallback: false');
  });

  it('names the hop limit when v1 answers 401 because the instance requires tokens', async () => {
    const h = harness({ instance: { httpTokens: 'required', hopLimit: 1, hops: { 'far-container': 2 } } });
    const imds = createImdsClient({ env: {}, dispatcher: h.dispatcher, clock: h.clock, headers: { 'x-rolecall-client': 'far-container' }, fs: { readFile: async () => '' } });
    const error = await h.settle(imds.get('meta-data/instance-id').catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ImdsError);
    expect((error as Error).message).toContain('hop limit');
  });

  it('a nearby client on the same instance keeps using IMDSv2', async () => {
    const h = harness({ instance: { hopLimit: 1, hops: { 'far-container': 2 } } });
    const imds = createImdsClient({ env: {}, dispatcher: h.dispatcher, clock: h.clock, headers: { 'x-rolecall-client': 'host-process' }, fs: { readFile: async () => '' } });
    expect((await imds.credentials()).protocol).toBe('IMDSv2');
  });
});

describe('IMDS credentials over time', () => {
  it('rotates across generations on the virtual clock', async () => {
    const h = harness({ instance: { credentialLifetimeS: 3600, rotateBeforeS: 900 } });
    const credentials = memoize(fromInstanceMetadata({ env: {}, dispatcher: h.dispatcher, clock: h.clock, fs: { readFile: async () => '' } }), {
      clock: h.clock,
      random: seededRandom(4),
    });
    const seen = new Set<string>();
    for (let minute = 0; minute < 4 * 60; minute += 5) {
      const c = await h.settle(credentials());
      expect(c.expiration!.getTime()).toBeGreaterThan(h.clock.now());
      seen.add(c.accessKeyId);
      await h.advance(5 * 60_000);
    }
    expect(seen.size).toBeGreaterThanOrEqual(4);
    // Refreshes happen once per generation, not per call.
    expect(h.journal('credentials').length).toBeLessThan(12);
  });

  it('survives an IMDS outage during refresh (static stability), logged once', async () => {
    const h = harness({ instance: { credentialLifetimeS: 3600, rotateBeforeS: 900 } });
    const logger = memoryLogger();
    const provider = fromInstanceMetadata({ env: {}, dispatcher: h.dispatcher, clock: h.clock, random: seededRandom(1), logger, fs: { readFile: async () => '' } });
    const credentials = memoize(provider, { clock: h.clock, random: seededRandom(1), logger });
    const first = await credentials();
    h.mock.setFaults({ rules: [{ service: 'imds', path: '/latest/meta-data/iam/security-credentials/*', status: 500 }] });
    await h.advance(3600_000 + 60_000); // past expiry, IMDS failing (each 500 retried with backoffs on the virtual clock)
    const during = await h.settle(credentials());
    expect(during.accessKeyId).toBe(first.accessKeyId);
    const extendedBy = during.expiration!.getTime() - h.clock.now();
    expect(extendedBy).toBeGreaterThanOrEqual(5 * 60_000);
    expect(extendedBy).toBeLessThanOrEqual(15 * 60_000);
    await h.settle(credentials());
    expect(logger.messages.filter((m) => m.includes('static stability'))).toHaveLength(1);
    h.mock.setFaults({ rules: [] });
    await h.advance(16 * 60_000);
    expect((await credentials()).accessKeyId).not.toBe(first.accessKeyId);
  });

  it('extends credentials IMDS serves already expired (serveExpiredCredentials)', async () => {
    const h = harness({ instance: { credentialLifetimeS: 3600, rotateBeforeS: 900, serveExpiredCredentials: true } });
    const provider = fromInstanceMetadata({ env: {}, dispatcher: h.dispatcher, clock: h.clock, random: seededRandom(2), fs: { readFile: async () => '' } });
    await provider();
    await h.advance(2 * 3600_000);
    const stale = await provider();
    expect(stale.expiration!.getTime()).toBeGreaterThan(h.clock.now());
  });

  it('serves 1000 concurrent callers with exactly one IMDS credential fetch', async () => {
    const h = harness();
    const { defaultCredentials } = await import('../src/index.js');
    const credentials = defaultCredentials({ env: {}, dispatcher: h.dispatcher, clock: h.clock, homeDir: '/nowhere', fs: { readFile: async () => Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })) }, shared: false });
    const all = await Promise.all(Array.from({ length: 1000 }, () => credentials()));
    expect(new Set(all.map((c) => c.accessKeyId)).size).toBe(1);
    expect(h.journal('credentials')).toHaveLength(1);
    expect(h.journal('token')).toHaveLength(1);
  });
});

describe('IMDS settings from env', () => {
  const noFiles = { readFile: async () => Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })) };

  it('honours AWS_METADATA_SERVICE_TIMEOUT (seconds) and _NUM_ATTEMPTS, and refuses odd values by name', async () => {
    const s = await createImdsClient({ env: { AWS_METADATA_SERVICE_TIMEOUT: '2.5', AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3' }, fs: noFiles }).settings();
    expect(s).toMatchObject({ timeoutMs: 2500, maxAttempts: 3, disabled: false });
    await expect(createImdsClient({ env: { AWS_METADATA_SERVICE_TIMEOUT: '1s' }, fs: noFiles }).settings()).rejects.toThrow(/AWS_METADATA_SERVICE_TIMEOUT="1s"/);
    await expect(createImdsClient({ env: { AWS_METADATA_SERVICE_NUM_ATTEMPTS: '0' }, fs: noFiles }).settings()).rejects.toThrow(/AWS_METADATA_SERVICE_NUM_ATTEMPTS/);
  });

  it('AWS_EC2_METADATA_DISABLED=true (any case) disables; other values do not', async () => {
    expect((await createImdsClient({ env: { AWS_EC2_METADATA_DISABLED: 'TRUE' }, fs: noFiles }).settings()).disabled).toBe(true);
    expect((await createImdsClient({ env: { AWS_EC2_METADATA_DISABLED: 'false' }, fs: noFiles }).settings()).disabled).toBe(false);
  });

  it('the profile can forbid IMDSv1 (ec2_metadata_v1_disabled)', async () => {
    const fs = { readFile: async (p: string) => (p.endsWith('config') ? '[default]\nec2_metadata_v1_disabled = true\n' : Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }))) };
    expect((await createImdsClient({ env: { HOME: '/h' }, fs }).settings()).v1ForbiddenBy).toContain('ec2_metadata_v1_disabled');
  });

  it('retries a 500 up to maxAttempts, then succeeds', async () => {
    const h = harness({ faults: { rules: [{ service: 'imds', path: '/latest/meta-data/instance-id', status: 500, times: 1 }] } });
    const imds = createImdsClient({ env: {}, maxAttempts: 2, dispatcher: h.dispatcher, clock: h.clock, fs: noFiles });
    expect(await h.settle(imds.get('meta-data/instance-id'))).toBe(h.mock.config.instance.instanceId);
    expect(h.journal().filter((e) => e.path === '/latest/meta-data/instance-id').map((e) => e.status)).toEqual([500, 200]);
  });
});
