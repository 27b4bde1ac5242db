import { describe, expect, it } from 'vitest';
import { ARTILLERY_METRICS as M, mergeArtilleryReports, metricsFromArtillery, type ArtilleryReport } from './artilleryMetrics.js';

const counters = (clients: Record<string, [ops: number, ok: number]>, extra: Record<string, number> = {}): Record<string, number> => {
  const c: Record<string, number> = { ...extra };
  for (const [id, [ops, ok]] of Object.entries(clients)) {
    c[M.client(id, 'ops')] = ops;
    c[M.client(id, 'successes')] = ok;
  }
  return c;
};

describe('metricsFromArtillery', () => {
  const report: ArtilleryReport = {
    aggregate: {
      counters: counters({ a: [10, 10], b: [10, 5], c: [10, 0] }, { [M.ops]: 30, [M.successes]: 15, [M.attempts]: 45, [M.firstAttempts]: 30, [M.throttled]: 28, [M.failFast]: 4 }),
      summaries: { [M.latency]: { median: 12, p99: 900, p999: 1500 } },
      firstCounterAt: 1_000,
      lastCounterAt: 11_000,
    },
    intermediate: [{ counters: counters({ a: [5, 5], b: [5, 5] }) }, { counters: counters({ a: [5, 5], b: [5, 0], c: [10, 0] }) }],
  };

  it('computes amplification, Jain, starvation and latency from the engine counters', () => {
    const m = metricsFromArtillery(report, 'rolecall');
    expect(m).toMatchObject({ name: 'rolecall', attempts: 45, firstAttempts: 30, successes: 15, failures: 15, goodputRps: 1.5, workAmplification: 3, retryAmplification: 0.5, throttled: 28, failFast: 4, recoveryS: null });
    // ratios 1, 0.5, 0: (1.5)² / (3 × 1.25) = 0.6
    expect(m.jain).toBe(0.6);
    expect(m.minMaxRatio).toBe(0);
    // c never succeeded; b had a period with operations and no success
    expect(m.starvedClients).toBe(2);
    expect(m.jainWindowMin).toBeLessThan(1);
    expect(m.latencyMs).toEqual({ p50: 12, p99: 900, p999: 1500 });
  });

  it('refuses a report without the engine counters, saying what to run', () => {
    expect(() => metricsFromArtillery({ aggregate: { counters: { 'http.requests': 3 } } }, 'x')).toThrow(/engine: rolecall/);
  });

  it('merges reports of several workers: counters summed, clients kept apart', () => {
    const merged = mergeArtilleryReports([report, { aggregate: { counters: counters({ d: [4, 4] }, { [M.ops]: 4, [M.successes]: 4, [M.attempts]: 4, [M.firstAttempts]: 4 }), firstCounterAt: 500, lastCounterAt: 12_000 } }]);
    const m = metricsFromArtillery(merged, 'rolecall');
    expect(m).toMatchObject({ attempts: 49, successes: 19, failures: 15, starvedClients: 2 });
    expect(m.latencyMs.p99).toBe(900);
  });
});
