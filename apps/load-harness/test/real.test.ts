import { describe, expect, it } from 'vitest';
import { getCallerIdentity } from '@rolecall/core';
import { builtinScenario, computeMetrics, createRealRunner, parseStrategySpec, runLoad, validateScenario, type RunRecords } from '../src/index.js';

/**
 * Real mode end to end: the embedded mock on a loopback port, signed STS calls
 * through the core over undici, per-client accounting. Short on purpose
 * (a few seconds per strategy); the figures are checked for structure and for
 * what the server enforces, never for timing.
 */
describe('real mode', () => {
  it('runs 50 clients at 3 × capacity through the core, smithy and undici strategies', async () => {
    const scenario = builtinScenario('e1', { clients: 50, durationS: 3, capacityRps: 100, load: 3, strategies: ['rolecall', 'smithy-standard', 'undici-retry'] });
    const records = new Map<string, RunRecords>();
    const runner = createRealRunner({ drainS: 2 });
    const run = await runLoad({
      scenario,
      mode: 'real',
      seed: 5,
      real: async (s, spec, seed, progress) => {
        const result = await runner(s, spec, seed, progress);
        records.set(spec.label, result.records);
        return result;
      },
    });
    expect(run.report.strategies.map((s) => s.name)).toEqual(['rolecall', 'smithy-standard', 'undici-retry']);
    const maxAttempts: Record<string, number> = { rolecall: 3, 'smithy-standard': 3, 'undici-retry': 6 };
    for (const [name, r] of records) {
      const m = computeMetrics(r).metrics;
      // Every operation is accounted for: it ends after it starts, and its
      // attempt count is the number of attempts recorded for it (how many
      // arrive in 3 s of wall-clock time on a loaded machine is not asserted).
      expect(r.ops.length).toBeGreaterThan(0);
      expect(r.ops.filter((o) => !(o.end >= o.start))).toEqual([]);
      // (An operation still waiting when the run ends has no attempt at all.)
      const attemptsOf = new Map<string, number>();
      for (const a of r.attempts) attemptsOf.set(`${a.client}:${a.op}`, (attemptsOf.get(`${a.client}:${a.op}`) ?? 0) + 1);
      expect(r.ops.filter((o) => (attemptsOf.get(`${o.client}:${o.op}`) ?? 0) !== o.attempts)).toEqual([]);
      expect(r.ops.some((o) => o.attempts > 0)).toBe(true);
      expect(new Set(r.attempts.map((a) => a.client)).size).toBeGreaterThan(45);
      // The server's bucket bounds what can succeed: C × (run + drain) + burst.
      expect(m.successes).toBeLessThanOrEqual(100 * 5 + scenario.burst);
      expect(m.successes).toBeGreaterThan(100);
      expect(m.throttled).toBeGreaterThan(0);
      const perOp = new Map<number, number>();
      for (const a of r.attempts) perOp.set(a.op, (perOp.get(a.op) ?? 0) + 1);
      expect(Math.max(...perOp.values())).toBeLessThanOrEqual(maxAttempts[name] ?? 0);
      for (const a of r.attempts) {
        expect(a.end).toBeGreaterThanOrEqual(a.start);
        expect(a.delay).toBeGreaterThanOrEqual(0);
      }
    }
    expect(run.health).toHaveLength(3);
    for (const h of run.health) {
      expect(h.cpuShare).toBeGreaterThan(0);
      // The mock's share is measured (it answered), not compared with the
      // process's CPU: both are wall-clock ratios that another process on the
      // machine stretches differently.
      expect(h.mockShare).toBeGreaterThan(0);
      expect(Number.isFinite(h.mockShare)).toBe(true);
    }
  }, 120_000);

  it('lets autocannon background load compete for the same capacity', async () => {
    const scenario = builtinScenario('e1', { clients: 10, durationS: 2, capacityRps: 40, load: 0.5, strategies: ['rolecall'] });
    const quiet = await createRealRunner({ drainS: 1 })(scenario, parseStrategySpec('rolecall'), 1, () => {});
    const noisy = await createRealRunner({ drainS: 1, background: { rps: 200, connections: 2 } })(scenario, parseStrategySpec('rolecall'), 1, () => {});
    const throttled = (r: RunRecords) => r.attempts.filter((a) => a.outcome === 'throttled').length;
    expect(throttled(noisy.records)).toBeGreaterThan(throttled(quiet.records));
  }, 60_000);

  it('turns outages and broken clients into the mock fault plan', async () => {
    const scenario = validateScenario({
      name: 'faults',
      clients: 10,
      durationS: 3,
      capacityRps: 100,
      phases: [{ atS: 0, loadFactor: 0.5 }],
      outages: [{ fromS: 1, untilS: 2, status: 503 }],
      brokenClients: 2,
      strategies: ['none'],
    });
    const { records } = await createRealRunner({ drainS: 1 })(scenario, parseStrategySpec('none'), 1, () => {});
    const broken = records.attempts.filter((a) => a.client < 2);
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.every((a) => a.status === 503)).toBe(true);
    const healthy = records.attempts.filter((a) => a.client >= 2);
    // The outage, as the healthy clients met it: one span of 503s with
    // successes before and after it, and nothing but 503s strictly inside it.
    // Judged by the order of the attempts, not by wall-clock windows.
    const failed = healthy.filter((a) => a.status === 503);
    expect(failed.length).toBeGreaterThan(0);
    const firstFailureEnd = Math.min(...failed.map((a) => a.end));
    const lastFailureStart = Math.max(...failed.map((a) => a.start));
    expect(healthy.some((a) => a.status === 200 && a.end < Math.min(...failed.map((f) => f.start)))).toBe(true);
    expect(healthy.some((a) => a.status === 200 && a.start > Math.max(...failed.map((f) => f.end)))).toBe(true);
    const inside = healthy.filter((a) => a.start > firstFailureEnd && a.end < lastFailureStart);
    expect(inside.every((a) => a.status === 503)).toBe(true);
    expect(healthy.every((a) => a.status === 200 || a.status === 503)).toBe(true);
  }, 30_000);

  it("runs the scenario's own client code for each attempt", async () => {
    const seen: number[] = [];
    const scenario = validateScenario({
      name: 'own-code',
      clients: 5,
      durationS: 1,
      capacityRps: 50,
      phases: [{ atS: 0, loadFactor: 0.5 }],
      strategies: ['rolecall'],
      call: async (client, index) => {
        seen.push(index);
        return getCallerIdentity(client);
      },
    });
    const { records } = await createRealRunner({ drainS: 1 })(scenario, parseStrategySpec('rolecall'), 1, () => {});
    expect(seen.length).toBe(records.attempts.length);
    expect(seen.length).toBeGreaterThan(5);
    expect(records.attempts.every((a) => a.status === 200)).toBe(true);
  }, 30_000);
});
