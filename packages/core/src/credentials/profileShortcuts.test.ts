import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeFs, fakeSts } from '../../test/fakes.js';
import { loadSharedConfig } from '../config/loadSharedConfig.js';
import { CredentialsNotConfiguredError } from '../errors.js';
import { createVirtualClock } from '../time/clock.js';
import { createChain } from './chain.js';
import type { Credentials } from './Credentials.js';
import { defaultCredentials } from './defaultCredentials.js';
import { fromProfile } from './fromProfile.js';
import { profileShortcut } from './profileShortcuts.js';

const HOME = '/home/u';
const CONFIG = `${HOME}/.aws/config`;
const CREDENTIALS = `${HOME}/.aws/credentials`;
const filesOf = (config: string, credentials: string) => fakeFs({ [CONFIG]: config, [CREDENTIALS]: credentials });
const shortcutFor = async (config: string, credentials: string, name: string, asked: boolean) =>
  profileShortcut(await loadSharedConfig({ env: {}, homeDir: HOME, fs: filesOf(config, credentials) }), name, asked);

/** What a provider answered, comparable: the credentials and the trace's words for them, or the error's class, message and skip flag. */
async function outcome(provider: () => Promise<Credentials>): Promise<unknown> {
  const traced = createChain([Object.assign(provider, { providerName: 'profile' })], { now: () => 0 });
  const result = await traced.resolveWithTrace();
  if (result.ok) return { ok: result.credentials, reason: result.trace[0]?.reason };
  return { error: result.trace[0] };
}

describe('profileShortcut', () => {
  it('answers static keys of the selected profile, with the setting\'s file and line', async () => {
    const answer = await shortcutFor('', '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s3cr3t \naws_session_token = tok\n', 'dev', true);
    expect(answer).toMatchObject({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's3cr3t', sessionToken: 'tok', source: 'profile' });
  });

  it('leaves every other case to the provider: role_arn, one key of the pair, no keys, a parse problem in the profile', async () => {
    const keys = 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n';
    expect(await shortcutFor(`[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/R\nsource_profile = dev\n${keys}`, '', 'dev', true)).toBeUndefined();
    expect(await shortcutFor('[profile dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n', '', 'dev', true)).toBeUndefined();
    expect(await shortcutFor('[profile dev]\ncredential_process = /bin/true\n', '', 'dev', true)).toBeUndefined();
    expect(await shortcutFor(`[profile dev]\n${keys}this is not a property\n`, '', 'dev', true)).toBeUndefined();
  });

  it('a profile asked for but absent goes to the provider (a failure to report); one not asked for is skipped here', async () => {
    expect(await shortcutFor('[profile other]\nregion = eu-west-1\n', '', 'dev', true)).toBeUndefined();
    const skipped = await shortcutFor('[profile other]\nregion = eu-west-1\n', '', 'default', false);
    expect(skipped).toBeInstanceOf(CredentialsNotConfiguredError);
    expect(skipped).toMatchObject({ tryNextLink: true, provider: 'profile' });
  });

  // The shortcut is the provider's answer computed without its planner: whenever
  // it answers, the provider must answer exactly the same.
  it('whenever it answers, fromProfile answers the same (property)', async () => {
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
          const fs = filesOf(configText, credentialsText);
          const config = await loadSharedConfig({ env: {}, homeDir: HOME, fs });
          const answer = profileShortcut(config, name, how !== 'implicit');
          fc.pre(answer !== undefined);
          const shortcut = await outcome(async () => {
            if (answer instanceof CredentialsNotConfiguredError) throw answer;
            return answer as Credentials;
          });
          const env = how === 'AWS_PROFILE' ? { AWS_PROFILE: name } : {};
          const full = await outcome(fromProfile({ env, homeDir: HOME, fs, sts: fakeSts(), clock: createVirtualClock(), ...(how === 'code' ? { profile: name } : {}) }));
          expect(shortcut).toEqual(full);
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
