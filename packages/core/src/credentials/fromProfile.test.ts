import { describe, expect, it } from 'vitest';
import { fakeFs, fakeSts } from '../../test/fakes.js';
import { CredentialsProviderError } from '../errors.js';
import { createVirtualClock } from '../time/clock.js';
import { fromProfile } from './fromProfile.js';

const HOME = '/home/u';
const files = (config: string, credentials = '') => fakeFs({ [`${HOME}/.aws/config`]: config, [`${HOME}/.aws/credentials`]: credentials });

describe('fromProfile', () => {
  it('reads static keys of the default profile from the credentials file', async () => {
    const c = await fromProfile({ env: {}, homeDir: HOME, fs: files('', '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s3cr3t\n') })();
    expect(c).toMatchObject({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', source: 'profile' });
  });

  it('is skipped when the implicit default profile does not exist', async () => {
    const error = await fromProfile({ env: {}, homeDir: HOME, fs: files('') })().catch((e: unknown) => e);
    expect(error).toMatchObject({ tryNextLink: true, provider: 'profile' });
  });

  it('fails (does not skip) when AWS_PROFILE names a missing profile', async () => {
    const error = await fromProfile({ env: { AWS_PROFILE: 'dev' }, homeDir: HOME, fs: files('[profile prod]\nregion = eu-west-1') })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsProviderError);
    expect(error).toMatchObject({ tryNextLink: false });
    expect((error as Error).message).toContain('profile dev (from AWS_PROFILE)');
  });

  it('reports a parse error in the selected profile with file and line, and ignores one elsewhere', async () => {
    const fs = files('[profile good]\naws_access_key_id = AKIAGOOD\naws_secret_access_key = x\n[profile bad]\nnot a property\n');
    const bad = await fromProfile({ profile: 'bad', env: {}, homeDir: HOME, fs })().catch((e: unknown) => e);
    expect((bad as Error).message).toContain(`${HOME}/.aws/config:5`);
    await expect(fromProfile({ profile: 'good', env: {}, homeDir: HOME, fs })()).resolves.toMatchObject({ accessKeyId: 'AKIAGOOD' });
  });

  it('assumes roles along a source_profile chain, each signed with the previous credentials', async () => {
    const sts = fakeSts();
    const fs = files(
      '[profile app]\nrole_arn = arn:aws:iam::123456789012:role/App\nsource_profile = hop\nrole_session_name = s1\nexternal_id = ext\n[profile hop]\nrole_arn = arn:aws:iam::123456789012:role/Hop\nsource_profile = base\n',
      '[base]\naws_access_key_id = AKIABASEEXAMPLE\naws_secret_access_key = basesecret\n',
    );
    const c = await fromProfile({ profile: 'app', env: {}, homeDir: HOME, fs, sts, clock: createVirtualClock() })();
    expect(sts.calls).toEqual([
      expect.objectContaining({ action: 'AssumeRole', roleArn: 'arn:aws:iam::123456789012:role/Hop', signedWith: 'AKIABASEEXAMPLE' }),
      expect.objectContaining({ action: 'AssumeRole', roleArn: 'arn:aws:iam::123456789012:role/App', signedWith: 'ASIAFAKE000000000001', sessionName: 's1', externalId: 'ext' }),
    ]);
    expect(c).toMatchObject({ accessKeyId: 'ASIAFAKE000000000002', source: 'assume-role' });
  });

  it('starts a role chain from a web identity token profile', async () => {
    const sts = fakeSts();
    const fs = fakeFs({
      [`${HOME}/.aws/config`]: '[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = w\n[profile w]\nrole_arn = arn:aws:iam::1:role/W\nweb_identity_token_file = /var/token\n',
      '/var/token': 'eyJ.fake.jwt\n',
    });
    await fromProfile({ profile: 'a', env: {}, homeDir: HOME, fs, sts })();
    expect(sts.calls.map((c) => [c.action, c.roleArn])).toEqual([
      ['AssumeRoleWithWebIdentity', 'arn:aws:iam::1:role/W'],
      ['AssumeRole', 'arn:aws:iam::1:role/A'],
    ]);
    expect(sts.calls[0]?.token).toBe('eyJ.fake.jwt');
  });

  it('runs credential_process for a profile', async () => {
    const fs = files('[profile p]\ncredential_process = /bin/helper --json\n');
    const exec = async (program: string, args: readonly string[]) => {
      expect([program, ...args]).toEqual(['/bin/helper', '--json']);
      return { exitCode: 0, stdout: JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROCESS', SecretAccessKey: 'x' }) };
    };
    await expect(fromProfile({ profile: 'p', env: {}, homeDir: HOME, fs, exec })()).resolves.toMatchObject({ accessKeyId: 'AKIAPROCESS', source: 'process' });
  });

  it('uses credential_source = Environment as the base of a role', async () => {
    const sts = fakeSts();
    const fs = files('[profile r]\nrole_arn = arn:aws:iam::1:role/R\ncredential_source = Environment\n');
    await fromProfile({ profile: 'r', env: { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE', AWS_SECRET_ACCESS_KEY: 'e' }, homeDir: HOME, fs, sts })();
    expect(sts.calls[0]?.signedWith).toBe('AKIAENVEXAMPLE');
  });

  it('detects a cycle and names the profiles', async () => {
    const fs = files('[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = a\n');
    await expect(fromProfile({ profile: 'a', env: {}, homeDir: HOME, fs, sts: fakeSts() })()).rejects.toThrow(/a -> b -> a/);
  });

  it('skips a selected profile that holds only settings (so IMDS can still answer)', async () => {
    const error = await fromProfile({ env: { AWS_PROFILE: 'cfg' }, homeDir: HOME, fs: files('[profile cfg]\nregion = eu-west-1\n') })().catch((e: unknown) => e);
    expect(error).toMatchObject({ tryNextLink: true });
  });
});

describe('fromProfile trace', () => {
  it('says which file and line the keys and the role came from', async () => {
    const { createChain } = await import('./chain.js');
    const fs = files('[profile app]\nregion = us-east-1\nrole_arn = arn:aws:iam::1:role/App\nsource_profile = base\n', '[base]\naws_access_key_id = AKIABASEEXAMPLE\naws_secret_access_key = x\n');
    const result = await createChain([fromProfile({ profile: 'app', env: {}, homeDir: HOME, fs, sts: fakeSts() })]).resolveWithTrace();
    expect(result.trace[0]?.reason).toBe(
      `AssumeRole arn:aws:iam::1:role/App (profile app at ${HOME}/.aws/config:3) with static keys ****MPLE of profile base at ${HOME}/.aws/credentials:2`,
    );
  });
});
