import { createMockAws, mockDispatcher } from '@rolecall/mock-aws';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

function capture(): { write: (s: string) => boolean; text: () => string } {
  let out = '';
  return { write: (s: string) => ((out += s), true), text: () => out };
}

const HOME = '/home/cli';
const SECRET = 'cliSecretKeyThatMustNeverPrint0123456789';
const files: Record<string, string> = {
  [`${HOME}/.aws/credentials`]: `[dev]\naws_access_key_id = AKIADEVEXAMPLE00WXYZ\naws_secret_access_key = ${SECRET}\n`,
  [`${HOME}/.aws/config`]: '[profile dev]\nregion = eu-west-2\n',
};
const fs = {
  async readFile(path: string): Promise<string> {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return text;
  },
};

async function run(argv: string[], env: Record<string, string>, dispatcher = mockDispatcher(createMockAws({}, { clockMode: 'real' }))) {
  const stdout = capture();
  const stderr = capture();
  const code = await main({ argv: ['explain', ...argv], env, stdout, stderr, cwd: '/', overrides: { dispatcher, fs, homeDir: HOME } });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('rolecall explain', () => {
  it('--json prints the contract: IMDS credentials, default region, every provider in order', async () => {
    const { code, stdout } = await run(['--json'], {});
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['credentials', 'region']);
    expect(report.credentials).toMatchObject({ ok: true, source: 'imds', accessKeyId: expect.stringMatching(/^\*\*\*\*.{4}$/) });
    expect(report.credentials.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(report.credentials.trace.map((s: { provider: string }) => s.provider)).toEqual(['env', 'profile', 'web-identity', 'container', 'imds']);
    for (const step of report.credentials.trace) expect(Object.keys(step)).toEqual(['provider', 'outcome', 'reason', 'ms']);
    expect(report.region).toMatchObject({ value: 'us-east-1', source: 'default' });
  });

  it('--profile picks the profile over env keys and its region; the table masks the key and hides the secret', async () => {
    const { code, stdout } = await run(['--profile', 'dev'], { AWS_ACCESS_KEY_ID: 'AKIAENVEXAMPLE0ABCD', AWS_SECRET_ACCESS_KEY: SECRET });
    expect(code).toBe(0);
    expect(stdout).toMatch(/access_key\s+\*\*\*\*WXYZ\s+profile/);
    expect(stdout).toMatch(/region\s+eu-west-2\s+profile:dev/);
    expect(stdout).toContain('chosen in code');
    expect(stdout).not.toContain(SECRET);
    expect(stdout).not.toContain('AKIADEVEXAMPLE00WXYZ');
  });

  it('exits 2 and names AWS_PROFILE when that profile does not exist', async () => {
    const { code, stdout } = await run(['--json'], { AWS_PROFILE: 'missing', AWS_EC2_METADATA_DISABLED: 'true' });
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report.credentials.ok).toBe(false);
    expect(report.credentials.error.provider).toBe('profile');
    expect(report.credentials.error.message).toContain('missing');
    expect(report.credentials.trace.map((s: { outcome: string }) => s.outcome)).toEqual(['skipped', 'failed']);
  });

  it('refuses unknown options with 64', async () => {
    expect((await run(['--bogus'], {})).code).toBe(64);
  });
});
