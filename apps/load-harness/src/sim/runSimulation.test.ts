import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../scenarios/builtinScenarios.js';
import { resolveSimStrategy } from '../strategies/resolveStrategy.js';
import { computeMetrics } from '../metrics/computeMetrics.js';
import { runSimulation } from './runSimulation.js';

describe('runSimulation', () => {
  it('is deterministic per seed and gives every strategy the same arrivals', async () => {
    const scenario = builtinScenario('e1', { clients: 50, durationS: 5, capacityRps: 100, load: 2 });
    const rolecall = resolveSimStrategy('rolecall', { clients: 50 });
    const a = await runSimulation({ scenario, strategy: rolecall, seed: 9 });
    const b = await runSimulation({ scenario, strategy: resolveSimStrategy('rolecall', { clients: 50 }), seed: 9 });
    expect(b).toEqual(a);
    const other = await runSimulation({ scenario, strategy: resolveSimStrategy('no-jitter', { clients: 50 }), seed: 9 });
    const arrivalsOf = (ops: typeof a.ops) => ops.map((o) => `${o.client}:${o.start}`).sort();
    expect(arrivalsOf(other.ops)).toEqual(arrivalsOf(a.ops));
  });

  it('never serves more than the token bucket allows', async () => {
    const scenario = builtinScenario('e1', { clients: 100, durationS: 10, capacityRps: 50, load: 3, rejectCost: 0 });
    const run = await runSimulation({ scenario, strategy: resolveSimStrategy('none', { clients: 100 }), seed: 1 });
    const served = run.attempts.filter((a) => a.outcome === 'ok' && a.start < 10_000).length;
    expect(served).toBeLessThanOrEqual(50 * 10 + scenario.burst + 1);
    expect(served).toBeGreaterThan(50 * 10 * 0.95);
    // offered ≈ 3 × 50 × 10 first attempts
    const first = run.attempts.filter((a) => a.attempt === 0).length;
    expect(first).toBeGreaterThan(1350);
    expect(first).toBeLessThan(1650);
  });

  it('E1 at 3 × C, 200 clients: rolecall (a retry budget per client) is fair, starves nobody and retries less than no-jitter and undici-retry', async () => {
    const scenario = builtinScenario('e1', { clients: 200, durationS: 20, capacityRps: 400, load: 3 });
    const run = async (name: string) =>
      computeMetrics(await runSimulation({ scenario, strategy: resolveSimStrategy(name, { clients: 200 }), seed: 1 })).metrics;
    const [ours, noJitter, undici] = [await run('rolecall'), await run('no-jitter'), await run('undici-retry')];
    expect(ours.jain).toBeGreaterThanOrEqual(0.9);
    expect(ours.starvedClients).toBe(0);
    expect(ours.retryAmplification).toBeLessThan(noJitter.retryAmplification);
    expect(ours.retryAmplification).toBeLessThan(undici.retryAmplification);
    // The budget's bound: about 10 % of first attempts plus 0.25 retries/s per client.
    expect(ours.retryAmplification).toBeLessThanOrEqual(0.1 + (0.25 * 200) / (3 * 400) + 0.05);
  }, 30_000);

  it('E2: rolecall recovers within 5 s of the spike; undici-retry (no budget, 5 unjittered retries) does not', async () => {
    const scenario = builtinScenario('e2', { clients: 200 });
    const options = { trigger: scenario.trigger ?? { fromS: 0, untilS: 0 } };
    const ours = computeMetrics(await runSimulation({ scenario, strategy: resolveSimStrategy('rolecall', { clients: 200 }), seed: 1 }), options);
    const undici = computeMetrics(await runSimulation({ scenario, strategy: resolveSimStrategy('undici-retry', { clients: 200 }), seed: 1 }), options);
    expect(ours.recovered).toBe(true);
    expect(ours.metrics.recoveryS).toBeLessThanOrEqual(5);
    expect(undici.recovered).toBe(false);
    expect(undici.metrics.recoveryS).toBeNull();
  }, 30_000);

  it('E4: undici honours identical Retry-After hints exactly (one synchronised delay); rolecall spreads them', async () => {
    const scenario = builtinScenario('e4', { clients: 100, durationS: 10, capacityRps: 100 });
    const retryDelays = async (name: string) => {
      const run = await runSimulation({ scenario, strategy: resolveSimStrategy(name, { clients: 100 }), seed: 2 });
      return run.attempts.filter((a) => a.attempt > 0).map((a) => a.delay);
    };
    const undici = await retryDelays('undici-retry');
    expect(undici.length).toBeGreaterThan(100);
    expect(new Set(undici.map((d) => Math.round(d))).size).toBe(1);
    expect(Math.round(undici[0] ?? 0)).toBe(2000);
    const ours = await retryDelays('rolecall');
    expect(Math.min(...ours)).toBeGreaterThanOrEqual(2000 - 1e-6);
    expect(Math.max(...ours) - Math.min(...ours)).toBeGreaterThan(800);
  }, 30_000);

  it('handles 100 000 clients', async () => {
    const scenario = builtinScenario('e1', { clients: 100_000, durationS: 0.5, capacityRps: 20_000, load: 1.5, strategies: ['rolecall'] });
    const run = await runSimulation({ scenario, strategy: resolveSimStrategy('rolecall', { clients: 100_000 }), seed: 1 });
    expect(run.ops.length).toBeGreaterThan(13_000);
    expect(new Set(run.ops.map((o) => o.client)).size).toBeGreaterThan(10_000);
  }, 60_000);
});
