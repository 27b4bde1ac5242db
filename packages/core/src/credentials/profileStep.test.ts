import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeFs, fakeSts } from '../../test/fakes.js';
import { CredentialsNotConfiguredError, ProfileConfigError } from '../errors.js';
import { createVirtualClock } from '../time/clock.js';
import { createChain } from './chain.js';
import type { Credentials } from '../identity/Credentials.js';
import { defaultCredentials, profileStep } from './defaultCredentials.js';
import { fromProfile } from './fromProfile.js';
import { loadSharedConfig } from '../config/loadSharedConfig.js';
import { planProfile } from './resolveProfileChain.js';

const HOME = '/home/u';
const CONFIG = `${HOME}/.aws/config`;
const CREDENTIALS = `${HOME}/.aws/credentials`;
const filesOf = (config: string, credentials: string) => fakeFs({ [CONFIG]: config, [CREDENTIALS]: credentials });

/** What a provider answered, comparable: the credentials and the trace's words for them, or the error's class, message and skip flag. */
async function outcome(provider: () => Promise<Credentials>): Promise<unknown> {
  const traced = createChain([Object.assign(provider, { providerName: 'profile' })], { now: () => 0 });
  const result = await traced.resolveWithTrace();
  if (result.ok) return { ok: result.credentials, reason: result.trace[0]?.reason };
  return { error: result.trace[0] };
}

describe('planProfile (the one profile planner)', () => {
  const plan = async (config: string, credentials: string, name: string, asked: boolean) =>
    planProfile(await loadSharedConfig({ env: {}, homeDir: HOME, fs: filesOf(config, credentials) }), name, asked);

  it('answers static keys of the selected profile first, with no role to assume', async () => {
    const chain = await plan('', '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s3cr3t \naws_session_token = tok\n', 'dev', true);
    expect(chain).toEqual({ base: { kind: 'AccessKey', profile: 'dev', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's3cr3t', sessionToken: 'tok' }, roles: [] });
  });

  it('skips a profile nobody asked for that no file defines; one asked for is a failure', async () => {
    await expect(plan('[profile other]\nregion = eu-west-1\n', '', 'default', false)).rejects.toSatisfy((e) => e instanceof CredentialsNotConfiguredError && e.tryNextLink);
    await expect(plan('[profile other]\nregion = eu-west-1\n', '', 'dev', true)).rejects.toMatchObject({ code: 'ERR_ROLECALL_PROFILE_NOT_FOUND' });
  });

  it('a profile with no credential setting fails with the reason code no-credentials (the provider decides on the code, not the words)', async () => {
    const error = await plan('[default]\nregion = eu-west-1\n', '', 'default', false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfileConfigError);
    expect((error as ProfileConfigError).reason).toBe('no-credentials');
    const invalid = await plan('[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n', '', 'default', false).catch((e: unknown) => e);
    expect((invalid as ProfileConfigError).reason).toBe('invalid');
  });
});

describe("the default chain's profile step", () => {
  // The step serves the planner's early answers itself and hands everything
  // else to the provider: in every case it must answer exactly as fromProfile.
  it('answers exactly as fromProfile, whatever the files hold (property)', async () => {
    const value = fc.constantFrom('AKIAIOSFODNN7EXAMPLE', 'AKIAI44QH8DHBEXAMPLE', ' spaced ', '', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    const setting = fc.oneof(
      fc.tuple(fc.constantFrom('aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_account_id', 'region'), value).map(([k, v]) => `${k} = ${v}`),
      fc.constantFrom(
        'role_arn = arn:aws:iam::123456789012:role/R',
        'source_profile = a',
        'source_profile = default',
        'credential_source = Environment',
        'credential_process = /bin/true',
        'web_identity_token_file = /tmp/token',
        'sso_session = s',
        'mfa_serial = arn:aws:iam::123456789012:mfa/u',
        'no equals sign here',
        '  continued = value',
        '# a comment',
      ),
    );
    const section = (headers: readonly string[]) => fc.tuple(fc.constantFrom(...headers), fc.array(setting, { maxLength: 5 })).map(([h, lines]) => `${h}\n${lines.join('\n')}`);
    const file = (headers: readonly string[]) => fc.array(section(headers), { maxLength: 3 }).map((sections) => sections.join('\n'));
    await fc.assert(
      fc.asyncProperty(
        file(['[default]', '[profile a]', '[profile b]', '[sso-session s]', '[a b]']),
        file(['[default]', '[a]', '[b]']),
        fc.constantFrom('default', 'a', 'b'),
        fc.constantFrom('code', 'AWS_PROFILE', 'implicit'),
        async (configText, credentialsText, picked, how) => {
          // Implicit means nobody asked: the profile is `default`.
          const name = how === 'implicit' ? 'default' : picked;
          const env = how === 'AWS_PROFILE' ? { AWS_PROFILE: name } : {};
          // Each side gets its own fakes: the fake STS numbers the sessions it hands out.
          const options = () => ({ env, homeDir: HOME, sts: fakeSts(), clock: createVirtualClock(), fs: filesOf(configText, credentialsText), exec: async () => ({ exitCode: 1, stdout: '' }), ...(how === 'code' ? { profile: name } : {}) });
          const step = await outcome(profileStep(options(), env));
          const full = await outcome(fromProfile(options()));
          expect(step).toEqual(full);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the default chain with a static-key profile', () => {
  it('answers from the files as fromProfile would, reading each file once', async () => {
    const config = '[profile dev]\nregion = eu-west-1\n';
    const credentials = '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s3cr3t\n';
    const fs = filesOf(config, credentials);
    const viaChain = await outcome(defaultCredentials({ env: { AWS_PROFILE: 'dev' }, homeDir: HOME, fs, shared: false }));
    const viaProvider = await outcome(fromProfile({ env: { AWS_PROFILE: 'dev' }, homeDir: HOME, fs: filesOf(config, credentials) }));
    expect((viaChain as { ok: Credentials }).ok).toEqual((viaProvider as { ok: Credentials }).ok);
    expect(fs.reads).toEqual([CONFIG, CREDENTIALS]);
  });

  it('hands what it read to the provider for anything else (one read per file per resolution)', async () => {
    const sts = fakeSts();
    const fs = filesOf('[profile app]\nrole_arn = arn:aws:iam::123456789012:role/App\nsource_profile = base\n', '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n');
    const credentials = await defaultCredentials({ env: { AWS_PROFILE: 'app' }, homeDir: HOME, fs, sts, shared: false, clock: createVirtualClock() })();
    expect(credentials.source).toBe('assume-role');
    expect(sts.calls.map((c) => c.roleArn)).toEqual(['arn:aws:iam::123456789012:role/App']);
    expect(fs.reads).toEqual([CONFIG, CREDENTIALS]);
  });
});
