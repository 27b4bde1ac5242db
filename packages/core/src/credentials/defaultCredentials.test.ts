import { describe, expect, it } from 'vitest';
import { fakeFs, memoryLogger } from '../../test/fakes.js';
import { createDefaultChain, defaultCredentials } from './defaultCredentials.js';

const HOME = '/home/u';
const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAENVKEYEXAMPLE', AWS_SECRET_ACCESS_KEY: 'env-secret' };
const fs = fakeFs({ [`${HOME}/.aws/credentials`]: '[dev]\naws_access_key_id = AKIAPROFILEEXAMPLE\naws_secret_access_key = profile-secret\n' });
const offEc2 = { AWS_EC2_METADATA_DISABLED: 'true' };

describe('createDefaultChain precedence', () => {
  it('env keys win over AWS_PROFILE, and the trace says why', async () => {
    const logger = memoryLogger();
    const result = await createDefaultChain({ env: { ...ENV_KEYS, AWS_PROFILE: 'dev', ...offEc2 }, fs, homeDir: HOME, logger }).resolveWithTrace();
    expect(result.ok && result.credentials.accessKeyId).toBe('AKIAENVKEYEXAMPLE');
    expect(result.trace[0]?.reason).toMatch(/wins over AWS_PROFILE=dev/);
    expect(logger.messages.join('\n')).toContain('AWS_PROFILE=dev');
  });

  it('a profile chosen in code wins over env keys', async () => {
    const result = await createDefaultChain({ profile: 'dev', env: { ...ENV_KEYS, ...offEc2 }, fs, homeDir: HOME }).resolveWithTrace();
    expect(result.ok && result.credentials.accessKeyId).toBe('AKIAPROFILEEXAMPLE');
    expect(result.trace.map((s) => [s.provider, s.outcome])).toEqual([
      ['env', 'skipped'],
      ['profile', 'ok'],
    ]);
    expect(result.trace[0]?.reason).toMatch(/chosen in code/);
  });

  it('names the AWS_PROFILE profile, not IMDS, when nothing resolves', async () => {
    const result = await createDefaultChain({ env: { AWS_PROFILE: 'typo', ...offEc2 }, fs, homeDir: HOME }).resolveWithTrace();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.provider).toBe('profile');
      expect(result.error.message).toContain('typo');
    }
  });

  it('lists every provider with what it needed when nothing is configured', async () => {
    const result = await createDefaultChain({ env: offEc2, fs: fakeFs({}), homeDir: HOME }).resolveWithTrace();
    expect(result.trace.map((s) => s.provider)).toEqual(['env', 'profile', 'web-identity', 'container', 'imds']);
    expect(result.trace.every((s) => s.outcome === 'skipped')).toBe(true);
    expect(!result.ok && result.error.provider).toBe('chain');
  });
});

describe('defaultCredentials', () => {
  it('shares one cache per configuration, process-wide', () => {
    const a = defaultCredentials({ env: { ...ENV_KEYS }, fs, homeDir: HOME });
    const b = defaultCredentials({ env: { ...ENV_KEYS }, fs, homeDir: HOME });
    const c = defaultCredentials({ env: { ...ENV_KEYS, AWS_PROFILE: 'dev' }, fs, homeDir: HOME });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
