// Real mode on every core, as a user runs it: the shipped binary in a fresh
// process, `rolecall load --workers 2`, which forks the mock into its own
// process and shards the clients over two worker threads. Checked for
// structure and for what the server enforces, never for timing.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/rolecall.js', import.meta.url));

function rolecall(args: readonly string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('rolecall load --workers', () => {
  it('shards the clients over two worker threads against a mock in its own process and merges one report', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'rolecall-load-workers-'));
    const run = await rolecall(['load', 'e1', '--clients', '40', '--capacity', '60', '--load', '3', '--duration', '2', '--strategies', 'rolecall,undici-retry', '--workers', '2', '--json', 'r.json'], cwd);
    expect(run.stderr).toContain('2 client worker(s) + mock process');
    expect(run.code).toBe(0);
    // Each strategy's self-measurement names both workers, each with its half of the clients.
    expect(run.stderr.match(/ {2}worker 1: 20 clients/g)).toHaveLength(2);
    expect(run.stderr.match(/ {2}worker 2: 20 clients/g)).toHaveLength(2);
    const report = JSON.parse(await readFile(join(cwd, 'r.json'), 'utf8'));
    expect(report).toMatchObject({ scenario: 'e1-overload', mode: 'real', clients: 40, durationS: 2, capacityRps: 60 });
    for (const s of report.strategies) {
      // Offered ≈ 3 × 60 × 2 = 360 operations over both shards (fewer when a loaded machine
      // delays a worker past the end of the arrivals; the warnings then name it).
      const ops = s.successes + s.failures;
      expect(ops).toBeGreaterThan(150);
      expect(ops).toBeLessThan(470);
      expect(s.firstAttempts).toBeGreaterThan(0);
      expect(s.firstAttempts).toBeLessThanOrEqual(ops);
      // One token bucket in the mock process for both shards: C × (run + drain) + burst bounds what succeeds.
      expect(s.successes).toBeLessThanOrEqual(60 * 12 + 60);
      expect(s.throttled).toBeGreaterThan(0);
    }
  }, 120_000);
});
