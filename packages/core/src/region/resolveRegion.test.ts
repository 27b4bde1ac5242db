import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_REGION, resolveRegion, validateRegion } from './resolveRegion.js';
import { InvalidRegionError, RolecallError } from '../errors.js';

const steps = (r: { trace: readonly { step: string; outcome: string }[] }): string[] => r.trace.map((s) => `${s.step}:${s.outcome}`);

describe('resolveRegion', () => {
  it('takes an explicit region over everything else', async () => {
    const r = await resolveRegion({ region: 'eu-west-2', env: { AWS_REGION: 'us-west-2' }, profileRegion: async () => 'ap-south-1' });
    expect(r.value).toBe('eu-west-2');
    expect(r.source).toBe('explicit');
    expect(steps(r)).toEqual(['explicit:ok']);
  });

  it('prefers AWS_REGION to AWS_DEFAULT_REGION', async () => {
    const r = await resolveRegion({ env: { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-central-1' } });
    expect([r.value, r.source]).toEqual(['us-west-2', 'env:AWS_REGION']);
    expect(steps(r)).toEqual(['explicit:skipped', 'env:AWS_REGION:ok']);
  });

  it('treats a blank variable as unset', async () => {
    const r = await resolveRegion({ env: { AWS_REGION: '  ', AWS_DEFAULT_REGION: 'eu-central-1' } });
    expect([r.value, r.source]).toEqual(['eu-central-1', 'env:AWS_DEFAULT_REGION']);
  });

  it('reads the profile named by the option, then AWS_PROFILE, then default', async () => {
    const asked: string[] = [];
    const profileRegion = async (p: string): Promise<string | undefined> => {
      asked.push(p);
      return p === 'default' ? undefined : 'ap-southeast-2';
    };
    const byOption = await resolveRegion({ env: { AWS_PROFILE: 'ci' }, profile: 'dev', profileRegion });
    const byEnv = await resolveRegion({ env: { AWS_PROFILE: 'ci' }, profileRegion });
    const fallback = await resolveRegion({ env: {}, profileRegion });
    expect(asked).toEqual(['dev', 'ci', 'default']);
    expect([byOption.value, byOption.source]).toEqual(['ap-southeast-2', 'profile:dev']);
    expect(byEnv.source).toBe('profile:ci');
    expect(fallback.source).toBe('default');
    expect(fallback.trace.find((s) => s.step === 'profile')?.reason).toBe('profile default sets no region');
  });

  it('lets a broken config file fail instead of defaulting', async () => {
    const broken = new Error('config file: line 3 is not valid');
    await expect(resolveRegion({ env: {}, profileRegion: async () => Promise.reject(broken) })).rejects.toBe(broken);
  });

  it('asks IMDS only when enabled, and falls through to the default on failure', async () => {
    let calls = 0;
    const get = async (): Promise<string> => {
      calls++;
      return 'eu-north-1';
    };
    const off = await resolveRegion({ env: {}, imds: { enabled: false, get } });
    expect(calls).toBe(0);
    expect(off.trace.find((s) => s.step === 'imds')).toMatchObject({ outcome: 'skipped' });
    const on = await resolveRegion({ env: {}, imds: { enabled: true, get } });
    expect([on.value, on.source, calls]).toEqual(['eu-north-1', 'imds', 1]);
    const failing = await resolveRegion({ env: {}, imds: { enabled: true, get: async () => Promise.reject(new Error('connect ETIMEDOUT')) } });
    expect(failing.source).toBe('default');
    expect(steps(failing)).toEqual(['explicit:skipped', 'env:AWS_REGION:skipped', 'env:AWS_DEFAULT_REGION:skipped', 'profile:skipped', 'imds:failed', 'default:ok']);
    expect(failing.trace[4]?.reason).toContain('ETIMEDOUT');
  });

  it('defaults to us-east-1 visibly, with a reason that says how to change it', async () => {
    const r = await resolveRegion({ env: {} });
    expect(r.value).toBe(DEFAULT_REGION);
    expect(r.source).toBe('default');
    expect(r.trace.at(-1)?.reason).toMatch(/AWS_REGION/);
  });

  it('measures each step with the injected timer', async () => {
    let t = 0;
    const r = await resolveRegion({ env: { AWS_DEFAULT_REGION: 'us-east-2' }, now: () => (t += 0.5) });
    expect(r.trace.map((s) => s.ms)).toEqual([0.5, 0.5, 0.5]);
  });

  it('rejects a malformed region naming its source and the fix', async () => {
    const error = await resolveRegion({ env: { AWS_REGION: 'us east 1' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRegionError);
    expect(error).toBeInstanceOf(RolecallError);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_INVALID_REGION', region: 'us east 1', source: 'env:AWS_REGION' });
    expect((error as Error).message).toContain('did you mean "us-east-1"');
  });
});

describe('validateRegion', () => {
  it('accepts real region names', () => {
    for (const r of ['us-east-1', 'eu-west-2', 'ap-southeast-5', 'us-gov-west-1', 'cn-north-1', 'il-central-1']) {
      expect(validateRegion(r, 'explicit')).toBe(r);
    }
  });

  it('rejects anything that cannot be a DNS label', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => /[^a-z0-9-]|^-|-$/.test(s)), (s) => {
        expect(() => validateRegion(s, 'explicit')).toThrow(InvalidRegionError);
      }),
    );
  });
});
