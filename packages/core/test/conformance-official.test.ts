import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createMockAws, startMockServer } from '@rolecall/mock-aws';
import type { MockServer } from '@rolecall/mock-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultChain } from '../src/index.js';

/**
 * The official chain (`fromNodeProviderChain` of @aws-sdk/credential-providers)
 * runs in a child process whose env is built here; this process's env is never
 * written. Both chains face the same loopback mock and the same files.
 */
const run = promisify(execFile);
const coreDir = fileURLToPath(new URL('..', import.meta.url));
const OFFICIAL = `
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
const sourceOf = (s = {}) => {
  const k = Object.keys(s);
  if (k.some((x) => x.includes('WEB_ID'))) return 'web-identity';
  if (k.some((x) => x.includes('ASSUME_ROLE'))) return 'assume-role';
  if (k.some((x) => x.includes('PROCESS'))) return 'process';
  if (k.includes('CREDENTIALS_IMDS')) return 'imds';
  if (k.includes('CREDENTIALS_HTTP')) return 'container';
  if (k.includes('CREDENTIALS_ENV_VARS')) return 'env';
  if (k.some((x) => x.includes('PROFILE'))) return 'profile';
  return k.length === 0 ? 'no-$source' : 'unknown:' + k.join(',');
};
try {
  const c = await fromNodeProviderChain()();
  process.stdout.write(JSON.stringify({ ok: true, source: sourceOf(c.$source), accessKeyId: c.accessKeyId }));
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, error: String(e && e.message) }));
}
`;

async function official(env: Record<string, string>): Promise<{ ok: boolean; source?: string; accessKeyId?: string; error?: string }> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', OFFICIAL], { cwd: coreDir, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 15_000 });
  return JSON.parse(stdout) as { ok: boolean; source?: string; accessKeyId?: string };
}

async function ours(env: Record<string, string>) {
  const result = await createDefaultChain({ env, shared: false }).resolveWithTrace();
  return result.ok ? { ok: true, source: result.credentials.source, accessKeyId: result.credentials.accessKeyId } : { ok: false, error: result.error.message };
}

let server: MockServer;
let home: string;
const ALICE = ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'] as const;

beforeAll(async () => {
  server = await startMockServer(createMockAws({}, { clockMode: 'real' }), { port: 0 });
  home = await mkdtemp(join(tmpdir(), 'rolecall-official-'));
  await mkdir(join(home, '.aws'));
  await writeFile(join(home, '.aws', 'credentials'), `[alice]\naws_access_key_id = ${ALICE[0]}\naws_secret_access_key = ${ALICE[1]}\n`);
  await writeFile(
    join(home, '.aws', 'config'),
    `[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/rolecall-deploy\nsource_profile = alice\nregion = us-east-1\n`,
  );
});
afterAll(async () => {
  await server?.close();
  if (home !== undefined) await rm(home, { recursive: true, force: true });
});

/** No real IMDS, no real files: every scenario starts from this. */
const base = (): Record<string, string> => ({ HOME: home, AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url, AWS_ENDPOINT_URL_STS: server.url, AWS_REGION: 'us-east-1' });

describe('side by side with @aws-sdk/credential-providers fromNodeProviderChain', () => {
  it.each([
    ['env keys', () => ({ AWS_ACCESS_KEY_ID: 'AKIAENVSIDEBYSIDE00', AWS_SECRET_ACCESS_KEY: 'sideBySideSecret' }), true],
    ['profile static keys (AWS_PROFILE)', () => ({ AWS_PROFILE: 'alice' }), true],
    // The official IMDS provider sets no $source: the identical key (only IMDSv2 serves it) shows the source.
    ['IMDSv2 instance role', () => ({}), true],
    ['container FULL_URI + token', () => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: server.exports['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '', AWS_CONTAINER_AUTHORIZATION_TOKEN: server.exports['AWS_CONTAINER_AUTHORIZATION_TOKEN'] ?? '' }), true],
    ['assume-role profile (new session each time: compare source only)', () => ({ AWS_PROFILE: 'deploy' }), false],
  ] as const)('%s: same source', async (_name, extra, sameKey) => {
    const env = { ...base(), ...extra() };
    const [theirs, mine] = await Promise.all([official(env), ours(env)]);
    expect(theirs.ok, theirs.error).toBe(true);
    expect(mine.ok).toBe(true);
    expect(mine.source).toBe(theirs.source === 'no-$source' ? 'imds' : theirs.source);
    if (sameKey) expect(mine.accessKeyId).toBe(theirs.accessKeyId);
  });

  it('DIFFERENCE (docs/decisions/0061): env keys and AWS_PROFILE both set — the official chain uses the profile, rolecall the env keys (as the AWS CLI)', async () => {
    const env = { ...base(), AWS_PROFILE: 'alice', AWS_ACCESS_KEY_ID: 'AKIAENVSIDEBYSIDE00', AWS_SECRET_ACCESS_KEY: 'sideBySideSecret' };
    const [theirs, mine] = await Promise.all([official(env), ours(env)]);
    expect(theirs).toMatchObject({ source: 'profile', accessKeyId: ALICE[0] });
    expect(mine).toMatchObject({ source: 'env', accessKeyId: 'AKIAENVSIDEBYSIDE00' });
  });

  it('DIFFERENCE: a missing AWS_PROFILE — both fail, rolecall names the profile and the files', async () => {
    const env = { ...base(), AWS_PROFILE: 'nope', AWS_EC2_METADATA_DISABLED: 'true' };
    const [theirs, mine] = await Promise.all([official(env), ours(env)]);
    expect(theirs.ok).toBe(false);
    expect(mine.ok).toBe(false);
    expect(mine.error).toContain('profile nope');
    expect(mine.error).toContain('.aws/config');
  });
});

describe('side by side: a client too many hops away (PUT answer lost, IMDSv1 allowed)', () => {
  it('DIFFERENCE (docs/decisions/0067): both fall back to IMDSv1 and get the same key; rolecall names the hop limit', async () => {
    const far = await startMockServer(createMockAws({ instance: { httpTokens: 'optional', hopLimit: 1, hops: { '127.0.0.1': 2 } } }, { clockMode: 'real' }), { port: 0 });
    try {
      const env = { HOME: home, AWS_EC2_METADATA_SERVICE_ENDPOINT: far.url, AWS_REGION: 'us-east-1' };
      const [theirs, mine] = await Promise.all([official(env), createDefaultChain({ env, shared: false }).resolveWithTrace()]);
      expect(theirs.ok, theirs.error).toBe(true);
      expect(mine.ok).toBe(true);
      if (mine.ok) {
        expect(mine.credentials.accessKeyId).toBe(theirs.accessKeyId);
        expect(mine.trace.at(-1)?.reason).toMatch(/via IMDSv1 \(token PUT timed out: raise the instance hop limit to 2\)/);
      }
    } finally {
      await far.close();
    }
  });
});
