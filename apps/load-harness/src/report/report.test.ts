import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenario } from '../scenarios/builtinScenarios.js';
import { runLoad } from '../runLoad.js';
import { formatTable } from './formatTable.js';
import { renderMarkdown } from './renderMarkdown.js';
import { brookerSpec, renderSvg } from './renderCharts.js';
import { writeReport } from './writeReport.js';
import { createProgressBar } from './progressBar.js';

const CONTRACT_KEYS = ['name', 'attempts', 'firstAttempts', 'successes', 'failures', 'goodputRps', 'workAmplification', 'retryAmplification', 'jain', 'jainWindowMin', 'minMaxRatio', 'starvedClients', 'latencyMs', 'throttled', 'failFast', 'recoveryS'];

describe('reports', async () => {
  const scenario = builtinScenario('e1', { clients: 20, durationS: 3, capacityRps: 40, load: 2, strategies: ['no-jitter', 'rolecall'] });
  const run = await runLoad({ scenario, mode: 'sim', seed: 3 });

  it('has exactly the JSON shape of the contract', () => {
    expect(Object.keys(run.report)).toEqual(['scenario', 'mode', 'clients', 'durationS', 'capacityRps', 'seed', 'strategies']);
    for (const s of run.report.strategies) {
      expect(Object.keys(s)).toEqual(CONTRACT_KEYS);
      expect(Object.keys(s.latencyMs)).toEqual(['p50', 'p99', 'p999']);
    }
    expect(run.report).toMatchObject({ scenario: 'e1-overload', mode: 'sim', clients: 20, durationS: 3, capacityRps: 40, seed: 3 });
  });

  it('prints one aligned row per strategy', () => {
    const lines = formatTable(run.report.strategies).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^no-jitter\s/);
    expect(lines[3]).toMatch(/^rolecall\s/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('writes JSON, Markdown and SVG charts rendered without a browser', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-report-'));
    const files = await writeReport(dir, run, ['all thresholds met']);
    expect((await readdir(dir)).sort()).toEqual(['client-success.svg', 'goodput.svg', 'report.json', 'summary.md']);
    expect(JSON.parse(await readFile(files.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(run.report)));
    const md = await readFile(files.markdown, 'utf8');
    expect(md).toContain('| rolecall |');
    expect(md).toContain('all thresholds met');
    for (const chart of files.charts) expect(await readFile(chart, 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });

  it('renders Brooker charts', async () => {
    const svg = await renderSvg(brookerSpec([{ strategy: 'full-jitter', clients: 10, calls: 20, timeMs: 100 }, { strategy: 'full-jitter', clients: 20, calls: 50, timeMs: 300 }]));
    expect(svg).toContain('<svg');
    expect(svg).toContain('full-jitter');
  });

  it('summarises warnings in Markdown', () => {
    expect(renderMarkdown({ ...run, warnings: ['the harness was the bottleneck'] })).toContain('- the harness was the bottleneck');
  });
});

describe('createProgressBar', () => {
  it('redraws in place on a TTY and prints label changes otherwise', () => {
    let tty = '';
    const bar = createProgressBar({ isTTY: true, write: (s: string) => ((tty += s), true) }, 10, () => 1000);
    bar.update(0.5, 'rolecall');
    bar.done();
    expect(tty).toContain('\r[#####.....]  50 %  rolecall');
    let plain = '';
    const log = createProgressBar({ write: (s: string) => ((plain += s), true) });
    log.update(0.1, 'a');
    log.update(0.2, 'a');
    log.update(0.6, 'b');
    expect(plain).toBe('  running a ...\n  running b ...\n');
  });
});
