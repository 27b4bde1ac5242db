/**
 * resolveRegion wired to the real collaborators: the shared config files
 * (loadSharedConfig with an in-memory fs) and, opt-in, the IMDS client
 * against the mock in-process.
 */
import { describe, expect, it } from 'vitest';
import { createMockAws, mockDispatcher } from '@rolecall/mock-aws';
import { createImdsClient, resolveRegion, InvalidRegionError } from '../src/index.js';
import { sharedConfigRegion } from '../src/region/sharedConfigRegion.js';
import type { Env, ReadFileFs } from '../src/index.js';

const HOME = '/home/dev';

function files(contents: Record<string, string>): ReadFileFs {
  return { readFile: async (path) => contents[path] ?? Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })) };
}

function profileRegion(env: Env, fs: ReadFileFs) {
  return sharedConfigRegion({ env, fs, homeDir: HOME });
}

describe('resolveRegion with the shared config files', () => {
  const fs = files({ [`${HOME}/.aws/config`]: '[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-south-1\n[profile typo]\nregion = eu west 1\n' });

  it('reads the default profile, then AWS_PROFILE, then --profile', async () => {
    expect(await resolveRegion({ env: {}, profileRegion: profileRegion({}, fs) })).toMatchObject({ value: 'eu-west-1', source: 'profile:default' });
    const env = { AWS_PROFILE: 'dev' };
    expect(await resolveRegion({ env, profileRegion: profileRegion(env, fs) })).toMatchObject({ value: 'ap-south-1', source: 'profile:dev' });
    expect(await resolveRegion({ env, profile: 'default', profileRegion: profileRegion(env, fs) })).toMatchObject({ source: 'profile:default' });
  });

  it('lets AWS_DEFAULT_REGION win over the profile', async () => {
    const env = { AWS_DEFAULT_REGION: 'us-west-1' };
    expect(await resolveRegion({ env, profileRegion: profileRegion(env, fs) })).toMatchObject({ value: 'us-west-1', source: 'env:AWS_DEFAULT_REGION' });
  });

  it('names the profile when its region is malformed', async () => {
    const error = await resolveRegion({ env: {}, profile: 'typo', profileRegion: profileRegion({}, fs) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRegionError);
    expect(error).toMatchObject({ source: 'profile:typo', region: 'eu west 1' });
  });
});

describe('resolveRegion with IMDS (opt-in) on the mock', () => {
  it('takes placement/region from the instance when enabled and nothing else is set', async () => {
    const mock = createMockAws({ instance: { region: 'eu-north-1', availabilityZone: 'eu-north-1b' } });
    const imds = createImdsClient({ env: {}, dispatcher: mockDispatcher(mock) });
    const r = await resolveRegion({ env: {}, imds: { enabled: true, get: () => imds.region() } });
    expect([r.value, r.source]).toEqual(['eu-north-1', 'imds']);
    expect(mock.journal().map((e) => e.action)).toContain('token');
  });

  it('never calls IMDS unless enabled', async () => {
    const mock = createMockAws();
    const imds = createImdsClient({ env: {}, dispatcher: mockDispatcher(mock) });
    const r = await resolveRegion({ env: {}, imds: { enabled: false, get: () => imds.region() } });
    expect(r.source).toBe('default');
    expect(mock.journal()).toHaveLength(0);
  });
});
