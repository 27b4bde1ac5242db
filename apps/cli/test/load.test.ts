import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/main.js';

function capture(): { write: (s: string) => boolean; text: () => string } {
  let out = '';
  return { write: (s: string) => ((out += s), true), text: () => out };
}

async function load(argv: string[], env: Record<string, string> = {}) {
  const cwd = await mkdtemp(join(tmpdir(), 'rolecall-load-'));
  const stdout = capture();
  const stderr = capture();
  const code = await main({ argv: ['load', ...argv], env, stdout, stderr, cwd });
  return { code, stdout: stdout.text(), stderr: stderr.text(), cwd };
}

const SMALL = ['--sim', '--clients', '20', '--duration', '3', '--capacity', '40'];

describe('rolecall load', () => {
  it('prints a table per strategy and writes the JSON contract', async () => {
    const r = await load(['e1', ...SMALL, '--strategies', 'no-jitter,rolecall', '--json', 'out.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^strategy\s+attempts/);
    expect(r.stdout).toMatch(/\nno-jitter\s/);
    expect(r.stdout).toMatch(/\nrolecall\s/);
    const json = JSON.parse(await readFile(join(r.cwd, 'out.json'), 'utf8'));
    expect(json).toMatchObject({ scenario: 'e1-overload', mode: 'sim', clients: 20, durationS: 3, capacityRps: 40, seed: 1 });
    expect(json.strategies.map((s: { name: string }) => s.name)).toEqual(['no-jitter', 'rolecall']);
  });

  it('--ci exits 1 naming the breached threshold and writes the summary for GitHub', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'rolecall-ci-'));
    const summary = join(cwd, 'summary.md');
    await writeFile(join(cwd, 't.json'), JSON.stringify({ strategies: ['rolecall'], maxWorkAmplification: 1.01 }));
    const stdout = capture();
    const stderr = capture();
    const code = await main({ argv: ['load', 'e1', ...SMALL, '--strategies', 'rolecall', '--ci', '--thresholds', 't.json'], env: { GITHUB_STEP_SUMMARY: summary }, stdout, stderr, cwd });
    expect(code).toBe(1);
    expect(stderr.text()).toContain('rolecall: maxWorkAmplification 1.01 breached');
    const md = await readFile(summary, 'utf8');
    expect(md).toContain('## rolecall load: e1-overload');
    expect(md).toContain('BREACHED rolecall: maxWorkAmplification 1.01 breached');
  });

  it('--ci passes with generous thresholds', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'rolecall-ci-'));
    await writeFile(join(cwd, 't.json'), JSON.stringify({ maxWorkAmplification: 1000, minJain: 0 }));
    const ok = await main({ argv: ['load', 'e1', ...SMALL, '--strategies', 'rolecall', '--ci', '--thresholds', 't.json'], env: {}, stdout: capture(), stderr: capture(), cwd });
    expect(ok).toBe(0);
  });

  it('runs a user scenario module', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'rolecall-user-'));
    await writeFile(join(cwd, 'mine.mjs'), 'export const scenario = { clients: 10, durationS: 2, capacityRps: 20, phases: [{ atS: 0, loadFactor: 2 }], strategies: ["full-jitter"] };\n');
    const stdout = capture();
    const code = await main({ argv: ['load', './mine.mjs', '--sim', '--json', 'r.json'], env: {}, stdout, stderr: capture(), cwd });
    expect(code).toBe(0);
    const json = JSON.parse(await readFile(join(cwd, 'r.json'), 'utf8'));
    expect(json).toMatchObject({ scenario: 'mine', clients: 10, capacityRps: 20 });
  });

  it('runs Brooker in simulation and writes its charts', async () => {
    const r = await load(['brooker', '--clients', '20', '--strategies', 'full-jitter,no-jitter', '--out', 'rep']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Brooker's optimistic-concurrency comparison");
    expect(await readFile(join(r.cwd, 'rep', 'brooker-work.svg'), 'utf8')).toContain('<svg');
  });

  it('refuses bad usage with exit 64 and a precise message', async () => {
    expect((await load(['nope', '--sim'])).stderr).toContain('Unknown scenario "nope"');
    expect((await load(['e1', '--sim', '--clients', 'many'])).code).toBe(64);
    expect((await load(['e1', '--sim', '--strategies', 'smithy-standard'])).stderr).toContain('real mode only');
    expect((await load(['e1', '--frobnicate'])).code).toBe(64);
  });
});
