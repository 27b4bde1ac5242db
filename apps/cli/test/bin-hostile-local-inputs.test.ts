// Regression, as a user meets it: `rolecall explain --json` in a
// fresh process, HOME in a temp directory, the metadata and STS endpoints on
// a real `rolecall mock --port 0`. A config file that is a symlink to
// /dev/zero, a FIFO or a sparse 1 GiB file is refused at once with exit 2 and
// a message naming the file (it used to grow to 6.4 GB, hang forever, or take
// 4.9 s to say "no [default] profile"); a credential_process runs without a
// shell and its arguments never show. No timing is asserted: a run that hangs
// fails by the test timeout. Runs the build (`npm run build` first).
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { node as runNode } from './support/realProcess.js';

const BIN = fileURLToPath(new URL('../bin/rolecall.js', import.meta.url));
const GENEROUS_MS = 60_000;
const PASSWORD = 'hunter2-FAKE-password';

let dir: string;
let mock: ChildProcess;
let mockUrl: string;

const rolecall = (args: readonly string[], env: Record<string, string>) => runNode([BIN, ...args], env);

/** A fresh HOME and the endpoints on the mock: nothing reaches a real AWS or 169.254.169.254. */
async function userEnv(extra: Record<string, string>): Promise<Record<string, string>> {
  const home = await mkdtemp(join(dir, 'home-'));
  return { HOME: home, AWS_EC2_METADATA_SERVICE_ENDPOINT: mockUrl, AWS_ENDPOINT_URL_STS: mockUrl, ...extra };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolecall-bin-hostile-'));
  mock = spawn(process.execPath, [BIN, 'mock', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: mock.stdout! }).once('line', resolve);
    mock.once('error', reject);
  });
  mockUrl = /^listening (http:\/\/\S+)$/.exec(first)?.[1] ?? '';
  expect(mockUrl).not.toBe('');
}, GENEROUS_MS);
afterAll(async () => {
  mock.kill();
  await rm(dir, { recursive: true, force: true });
});

describe('rolecall explain with a config file that is not a small regular file', () => {
  const cases: [string, (path: string) => Promise<void>, RegExp][] = [
    ['a symlink to /dev/zero', (path) => symlink('/dev/zero', path), /is a character device \(it leads to \/dev\/zero\), not a regular file/],
    ['a FIFO', async (path) => void execFileSync('mkfifo', [path]), /is a FIFO \(named pipe\), not a regular file/],
    ['a sparse 1 GiB file', async (path) => (await writeFile(path, ''), await truncate(path, 1024 ** 3)), /is 1073741824 bytes, over the 4194304 bytes read/],
  ];

  it.each(cases)(
    'AWS_CONFIG_FILE naming %s: exit 2, the profile step failed naming the file',
    async (_name, make, says) => {
      const path = join(await mkdtemp(join(dir, 'f-')), 'config');
      await make(path);
      const run = await rolecall(['explain', '--json'], await userEnv({ AWS_CONFIG_FILE: path }));
      expect(run.code).toBe(2);
      const report = JSON.parse(run.stdout) as { credentials: { ok: boolean; trace: { provider: string; outcome: string; reason: string }[]; error: { provider: string; message: string } } };
      expect(report.credentials.ok).toBe(false);
      expect(report.credentials.error.provider).toBe('profile');
      const step = report.credentials.trace.find((s) => s.provider === 'profile');
      expect(step?.outcome).toBe('failed');
      expect(step?.reason).toContain(path);
      expect(step?.reason).toMatch(says);
      expect(run.stdout).not.toMatch(/no \[default\] profile/);
    },
    GENEROUS_MS,
  );

  it(
    '~/.aws/config itself a FIFO (no AWS_CONFIG_FILE): the table says what to do, exit 2',
    async () => {
      const env = await userEnv({});
      await mkdir(join(env['HOME']!, '.aws'));
      execFileSync('mkfifo', [join(env['HOME']!, '.aws', 'config')]);
      const run = await rolecall(['explain'], env);
      expect(run.code).toBe(2);
      expect(run.stdout).toContain(`${env['HOME']}/.aws/config is a FIFO (named pipe), not a regular file`);
      expect(run.stdout).toMatch(/make it a regular file, or point the setting that names it/);
    },
    GENEROUS_MS,
  );
});

describe('rolecall explain with a credential_process', () => {
  async function withHelper(line: (helper: string, marker: string) => string): Promise<{ env: Record<string, string>; argvFile: string; marker: string }> {
    const work = await mkdtemp(join(dir, 'proc-'));
    const helper = join(work, 'helper.cjs');
    const argvFile = join(work, 'argv.json');
    const marker = join(work, 'touched-by-a-shell');
    await writeFile(
      helper,
      `require('node:fs').writeFileSync(${JSON.stringify(argvFile)}, JSON.stringify(process.argv.slice(2)));\n` +
        `if (process.argv.includes('--fail')) process.exit(3);\n` +
        `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY' }));\n`,
    );
    const config = join(work, 'config');
    await writeFile(config, `[default]\ncredential_process = ${line(helper, marker)}\n`);
    return { env: await userEnv({ AWS_CONFIG_FILE: config }), argvFile, marker };
  }

  it(
    'runs it without a shell: $HOME and && touch reach the program literally, touch never runs, the password never shows',
    async () => {
      const { env, argvFile, marker } = await withHelper((helper, marker) => `'${process.execPath}' '${helper}' --password ${PASSWORD} $HOME && touch '${marker}'`);
      for (const args of [['explain', '--json'], ['explain']]) {
        const run = await rolecall(args, env);
        expect(run.code).toBe(0);
        expect(run.stdout + run.stderr).not.toContain(PASSWORD);
        expect(run.stdout + run.stderr).not.toContain('--password');
      }
      expect(JSON.parse(readFileSync(argvFile, 'utf8'))).toEqual(['--password', PASSWORD, '$HOME', '&&', 'touch', marker]);
      expect(existsSync(marker)).toBe(false);
    },
    GENEROUS_MS,
  );

  it(
    'a failing process: exit 2, the error names the program, not its arguments',
    async () => {
      const { env } = await withHelper((helper) => `'${process.execPath}' '${helper}' --password ${PASSWORD} --fail`);
      const run = await rolecall(['explain', '--json'], env);
      expect(run.code).toBe(2);
      expect(run.stdout).toContain(`credential_process \`${process.execPath}\` exited with code 3`);
      expect(run.stdout + run.stderr).not.toContain(PASSWORD);
      expect(run.stdout + run.stderr).not.toContain('--password');
    },
    GENEROUS_MS,
  );
});
