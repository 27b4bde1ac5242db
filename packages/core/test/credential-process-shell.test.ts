/**
 * Regression: `credential_process` ran through a shell, so `$HOME`
 * was expanded and `&& touch X` ran, and the whole line, `--password X`
 * included, was echoed in `explain` and errors. Now the line is split as the
 * AWS CLI splits it and the program runs without a shell; traces and errors
 * name the program only (docs/decisions/0098). Through the public entry
 * points, with real processes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock, DEFAULT_CREDENTIALS_DEADLINE_MS, explainCredentials, fromProfile } from '../src/index.js';
import type { ExecCommand } from '../src/index.js';

const PASSWORD = 'hunter2-FAKE-password';
let dir: string;
let home: string;
let helper: string;
let marker: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rolecall-process-shell-'));
  home = join(dir, 'home');
  await mkdir(home);
  helper = join(dir, 'helper.cjs');
  marker = join(dir, 'touched-by-a-shell');
  // Records the arguments it got, then prints credentials, or fails when told to.
  await writeFile(
    helper,
    `require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'argv.json'))}, JSON.stringify(process.argv.slice(2)));\n` +
      `if (process.argv.includes('--fail')) process.exit(3);\n` +
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY' }));\n`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function configWith(line: string): Promise<Record<string, string>> {
  const config = join(dir, `config-${Math.random().toString(36).slice(2)}`);
  await writeFile(config, `[default]\ncredential_process = ${line}\n`);
  return { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), HOME: '/home/literal-home', AWS_EC2_METADATA_DISABLED: 'true' };
}

describe('credential_process', () => {
  it('runs without a shell: $HOME and && touch reach the program literally, and nothing else runs', async () => {
    const env = await configWith(`'${process.execPath}' '${helper}' --password ${PASSWORD} $HOME "$HOME" && touch '${marker}'`);
    const report = await explainCredentials({ env, homeDir: home, shared: false });
    expect(report.credentials).toMatchObject({ ok: true, source: 'process', accessKeyId: '****MPLE' });
    expect(JSON.parse(readFileSync(join(dir, 'argv.json'), 'utf8'))).toEqual(['--password', PASSWORD, '$HOME', '$HOME', '&&', 'touch', marker]);
    expect(existsSync(marker)).toBe(false);
  });

  it('explain shows neither the arguments nor the password, when it works and when it fails', async () => {
    for (const extra of ['', ' --fail']) {
      const env = await configWith(`'${process.execPath}' '${helper}' --password ${PASSWORD}${extra}`);
      const report = await explainCredentials({ env, homeDir: home, shared: false });
      expect(report.credentials.ok).toBe(extra === '');
      const text = JSON.stringify(report);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('--password');
      expect(text).not.toContain(helper);
    }
  });

  it('a failure names the program, and an error from fromProfile carries no argument either', async () => {
    const env = await configWith(`'${process.execPath}' '${helper}' --password ${PASSWORD} --fail`);
    const report = await explainCredentials({ env, homeDir: home, shared: false });
    expect(report.credentials.trace.find((s) => s.provider === 'profile')?.reason).toBe(`credential_process \`${process.execPath}\` exited with code 3`);
    const error = await fromProfile({ env, homeDir: home })().catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain(`credential_process \`${process.execPath}\` exited with code 3`);
    expect(String((error as Error).message)).not.toContain(PASSWORD);
  });

  it('a process still running at the chain deadline is stopped then, not at its own 30 s timeout', async () => {
    const clock = createVirtualClock();
    let abortedAt: number | undefined;
    let running!: () => void;
    const started = new Promise<void>((resolve) => (running = resolve));
    const exec: ExecCommand = (_program, _args, { signal }) =>
      new Promise((_resolve, reject) => {
        running();
        signal.addEventListener('abort', () => {
          abortedAt = clock.now();
          reject(new Error('stopped'));
        });
      });
    const env = await configWith('slow-helper --wait');
    const t0 = clock.now();
    const pending = explainCredentials({ env, homeDir: home, shared: false, clock, exec });
    await started;
    await clock.advance(DEFAULT_CREDENTIALS_DEADLINE_MS);
    const report = await pending;
    expect(abortedAt).toBe(t0 + DEFAULT_CREDENTIALS_DEADLINE_MS);
    expect(report.credentials.ok).toBe(false);
    expect(report.credentials.trace.find((s) => s.provider === 'profile')?.outcome).toBe('failed');
  });
});
