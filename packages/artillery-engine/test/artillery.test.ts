// Real Artillery, run the way a team runs it: `artillery run` with the rolecall
// engine, two Artillery processes at once (two workers, as a fleet would run
// them) against one `rolecall mock` on port 0, then `rolecall load report`
// over both JSON reports. Artillery is installed from the npm registry on first
// use into ${XDG_CACHE_HOME:-~/.cache}/rolecall-artillery (outside the repo,
// reused between runs; about 90 s and 470 MB the first time), never into the
// repo's node_modules. Artillery 2 needs Node >= 22.18.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ARTILLERY_VERSION = '2.0.34';
const ROLECALL = fileURLToPath(new URL('../../../apps/cli/bin/rolecall.js', import.meta.url));
const REPO_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));
const CACHE = join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'rolecall-artillery');
const ARTILLERY = join(CACHE, 'node_modules', 'artillery', 'bin', 'run');
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const nodeFits = major > 22 || (major === 22 && minor >= 18);

function run(command: string, args: readonly string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: homedir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function ensureArtillery(): Promise<void> {
  if (existsSync(ARTILLERY)) return;
  await mkdir(CACHE, { recursive: true });
  const r = await run('npm', ['install', `artillery@${ARTILLERY_VERSION}`, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {}, CACHE);
  if (r.code !== 0) throw new Error(`installing Artillery into ${CACHE} failed: ${r.stderr}`);
}

function startMock(config: string, cwd: string): Promise<{ url: string; stop(): void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ROLECALL, 'mock', '--port', '0', '--config', config], { cwd, env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('error', reject);
    let first = '';
    child.stdout.on('data', (d: Buffer) => {
      first += d.toString();
      const m = /^listening (\S+)/.exec(first);
      if (m !== null) resolve({ url: m[1] as string, stop: () => child.kill('SIGTERM') });
    });
  });
}

describe.skipIf(!nodeFits)('artillery-engine-rolecall under real Artillery', () => {
  it('two Artillery workers, one long-lived rolecall client per virtual user, one fairness report from both', async () => {
    await ensureArtillery();
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-artillery-'));
    await writeFile(join(dir, 'mock.json'), JSON.stringify({ faults: { throttle: { sts: { rps: 20, burst: 20, per: 'service', rejectCost: 0.05 } } } }));
    const mock = await startMock(join(dir, 'mock.json'), dir);
    try {
      // 10 virtual users per worker, each one client offering 4 operations/s for 4 s: 80 ops/s against 20 rps.
      const scenario = ['config:', `  target: ${mock.url}`, '  phases:', '    - duration: 1', '      arrivalCount: 10', '  engines:', '    rolecall:', '      strategy: rolecall', '      durationS: 4', '      rps: 4', 'scenarios:', '  - engine: rolecall', ''].join('\n');
      await writeFile(join(dir, 'scenario.yml'), scenario);
      // NODE_PATH lets Artillery (in the cache) find the engine in this repo's workspace.
      const env = { NODE_PATH: REPO_MODULES };
      const workers = await Promise.all(['a', 'b'].map((w) => run(process.execPath, [ARTILLERY, 'run', '--output', `${w}.json`, 'scenario.yml'], env, dir)));
      for (const w of workers) expect(w.code, w.stdout + w.stderr).toBe(0);
      const reports = await Promise.all(['a', 'b'].map(async (w) => JSON.parse(await readFile(join(dir, `${w}.json`), 'utf8')) as { aggregate: { counters: Record<string, number> } }));
      const clients = new Set(reports.flatMap((r) => Object.keys(r.aggregate.counters).filter((k) => /^rolecall\.client\..+\.ops$/.test(k))));
      expect(clients.size).toBe(20);

      await writeFile(join(dir, 't.json'), JSON.stringify({ strategies: ['rolecall'], maxRetryAmplification: 1, minJain: 0.5 }));
      const report = await run(process.execPath, [ROLECALL, 'load', 'report', 'a.json', 'b.json', '--ci', '--thresholds', 't.json', '--json', 'fair.json'], {}, dir);
      expect(report.code, report.stderr).toBe(0);
      expect(report.stdout).toMatch(/^strategy\s+attempts/);
      const fair = JSON.parse(await readFile(join(dir, 'fair.json'), 'utf8')) as { strategies: Array<Record<string, number>> };
      const m = fair.strategies[0] ?? {};
      expect(m['attempts']).toBeGreaterThanOrEqual(m['firstAttempts'] ?? Infinity);
      expect(m['throttled']).toBeGreaterThan(0);
      // One token bucket in the mock for both workers: 20 rps over the run (< 30 s) plus the burst.
      expect(m['successes']).toBeLessThanOrEqual(20 * 30 + 20);
      expect(m['successes']).toBeGreaterThan(0);
      expect(m['jain']).toBeGreaterThan(0);

      // A breached threshold fails the check, naming it.
      await writeFile(join(dir, 'strict.json'), JSON.stringify({ strategies: ['rolecall'], maxWorkAmplification: 1 }));
      const strict = await run(process.execPath, [ROLECALL, 'load', 'report', 'a.json', 'b.json', '--ci', '--thresholds', 'strict.json'], {}, dir);
      expect(strict.code).toBe(1);
      expect(strict.stderr).toMatch(/BREACHED|breached/);
    } finally {
      mock.stop();
    }
  });
});
