import type { StrategyMetrics } from '../metrics/computeMetrics.js';
import { jainIndex, minMaxRatio } from '../metrics/jain.js';
import { HarnessOptionError } from '../errors.js';

/**
 * The names the Artillery engine (artillery-engine-rolecall) emits: run-wide
 * counters, one set of counters per client (a virtual user is one client), and
 * the latency histogram of successful operations.
 * @public
 */
export const ARTILLERY_METRICS = {
  prefix: 'rolecall.',
  attempts: 'rolecall.attempts',
  firstAttempts: 'rolecall.first_attempts',
  throttled: 'rolecall.throttled',
  ops: 'rolecall.ops',
  successes: 'rolecall.successes',
  failFast: 'rolecall.fail_fast',
  latency: 'rolecall.latency_ms',
  /** `rolecall.client.<id>.ops` and `rolecall.client.<id>.successes`. */
  client: (id: string, what: 'ops' | 'successes'): string => `rolecall.client.${id}.${what}`,
} as const;

/** The parts of Artillery's `--output` JSON this reads. @public */
export interface ArtilleryReport {
  readonly aggregate: ArtilleryPeriod;
  readonly intermediate?: readonly ArtilleryPeriod[];
}

/** @public */
export interface ArtilleryPeriod {
  readonly counters?: Readonly<Record<string, number>>;
  readonly summaries?: Readonly<Record<string, { readonly p50?: number; readonly median?: number; readonly p99?: number; readonly p999?: number }>>;
  readonly firstCounterAt?: number;
  readonly lastCounterAt?: number;
  readonly period?: number | string;
}

const CLIENT = /^rolecall\.client\.(.+)\.(ops|successes)$/;

function perClient(counters: Readonly<Record<string, number>>): Map<string, { ops: number; successes: number }> {
  const clients = new Map<string, { ops: number; successes: number }>();
  for (const [name, value] of Object.entries(counters)) {
    const m = CLIENT.exec(name);
    if (m === null) continue;
    const id = m[1] as string;
    const c = clients.get(id) ?? { ops: 0, successes: 0 };
    if (m[2] === 'ops') c.ops += value;
    else c.successes += value;
    clients.set(id, c);
  }
  return clients;
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * The harness's metrics from an Artillery JSON report of a run with the
 * rolecall engine: totals and amplification from the run-wide counters,
 * Jain's index and min/max over every client's success ratio, latency from
 * the engine's histogram. Windows are Artillery's reporting periods (10 s by
 * default), not the harness's 1 s / 5 s: `jainWindowMin` is the lowest Jain
 * over periods and a client counts as starved when it had operations but no
 * success in the whole run or in some period. No timeline, so no recovery.
 * @public
 */
export function metricsFromArtillery(report: ArtilleryReport, strategy: string): StrategyMetrics {
  const counters = report.aggregate?.counters;
  if (counters === undefined || counters[ARTILLERY_METRICS.ops] === undefined) {
    throw new HarnessOptionError('report', 'This Artillery report has no rolecall counters: was it made with `engine: rolecall` (artillery-engine-rolecall) and `artillery run --output FILE`?');
  }
  const get = (name: string): number => counters[name] ?? 0;
  const attempts = get(ARTILLERY_METRICS.attempts);
  const firstAttempts = get(ARTILLERY_METRICS.firstAttempts);
  const successes = get(ARTILLERY_METRICS.successes);
  const ops = get(ARTILLERY_METRICS.ops);
  const clients = perClient(counters);
  const ratios = [...clients.values()].filter((c) => c.ops > 0).map((c) => c.successes / c.ops);
  const starved = new Set([...clients].filter(([, c]) => c.ops > 0 && c.successes === 0).map(([id]) => id));
  let jainWindowMin = 1;
  for (const period of report.intermediate ?? []) {
    const inPeriod = perClient(period.counters ?? {});
    const xs: number[] = [];
    for (const [id, c] of inPeriod) {
      if (c.ops === 0) continue;
      xs.push(c.successes / c.ops);
      if (c.successes === 0) starved.add(id);
    }
    if (xs.length > 1) jainWindowMin = Math.min(jainWindowMin, jainIndex(xs));
  }
  const first = report.aggregate.firstCounterAt;
  const last = report.aggregate.lastCounterAt;
  const durationS = first !== undefined && last !== undefined && last > first ? (last - first) / 1000 : 1;
  const latency = report.aggregate.summaries?.[ARTILLERY_METRICS.latency];
  return {
    name: strategy,
    attempts,
    firstAttempts,
    successes,
    failures: ops - successes,
    goodputRps: round(successes / durationS),
    workAmplification: successes === 0 ? null : round(attempts / successes),
    retryAmplification: firstAttempts === 0 ? 0 : round((attempts - firstAttempts) / firstAttempts),
    jain: round(jainIndex(ratios)),
    jainWindowMin: round(jainWindowMin),
    minMaxRatio: round(minMaxRatio(ratios)),
    starvedClients: starved.size,
    latencyMs: { p50: latency?.p50 ?? latency?.median ?? 0, p99: latency?.p99 ?? 0, p999: latency?.p999 ?? 0 },
    throttled: get(ARTILLERY_METRICS.throttled),
    failFast: get(ARTILLERY_METRICS.failFast),
    recoveryS: null,
  };
}

/**
 * Several Artillery reports of one scenario (runs on several machines or
 * processes against the same target) as one: counters summed, reporting
 * periods side by side. Latency percentiles cannot be merged from summaries:
 * the highest of each is kept (an upper bound).
 * @public
 */
export function mergeArtilleryReports(reports: readonly ArtilleryReport[]): ArtilleryReport {
  const counters: Record<string, number> = {};
  let p50 = 0;
  let p99 = 0;
  let p999 = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const r of reports) {
    for (const [k, v] of Object.entries(r.aggregate.counters ?? {})) counters[k] = (counters[k] ?? 0) + v;
    const s = r.aggregate.summaries?.[ARTILLERY_METRICS.latency];
    p50 = Math.max(p50, s?.p50 ?? s?.median ?? 0);
    p99 = Math.max(p99, s?.p99 ?? 0);
    p999 = Math.max(p999, s?.p999 ?? 0);
    if (r.aggregate.firstCounterAt !== undefined) first = Math.min(first, r.aggregate.firstCounterAt);
    if (r.aggregate.lastCounterAt !== undefined) last = Math.max(last, r.aggregate.lastCounterAt);
  }
  return {
    aggregate: { counters, summaries: { [ARTILLERY_METRICS.latency]: { p50, p99, p999 } }, ...(first === Infinity ? {} : { firstCounterAt: first, lastCounterAt: last }) },
    intermediate: reports.flatMap((r) => r.intermediate ?? []),
  };
}
