import { describe, expect, it } from 'vitest';
import { computeMetrics } from './computeMetrics.js';
import type { AttemptRecord, OpRecord, RunRecords } from '../types.js';

/** Builds a run in which each op is one attempt (ok) or `retries` + 1 attempts. */
function run(ops: Array<Omit<OpRecord, 'attempts'> & { retries?: number; throttles?: number }>, clients: number, durationMs: number): RunRecords {
  const attempts: AttemptRecord[] = [];
  const opRecords: OpRecord[] = [];
  for (const o of ops) {
    const n = (o.retries ?? 0) + 1;
    for (let a = 0; a < n; a++) {
      const last = a === n - 1;
      const outcome = last && o.outcome === 'success' ? 'ok' : a < (o.throttles ?? n) ? 'throttled' : 'error';
      attempts.push({ client: o.client, op: o.op, attempt: a, start: o.start, end: o.end, status: outcome === 'ok' ? 200 : 400, outcome, delay: 0 });
    }
    opRecords.push({ client: o.client, op: o.op, start: o.start, end: o.end, outcome: o.outcome, attempts: n });
  }
  return { strategy: 'test', clients, durationMs, attempts, ops: opRecords };
}

describe('computeMetrics', () => {
  it('computes amplification, goodput and counts by hand', () => {
    // 4 ops over 2 s: three succeed (one after 2 retries), one fails fast after 1 retry.
    const detail = computeMetrics(
      run(
        [
          { client: 0, op: 0, start: 0, end: 10, outcome: 'success' },
          { client: 0, op: 1, start: 100, end: 400, outcome: 'success', retries: 2 },
          { client: 1, op: 2, start: 200, end: 210, outcome: 'success' },
          { client: 1, op: 3, start: 1200, end: 1300, outcome: 'fail-fast', retries: 1 },
        ],
        2,
        2000,
      ),
    );
    const m = detail.metrics;
    expect(m.attempts).toBe(7);
    expect(m.firstAttempts).toBe(4);
    expect(m.successes).toBe(3);
    expect(m.failures).toBe(1);
    expect(m.failFast).toBe(1);
    expect(m.goodputRps).toBe(1.5);
    expect(m.workAmplification).toBeCloseTo(7 / 3, 4);
    expect(m.retryAmplification).toBe(0.75);
    expect(m.throttled).toBe(4);
    // ratios: client 0 → 1, client 1 → 0.5; J = 1.5² / (2 · 1.25) = 0.9
    expect(m.jain).toBe(0.9);
    expect(m.minMaxRatio).toBe(0.5);
    expect(m.latencyMs.p50).toBeCloseTo(10, 1);
    expect(m.latencyMs.p99).toBeCloseTo(300, 0);
  });

  it('finds the clients starved during the run and per window', () => {
    const ops: Array<Omit<OpRecord, 'attempts'>> = [];
    let op = 0;
    // 10 s, 5 s windows; client 0 always served; client 1 served only in the first window;
    // client 2 never served; client 3 has no demand at all.
    for (let t = 0; t < 10_000; t += 1000) {
      ops.push({ client: 0, op: op++, start: t, end: t + 5, outcome: 'success' });
      ops.push({ client: 1, op: op++, start: t, end: t + 5, outcome: t < 5000 ? 'success' : 'failed' });
      ops.push({ client: 2, op: op++, start: t, end: t + 5, outcome: 'failed' });
    }
    const detail = computeMetrics(run(ops, 4, 10_000));
    const m = detail.metrics;
    expect(m.starvedClients).toBe(2);
    // by chance: p = 15/30 per op, 5 ops per client per window → each client starves with 1 − (1 − 0.5⁵)² = 0.0615
    expect(detail.starvedByChance).toBeCloseTo(0.2, 1);
    // whole run ratios 1, 0.5, 0 → J = 2.25 / (3 · 1.25) = 0.6
    expect(m.jain).toBe(0.6);
    // second-half windows: ratios 1, 0, 0 → J = 1/3
    expect(m.jainWindowMin).toBeCloseTo(1 / 3, 4);
  });

  it('gives work amplification null when nothing succeeded', () => {
    const m = computeMetrics(run([{ client: 0, op: 0, start: 0, end: 5, outcome: 'failed', retries: 2 }], 1, 1000)).metrics;
    expect(m.workAmplification).toBeNull();
    expect(m.retryAmplification).toBe(2);
  });

  it('measures recovery after a trigger, or reports none', () => {
    // 10 ops/s offered; during [2, 4) nothing succeeds; from 6 s everything does.
    const ops: Array<Omit<OpRecord, 'attempts'>> = [];
    let op = 0;
    for (let t = 0; t < 10_000; t += 100) {
      const outcome = t >= 2000 && t < 6000 ? 'failed' : 'success';
      ops.push({ client: op % 5, op: op++, start: t, end: t + 10, outcome });
    }
    const detail = computeMetrics(run(ops, 5, 10_000), { trigger: { fromS: 2, untilS: 4 } });
    expect(detail.recovered).toBe(true);
    expect(detail.metrics.recoveryS).toBe(3); // window [6, 7) is the first good one, it ends 3 s after 4 s

    const stuck = ops.map((o) => (o.start >= 2000 ? { ...o, outcome: 'failed' as const } : o));
    const never = computeMetrics(run(stuck, 5, 10_000), { trigger: { fromS: 2, untilS: 4 } });
    expect(never.recovered).toBe(false);
    expect(never.metrics.recoveryS).toBeNull();
  });
});

describe('retryPeakRps', () => {
  it('is the busiest 100 ms of retries as a rate', () => {
    const spread: Array<Omit<OpRecord, 'attempts'> & { retries: number }> = Array.from({ length: 10 }, (_, i) => ({ client: 0, op: i, start: i * 100 + 50, end: i * 100 + 60, outcome: 'success' as const, retries: 1 }));
    expect(computeMetrics(run(spread, 1, 1000)).retryPeakRps).toBe(10);
    const herd = spread.map((o) => ({ ...o, start: 510 }));
    expect(computeMetrics(run(herd, 1, 1000)).retryPeakRps).toBe(100);
    expect(computeMetrics(run(spread.map((o) => ({ ...o, retries: 0 })), 1, 1000)).retryPeakRps).toBe(0);
  });
});
