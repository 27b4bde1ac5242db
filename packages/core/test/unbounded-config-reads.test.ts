/**
 * Regression (issue 11): the core read whatever its config paths named, whole
 * and synchronously. `~/.aws/config` as a symlink to /dev/zero grew the
 * process to 6.4 GB; as a FIFO the read blocked forever (the 5 s deadline
 * never fired); a 1 GiB file took 4.9 s and then said "no [default] profile".
 * Now each is refused at once with a typed error naming the file, through the
 * public entry points and the real file system (docs/decisions/0097).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentials, explainCredentials, loadSharedConfig } from '../src/index.js';
import { MAX_TOKEN_FILE_BYTES } from '../src/config/readBoundedFile.js';

let dir: string;
let home: string;
const hostile: Record<string, { path: string; code: string; says: RegExp }> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolecall-hostile-'));
  home = join(dir, 'home');
  await mkdir(home);
  const zero = join(dir, 'config-dev-zero');
  await symlink('/dev/zero', zero);
  const fifo = join(dir, 'config-fifo');
  execFileSync('mkfifo', [fifo]);
  const huge = join(dir, 'config-1gib');
  await writeFile(huge, '');
  await truncate(huge, 1024 ** 3);
  const directory = join(dir, 'config-directory');
  await mkdir(directory);
  hostile['symlink to /dev/zero'] = { path: zero, code: 'ERR_ROLECALL_NOT_REGULAR_FILE', says: /is a character device \(it leads to \/dev\/zero\), not a regular file/ };
  hostile['FIFO'] = { path: fifo, code: 'ERR_ROLECALL_NOT_REGULAR_FILE', says: /is a FIFO \(named pipe\), not a regular file/ };
  hostile['sparse 1 GiB file'] = { path: huge, code: 'ERR_ROLECALL_FILE_TOO_LARGE', says: /is 1073741824 bytes, over the 4194304 bytes read/ };
  hostile['directory'] = { path: directory, code: 'ERR_ROLECALL_NOT_REGULAR_FILE', says: /is a directory, not a regular file/ };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CASES = ['symlink to /dev/zero', 'FIFO', 'sparse 1 GiB file', 'directory'] as const;
const VARIABLES = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const;

/** The cause chain's codes, outermost first. */
const codes = (error: unknown): string[] => {
  const out: string[] = [];
  for (let e = error; e !== undefined && e !== null; e = (e as { cause?: unknown }).cause) out.push(String((e as { code?: unknown }).code));
  return out;
};

describe.each(VARIABLES)('%s naming something that is not a small regular file', (variable) => {
  const env = (path: string) => ({ [variable]: path, AWS_EC2_METADATA_DISABLED: 'true' });

  it.each(CASES)('%s: loadSharedConfig refuses it with a typed error naming the file', async (name) => {
    const { path, code, says } = hostile[name]!;
    const error = await loadSharedConfig({ env: env(path), homeDir: home }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code, path });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(says);
    expect((error as Error).message).toMatch(/point the setting that names it .* at/);
  });

  it.each(CASES)('%s: the default chain stops at the profile step with that reason, not "no [default] profile"', async (name) => {
    const { path, code, says } = hostile[name]!;
    const error = await defaultCredentials({ env: env(path), homeDir: home, shared: false })().catch((e: unknown) => e);
    expect(codes(error)).toEqual(['ERR_ROLECALL_NO_CREDENTIALS', 'ERR_ROLECALL_CREDENTIALS_PROVIDER', code]);
    expect((error as Error).message).toMatch(says);
    expect((error as Error).message).not.toMatch(/no \[default\] profile/);
  });

  it.each(CASES)('%s: explain reports the profile step failed, with the file, and the region step too', async (name) => {
    const { path, says } = hostile[name]!;
    const report = await explainCredentials({ env: env(path), homeDir: home, shared: false });
    expect(report.credentials.ok).toBe(false);
    expect(report.credentials.trace.map((s) => [s.provider, s.outcome])).toEqual([
      ['env', 'skipped'],
      ['profile', 'failed'],
    ]);
    expect(report.credentials.trace[1]?.reason).toContain(path);
    expect(report.credentials.trace[1]?.reason).toMatch(says);
    expect(report.region.error?.message).toMatch(says);
  });
});

describe('web identity token file', () => {
  const env = (tokenFile: string) => ({ AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/FAKE', AWS_EC2_METADATA_DISABLED: 'true' });

  it.each(['symlink to /dev/zero', 'FIFO', 'directory'] as const)('%s: refused before STS is called', async (name) => {
    const { path, code, says } = hostile[name]!;
    const sts = { assumeRole: async () => Promise.reject(new Error('not called')), assumeRoleWithWebIdentity: async () => Promise.reject(new Error('STS must not be called')) };
    const error = await defaultCredentials({ env: env(path), homeDir: home, shared: false, sts })().catch((e: unknown) => e);
    expect(codes(error)).toEqual(['ERR_ROLECALL_NO_CREDENTIALS', 'ERR_ROLECALL_CREDENTIALS_PROVIDER', code]);
    expect((error as Error).message).toMatch(/web-identity: cannot read the web identity token file: /);
    expect((error as Error).message).toMatch(says);
  });

  it(`a token file over ${MAX_TOKEN_FILE_BYTES} bytes is refused (STS takes at most 20 000 characters)`, async () => {
    const path = join(dir, 'token-too-large');
    await writeFile(path, 'e'.repeat(MAX_TOKEN_FILE_BYTES + 1));
    const sts = { assumeRole: async () => Promise.reject(new Error('not called')), assumeRoleWithWebIdentity: async () => Promise.reject(new Error('STS must not be called')) };
    const error = await defaultCredentials({ env: env(path), homeDir: home, shared: false, sts })().catch((e: unknown) => e);
    expect(codes(error)).toEqual(['ERR_ROLECALL_NO_CREDENTIALS', 'ERR_ROLECALL_CREDENTIALS_PROVIDER', 'ERR_ROLECALL_FILE_TOO_LARGE']);
  });
});
