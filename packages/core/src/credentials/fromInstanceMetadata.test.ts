import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../test/fakes.js';
import { ImdsError } from '../errors.js';
import type { ImdsClient, ImdsRoleCredentials } from '../imds/createImdsClient.js';
import type { ImdsSettings } from '../imds/resolveImdsSettings.js';
import { seededRandom } from '../random/random.js';
import { createVirtualClock } from '../time/clock.js';
import { fromInstanceMetadata, STATIC_STABILITY_MAX_MS, STATIC_STABILITY_MIN_MS } from './fromInstanceMetadata.js';

const settings: ImdsSettings = { endpoint: 'http://169.254.169.254', source: 'default', disabled: false, v1ForbiddenBy: undefined, timeoutMs: 1000, maxAttempts: 1 };

function fakeClient(next: () => Promise<ImdsRoleCredentials>, overrides: Partial<ImdsSettings> = {}): ImdsClient {
  const fail = () => Promise.reject(new Error('unused'));
  return {
    settings: async () => ({ ...settings, ...overrides }),
    credentials: next,
    get: fail, getJson: fail, list: fail, userData: fail, identityDocument: fail, region: fail, iamInfo: fail,
    protocol: () => 'IMDSv2',
    diagnostics: () => [],
  };
}

const role = (expiresAtMs: number, key = 'ASIAIMDSEXAMPLE1'): ImdsRoleCredentials => ({
  roleName: 'app-role',
  protocol: 'IMDSv2',
  credentials: { accessKeyId: key, secretAccessKey: 'imds-secret', sessionToken: 'imds-token', expiration: new Date(expiresAtMs), source: 'imds' },
});

describe('fromInstanceMetadata', () => {
  it('returns unexpired credentials untouched', async () => {
    const clock = createVirtualClock();
    const exp = clock.now() + 3_600_000;
    const c = await fromInstanceMetadata({ clock, client: fakeClient(async () => role(exp)) })();
    expect(c.expiration?.getTime()).toBe(exp);
  });

  it('extends already-expired credentials by 5 to 15 minutes and says so once per generation', async () => {
    const clock = createVirtualClock();
    const logger = memoryLogger();
    const provider = fromInstanceMetadata({ clock, random: seededRandom(9), logger, client: fakeClient(async () => role(clock.now() - 1000)) });
    for (let i = 0; i < 3; i++) {
      const c = await provider();
      const extra = (c.expiration?.getTime() ?? 0) - clock.now();
      expect(extra).toBeGreaterThanOrEqual(STATIC_STABILITY_MIN_MS);
      expect(extra).toBeLessThanOrEqual(STATIC_STABILITY_MAX_MS);
    }
    expect(logger.messages).toHaveLength(1);
    expect(logger.messages[0]).toContain('static stability');
    expect(logger.messages[0]).toContain('****PLE1');
    expect(logger.messages[0]).not.toContain('imds-secret');
  });

  it('after a failed refresh serves the last credentials, stretched only once they have expired', async () => {
    const clock = createVirtualClock();
    let up = true;
    const exp = clock.now() + 600_000;
    const provider = fromInstanceMetadata({
      clock,
      random: seededRandom(2),
      client: fakeClient(async () => {
        if (!up) throw new ImdsError('/latest/meta-data/iam/security-credentials/app-role', 'HTTP 500', { statusCode: 500 });
        return role(exp);
      }),
    });
    await provider();
    up = false;
    expect((await provider()).expiration?.getTime()).toBe(exp);
    await clock.advance(700_000);
    const stretched = await provider();
    expect(stretched.expiration?.getTime()).toBeGreaterThan(clock.now() + STATIC_STABILITY_MIN_MS - 1);
  });

  it('is skipped when AWS_EC2_METADATA_DISABLED is true', async () => {
    await expect(fromInstanceMetadata({ client: fakeClient(async () => role(0), { disabled: true }) })()).rejects.toMatchObject({ tryNextLink: true, reason: 'AWS_EC2_METADATA_DISABLED is true' });
  });

  it('fails (not skipped) when IMDS answered but has no role', async () => {
    const error = await fromInstanceMetadata({
      client: fakeClient(async () => Promise.reject(new ImdsError('/x', 'this instance has no IAM role', { statusCode: 404 }))),
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ tryNextLink: false, provider: 'imds' });
  });
});

describe('fromInstanceMetadata negative cache', () => {
  it('after IMDS did not answer, skips it for 60 s without another request', async () => {
    const clock = createVirtualClock();
    let calls = 0;
    const provider = fromInstanceMetadata({
      clock,
      client: fakeClient(async () => {
        calls++;
        throw new ImdsError('/latest/api/token', 'http://169.254.169.254 (default) did not answer within 500 ms');
      }),
    });
    await expect(provider()).rejects.toMatchObject({ tryNextLink: true });
    await expect(provider()).rejects.toThrow(/remembered until/);
    expect(calls).toBe(1);
    await clock.advance(60_000);
    await expect(provider()).rejects.toMatchObject({ tryNextLink: true });
    expect(calls).toBe(2);
  });
});
