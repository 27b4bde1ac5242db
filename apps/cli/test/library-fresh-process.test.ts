// @rolecall/core as a user's program meets it: a plain `node` script in a
// fresh process (no test runner keeping the event loop alive, no virtual
// clock) against a real `rolecall mock` on port 0, both spawned here with
// their own environment (this process's env is untouched). The scripts live
// in test/fresh/ and import the built package, so `npm test` builds first.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/rolecall.js', import.meta.url));
const script = (name: string): string => fileURLToPath(new URL(`./fresh/${name}`, import.meta.url));
const SIX_HOURS_MS = 6 * 3_600_000;

/** A child process whose stdout is read a line at a time. */
interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  /** The next stdout line; rejects if the process exits first. */
  line(): Promise<string>;
  stderr(): string;
  exited: Promise<number | null>;
}

function start(args: readonly string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, args, { env: { PATH: process.env['PATH'] ?? '', ...env } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    process: child,
    async line() {
      const next = await lines.next();
      if (next.done === true) throw new Error(`process ended before printing a line; stderr: ${stderr}`);
      return next.value;
    },
    stderr: () => stderr,
    exited,
  };
}

let mock: Child;
let url: string;
let exports: Record<string, string>;
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'rolecall-fresh-home-'));
  mock = start([BIN, 'mock', '--port', '0'], { HOME: home });
  url = /^listening (http:\/\/\S+)$/.exec(await mock.line())?.[1] ?? '';
  exports = {};
  while (exports['AWS_CONTAINER_AUTHORIZATION_TOKEN'] === undefined) {
    const [, name = '', value = ''] = /^export (\w+)=(.*)$/.exec(await mock.line()) ?? [];
    exports[name] = value;
  }
});

afterAll(async () => {
  mock.process.kill('SIGTERM');
  await mock.exited;
  await rm(home, { recursive: true, force: true });
});

const control = async (path: string, body?: unknown): Promise<unknown> => {
  const response = await fetch(`${url}/_mock/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect(response.status).toBe(200);
  return response.json();
};
type Entry = { service: string; action: string; code: string | null; client: string; region?: string };
const journal = async (): Promise<Entry[]> => (await control('journal')) as Entry[];

describe('a long-running program across a 6 h move of the server clock', () => {
  it('regression: keeps succeeding: each ExpiredToken refreshes the cached credentials and the call is sent again', async () => {
    await control('reset', {});
    const env = {
      HOME: home,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: url,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: exports['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: exports['AWS_CONTAINER_AUTHORIZATION_TOKEN'] ?? '',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const program = start([script('longRunningClient.mjs')], env);
    const call = async (): Promise<{ ok: boolean; attempts?: number; awsCode?: string; arn?: string }> => {
      program.process.stdin.write('call\n');
      return JSON.parse(await program.line());
    };
    try {
      expect(await call()).toMatchObject({ ok: true, attempts: 1 });
      // The server's clock moves; this process's clock does not.
      await control('clock', { advanceMs: SIX_HOURS_MS });
      const after = await call();
      expect(after).toMatchObject({ ok: true, arn: expect.stringContaining(':assumed-role/') });
      expect(after.attempts).toBe(2); // ExpiredToken, then fresh credentials at the server's time
      expect(await call()).toMatchObject({ ok: true, attempts: 1 });
      // Another 6 h (the skew grows to 12 h, so the cache cannot see it coming): recovered the same way.
      await control('clock', { advanceMs: SIX_HOURS_MS });
      expect(await call()).toMatchObject({ ok: true, attempts: 2 });
      expect(await call()).toMatchObject({ ok: true, attempts: 1 });
      program.process.stdin.write('quit\n');
      expect(await program.exited).toBe(0);
    } finally {
      program.process.kill();
    }
    const entries = await journal();
    expect(entries.filter((e) => e.service === 'sts').map((e) => e.code)).toEqual([null, 'ExpiredToken', null, null, 'ExpiredToken', null, null]);
    expect(entries.filter((e) => e.service === 'container')).toHaveLength(3);
  });
});

describe('the region of a program that configures none in code', () => {
  it.each([
    ['the default profile', '[default]\nregion = eu-west-1\n', {}, 'eu-west-1', 'profile:default'],
    ['AWS_PROFILE', '[default]\nregion = eu-west-1\n[profile ci]\nregion = ap-southeast-2\n', { AWS_PROFILE: 'ci' }, 'ap-southeast-2', 'profile:ci'],
  ])('regression: comes from %s in ~/.aws/config and is signed for', async (_what, config, extra, region, source) => {
    await control('reset', {});
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-fresh-profile-'));
    try {
      await mkdir(join(dir, '.aws'));
      await writeFile(join(dir, '.aws', 'config'), config);
      await writeFile(join(dir, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n[ci]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
      const program = start([script('regionFromProfile.mjs')], { HOME: dir, AWS_ENDPOINT_URL_STS: url, AWS_EC2_METADATA_DISABLED: 'true', ...extra });
      const out = JSON.parse(await program.line());
      expect(await program.exited).toBe(0);
      expect(out).toMatchObject({ region, source, arn: expect.stringContaining(':user/alice') });
      const calls = (await journal()).filter((e) => e.action === 'GetCallerIdentity');
      expect(calls.map((e) => [e.code, e.region])).toEqual([[null, region]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
