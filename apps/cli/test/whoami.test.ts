import { afterEach, describe, expect, it } from 'vitest';
import { createMockAws, mockDispatcher, startMockServer } from '@rolecall/mock-aws';
import { main } from '../src/main.js';

const ALICE = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const STS = 'http://sts.mock.test';

function capture(): { write: (s: string) => boolean; text: () => string } {
  let out = '';
  return { write: (s: string) => ((out += s), true), text: () => out };
}

/** Runs `rolecall whoami ARGS` in-process with the mock's dispatcher; no file is read (empty fake fs). */
async function whoami(argv: string[], env: Record<string, string>, mock = createMockAws({}, { clockMode: 'real' })) {
  const stdout = capture();
  const stderr = capture();
  const fs = { readFile: async (path: string) => Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })) };
  const code = await main({
    argv: ['whoami', ...argv],
    env: { AWS_ENDPOINT_URL_STS: STS, ...env },
    stdout,
    stderr,
    cwd: '/',
    overrides: { dispatcher: mockDispatcher(mock), fs, homeDir: '/home/nobody' },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text(), mock };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('rolecall whoami', () => {
  it('prints the JSON contract; with no region configured it is us-east-1 from default', async () => {
    const { code, stdout, stderr, mock } = await whoami(['--json'], ALICE);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/alice',
      UserId: expect.stringMatching(/^AIDA/),
      credentialSource: 'env',
      region: 'us-east-1',
      regionSource: 'default',
    });
    expect(mock.journal().map((e) => [e.action, e.status])).toEqual([['GetCallerIdentity', 200]]);
  });

  it('takes the region from --region over AWS_REGION, and from AWS_REGION otherwise', async () => {
    const flag = JSON.parse((await whoami(['--json', '--region', 'eu-west-2'], { ...ALICE, AWS_REGION: 'us-west-2' })).stdout);
    expect([flag.region, flag.regionSource]).toEqual(['eu-west-2', 'explicit']);
    const env = JSON.parse((await whoami(['--json'], { ...ALICE, AWS_REGION: 'us-west-2' })).stdout);
    expect([env.region, env.regionSource]).toEqual(['us-west-2', 'env:AWS_REGION']);
  });

  it('reads the region of --profile from the shared config file', async () => {
    const stdout = capture();
    const files: Record<string, string> = { '/home/nobody/.aws/config': '[profile dev]\nregion = ap-southeast-2\n' };
    const fs = { readFile: async (path: string) => files[path] ?? Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })) };
    const code = await main({
      argv: ['whoami', '--json', '--profile', 'dev'],
      env: { ...ALICE, AWS_ENDPOINT_URL_STS: STS },
      stdout,
      stderr: capture(),
      cwd: '/',
      overrides: { dispatcher: mockDispatcher(createMockAws({}, { clockMode: 'real' })), fs, homeDir: '/home/nobody' },
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout.text())).toMatchObject({ region: 'ap-southeast-2', regionSource: 'profile:dev' });
  });

  it('prints a short table with the key masked and never the secret', async () => {
    const { code, stdout } = await whoami([], { ...ALICE, AWS_REGION: 'eu-central-1' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Account\s+123456789012$/m);
    expect(stdout).toMatch(/^Credentials\s+env \(\*\*\*\*MPLE\)$/m);
    expect(stdout).toMatch(/^Region\s+eu-central-1 \(env:AWS_REGION\)$/m);
    expect(stdout).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(stdout).not.toContain(ALICE.AWS_SECRET_ACCESS_KEY);
  });

  it('exits 2 with the reason when there are no credentials, without calling STS', async () => {
    const { code, stdout, stderr, mock } = await whoami(['--json'], { AWS_EC2_METADATA_DISABLED: 'true' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('AWS_ACCESS_KEY_ID is not set');
    expect(mock.journal().filter((e) => e.service === 'sts')).toHaveLength(0);
  });

  it('with no keys at all, finds the instance role through the default chain (IMDS on the mock)', async () => {
    const { code, stdout, stderr } = await whoami(['--json'], {});
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ credentialSource: 'imds', Arn: expect.stringMatching(/^arn:aws:sts::123456789012:assumed-role\//) });
  });

  it('exits 1 with the AWS error when STS refuses the keys', async () => {
    const { code, stderr } = await whoami([], { ...ALICE, AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET' });
    expect(code).toBe(1);
    expect(stderr).toContain('SignatureDoesNotMatch');
    expect(stderr).not.toContain('WRONGSECRET');
  });

  it('exits 64 on a malformed region or an unknown option', async () => {
    const bad = await whoami(['--region', 'us east 1'], ALICE);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('did you mean "us-east-1"');
    expect((await whoami(['--regoin', 'x'], ALICE)).code).toBe(64);
  });

  it('works over the loopback server, found through AWS_ENDPOINT_URL_STS like the AWS tools', async () => {
    const mock = createMockAws({}, { clockMode: 'real' });
    const server = await startMockServer(mock, { port: 0 });
    closers.push(() => server.close());
    const stdout = capture();
    const stderr = capture();
    const code = await main({ argv: ['whoami', '--json'], env: { ...ALICE, AWS_ENDPOINT_URL_STS: server.url, HOME: '/nonexistent-rolecall-home' }, stdout, stderr, cwd: '/' });
    expect(stderr.text()).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout.text())).toMatchObject({ Arn: 'arn:aws:iam::123456789012:user/alice', regionSource: 'default' });
    expect(mock.journal()).toHaveLength(1);
  });
});
