import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../time/clock.js';
import { fromProcess } from './fromProcess.js';
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
    const exec: ExecCommand = (_c, { signal }) =>
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

  it('runs a real command through the default runner', async () => {
    const script = `console.log(JSON.stringify({Version:1,AccessKeyId:'AKIAREALPROC',SecretAccessKey:'x'}))`;
    const c = await fromProcess({ command: `${JSON.stringify(process.execPath)} -e ${JSON.stringify(script)}`, env: { PATH: process.env['PATH'] ?? '' } })();
    expect(c.accessKeyId).toBe('AKIAREALPROC');
  });
});
