import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenario, SCENARIO_NAMES } from './builtinScenarios.js';
import { loadScenarioModule } from './loadScenarioModule.js';

describe('builtinScenario', () => {
  it('builds E1–E6 with their triggers, hints, outages and skew', () => {
    expect(SCENARIO_NAMES).toEqual(['e1-overload', 'e2-spike', 'e3-skew', 'e4-hints', 'e5-outage', 'e6-quota', 'brooker']);
    expect(builtinScenario('e1', { load: 1.5 }).phases).toEqual([{ atS: 0, loadFactor: 1.5 }]);
    const spike = builtinScenario('spike', { durationS: 40 });
    expect(spike.phases.map((p) => p.loadFactor)).toEqual([0.7, 3, 0.7]);
    expect(spike.trigger).toEqual({ fromS: 10, untilS: 20 });
    expect(spike.rejectCost).toBe(0.2);
    const skew = builtinScenario('e3', { clients: 20 });
    expect(skew.weights?.filter((w) => w === 10)).toHaveLength(2);
    expect(builtinScenario('e4').retryAfterS).toBe(2);
    expect(builtinScenario('e5').outages).toEqual([{ fromS: 10, untilS: 20, status: 503 }]);
    expect(builtinScenario('e6', { clients: 50 })).toMatchObject({ brokenClients: 5, strategies: expect.arrayContaining(['rolecall@fair-share']) });
  });

  it('rejects bad parameters precisely', () => {
    expect(() => builtinScenario('e1', { clients: 2.5 })).toThrow(/clients must be an integer/);
    expect(() => builtinScenario('e1', { capacityRps: -1 })).toThrow(/capacityRps must be a positive number/);
    expect(() => builtinScenario('e9')).toThrow(/Unknown scenario "e9"/);
  });
});

describe('loadScenarioModule', () => {
  it('fills defaults around what the module exports, named after the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-scenario-'));
    await writeFile(join(dir, 'ramp.mjs'), 'export const scenario = { clients: 7, phases: [{ atS: 0, loadFactor: 2 }] };\n');
    const s = await loadScenarioModule('ramp.mjs', dir);
    expect(s).toMatchObject({ name: 'ramp', clients: 7, capacityRps: 200, durationS: 20 });
  });

  it('explains what to do with a .ts file or a module without `scenario`', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rolecall-scenario-'));
    await writeFile(join(dir, 'x.ts'), 'export const scenario: { clients: number } = { clients: 3 };\n');
    await writeFile(join(dir, 'empty.mjs'), 'export const other = 1;\n');
    await expect(loadScenarioModule('empty.mjs', dir)).rejects.toThrow(/must export `scenario`/);
    // Node 20 cannot import TypeScript; newer Nodes strip types and succeed.
    const loaded = await loadScenarioModule('x.ts', dir).then(
      (s) => `ok:${s.clients}`,
      (e: Error) => e.message,
    );
    expect(loaded === 'ok:3' || /rename it to \.mjs/.test(loaded)).toBe(true);
  });
});
