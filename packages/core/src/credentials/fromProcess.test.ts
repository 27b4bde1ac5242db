import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVirtualClock } from '../time/clock.js';
import { execCommand, fromProcess, MAX_PROCESS_OUTPUT_BYTES } from './fromProcess.js';
import type { ExecCommand } from './fromProcess.js';

const answer = (doc: unknown, exitCode = 0): ExecCommand => async () => ({ exitCode, stdout: JSON.stringify(doc) });
const clock = createVirtualClock(Date.parse('2026-01-01T00:00:00Z'));

describe('fromProcess', () => {
  it('accepts Version 1 output with session token and expiry', async () => {
    const c = await fromProcess({ command: 'h', clock, exec: answer({ Version: 1, AccessKeyId: 'AKIAP', SecretAccessKey: 's', SessionToken: 't', Expiration: '2026-01-01T01:00:00Z' }) })();
    expect(c).toMatchObject({ accessKeyId: 'AKIAP', sessionToken: 't', source: 'process' });
    expect(c.expiration?.toISOString()).toBe('2026-01-01T01:00:00.000Z');
  });

  it.each([
    [{ Version: 2, AccessKeyId: 'A', SecretAccessKey: 's' }, /Version 2/],
    [{ Version: 1, SecretAccessKey: 's' }, /lacks AccessKeyId/],
    [{ Version: 1, AccessKeyId: 'A' }, /lacks SecretAccessKey/],
    [{ Version: 1, AccessKeyId: 'A', SecretAccessKey: 's', Expiration: 'soon' }, /not an ISO 8601/],
    [{ Version: 1, AccessKeyId: 'A', SecretAccessKey: 's', Expiration: '2025-12-31T23:00:00Z' }, /expired at/],
  ])('refuses invalid output %j', async (doc, pattern) => {
    await expect(fromProcess({ command: 'h', clock, exec: answer(doc) })()).rejects.toThrow(pattern);
  });

  it('never echoes the output (it holds the secret)', async () => {
    const error = await fromProcess({ command: 'h', clock, exec: async () => ({ exitCode: 0, stdout: 'SECRETSTUFF not json' }) })().catch((e: unknown) => e);
    expect(String((error as Error).message)).not.toContain('SECRETSTUFF');
  });

  it('fails on a non-zero exit code', async () => {
    await expect(fromProcess({ command: 'h', clock, exec: answer({}, 3) })()).rejects.toThrow(/exited with code 3/);
  });

  it('stops a process that runs past the timeout', async () => {
    const vclock = createVirtualClock();
    let aborted = false;
    const exec: ExecCommand = (_program, _args, { signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => ((aborted = true), reject(new Error('killed')))));
    const pending = fromProcess({ command: 'slow', clock: vclock, timeoutMs: 5000, exec })().catch((e: unknown) => e);
    await vclock.advance(5000);
    expect(String(await pending)).toMatch(/did not finish within 5000 ms/);
    expect(aborted).toBe(true);
  });

  it('is skipped when the profile has no credential_process', async () => {
    const fs = { readFile: async () => '[default]\nregion = us-east-1\n' };
    await expect(fromProcess({ env: {}, homeDir: '/h', fs })()).rejects.toMatchObject({ tryNextLink: true });
  });

  it('splits the line and hands the runner the program and its arguments', async () => {
    const calls: unknown[] = [];
    const exec: ExecCommand = async (program, args, { maxOutputBytes }) => {
      calls.push([program, args, maxOutputBytes]);
      return { exitCode: 0, stdout: JSON.stringify({ Version: 1, AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'FAKEsecret' }) };
    };
    await fromProcess({ command: `/opt/vault-helper --role "dev team" --password 'p w' $HOME`, clock, exec })();
    expect(calls).toEqual([['/opt/vault-helper', ['--role', 'dev team', '--password', 'p w', '$HOME'], MAX_PROCESS_OUTPUT_BYTES]]);
  });

  it.each([
    ['a non-zero exit', answer({}, 3), /exited with code 3/],
    ['output that is not JSON', async () => ({ exitCode: 0, stdout: 'nope' }), /did not print a JSON object/],
    ['a runner that cannot start it', async () => Promise.reject(Object.assign(new Error('spawn'), { code: 'ENOENT' })), /could not run: ENOENT \(no such program/],
  ] as const)('names the program, never its arguments, on %s', async (_what, exec, pattern) => {
    const error = await fromProcess({ command: 'vault-helper --password hunter2-FAKE', clock, exec })().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(pattern);
    expect((error as Error).message).toContain('credential_process `vault-helper`');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('refuses a line that cannot be split, without echoing it', async () => {
    const error = await fromProcess({ command: "vault-helper --password 'hunter2-FAKE", clock, exec: answer({}) })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_CREDENTIALS_PROVIDER', tryNextLink: false });
    expect((error as Error).message).toMatch(/cannot be split into a program and its arguments: no closing quotation/);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('runs a real command through the default runner', async () => {
    const script = `console.log(JSON.stringify({Version:1,AccessKeyId:'AKIAREALPROC',SecretAccessKey:'x'}))`;
    const c = await fromProcess({ command: `${JSON.stringify(process.execPath)} -e ${JSON.stringify(script)}`, env: { PATH: process.env['PATH'] ?? '' } })();
    expect(c.accessKeyId).toBe('AKIAREALPROC');
  });
});

describe('execCommand (the real runner)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rolecall-process-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const env = { PATH: process.env['PATH'] ?? '', HOME: '/home/rolecall-test' };

  it('runs no shell: $HOME and && touch reach the program as words, and touch never runs', async () => {
    const helper = join(dir, 'helper.cjs');
    const marker = join(dir, 'touched');
    await writeFile(
      helper,
      `require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'argv.json'))}, JSON.stringify(process.argv.slice(2)));\n` +
        `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'FAKEsecret' }));\n`,
    );
    const command = `'${process.execPath}' '${helper}' $HOME "\$HOME" && touch '${marker}' ; echo \`id\` | cat`;
    const c = await fromProcess({ command, env })();
    expect(c.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(JSON.parse(readFileSync(join(dir, 'argv.json'), 'utf8'))).toEqual(['$HOME', '$HOME', '&&', 'touch', marker, ';', 'echo', '`id`', '|', 'cat']);
    expect(existsSync(marker)).toBe(false);
  });

  it('stops a process that prints more than the limit, and says so', async () => {
    const script = `const b = 'x'.repeat(65536); const w = () => process.stdout.write(b, w); w();`;
    const run = execCommand(process.execPath, ['-e', script], { env, signal: new AbortController().signal, maxOutputBytes: 256 * 1024 });
    await expect(run).rejects.toMatchObject({ code: 'ERR_ROLECALL_PROCESS_OUTPUT_TOO_LARGE' });
  });

  it('a provider reports the overflow with the program only', async () => {
    const error = await fromProcess({
      command: `'${process.execPath}' -e "process.stdout.write('x'.repeat(${MAX_PROCESS_OUTPUT_BYTES + 1}))" -- --password hunter2-FAKE`,
      env,
    })().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/could not run: .* printed more than 1048576 bytes on stdout and was stopped/);
    expect((error as Error).message).not.toContain('hunter2');
    expect((error as Error).message).not.toContain('-e');
  });
});
