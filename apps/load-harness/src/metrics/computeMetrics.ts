import type { RunRecords } from '../types.js';
import { ATTEMPT, OP, toColumns, type OpColumns, type RunColumns } from '../records/RunColumns.js';
import { jainIndex, minMaxRatio } from './jain.js';
import { latencyPercentiles, type LatencyPercentiles } from './latency.js';

/** One window of the goodput timeline. @public */
export interface TimelinePoint {
  /** Window start, seconds from the run's start. */
  readonly t: number;
  /** Operations that arrived in the window, per second. */
  readonly offeredRps: number;
  /** Operations that succeeded in the window, per second. */
  readonly goodputRps: number;
  /** Attempts sent in the window, per second. */
  readonly attemptRps: number;
}

/**
 * Everything the harness reports for one strategy. The first block is the
 * `--json` contract (docs/contracts.md, `rolecall load --json`); the rest feeds charts and CI.
 * @public
 */
export interface StrategyMetrics {
  readonly name: string;
  readonly attempts: number;
  readonly firstAttempts: number;
  readonly successes: number;
  readonly failures: number;
  /** Successes completed within the run's duration, per second (the drain after it is not counted). */
  readonly goodputRps: number;
  /** attempts / successes; null when nothing succeeded. */
  readonly workAmplification: number | null;
  /** (attempts − first attempts) / first attempts; 0 when no attempt was made. */
  readonly retryAmplification: number;
  /** Jain's index over per-client success ratios (successes / demand), whole run. */
  readonly jain: number;
  /** The smallest Jain's index over the run's full windows (1 s by default). */
  readonly jainWindowMin: number;
  readonly minMaxRatio: number;
  /** Clients with no success in the whole run or in some full starvation window in which they had demand. */
  readonly starvedClients: number;
  /** Latency of successful operations from arrival to answer, backoff included. */
  readonly latencyMs: LatencyPercentiles;
  /** Attempts the server throttled. */
  readonly throttled: number;
  /** Operations the strategy refused without sleeping (drained quota). */
  readonly failFast: number;
  /** Seconds from the trigger's end until goodput held ≥ 95 % of offered load; null if it never did (or no trigger). */
  readonly recoveryS: number | null;
}

/** Extra series for reports. @public */
export interface StrategyDetail {
  readonly metrics: StrategyMetrics;
  /** Success ratio per client with demand, in client order. */
  readonly clientRatios: readonly number[];
  readonly timeline: readonly TimelinePoint[];
  /** Whether goodput came back after the trigger (true when there was no trigger). */
  readonly recovered: boolean;
  /**
   * The busiest 100 ms of retries (attempts after the first), as a rate per
   * second: when clients retry in step (E4's identical hints) it far exceeds
   * the capacity; a jittered fleet spreads the same retries out.
   */
  readonly retryPeakRps: number;
  /**
   * How many clients would count as starved if the server picked winners at
   * random with this run's overall success rate: the baseline that
   * `starvedClients` should be read against (docs/decisions/0072).
   */
  readonly starvedByChance: number;
}

/** @public */
export interface MetricsOptions {
  /** Window for windowed Jain and the timeline, ms (default 1000). */
  readonly windowMs?: number;
  /** Window for starvation, ms (default 5000; docs/reference/fairness.md §4). */
  readonly starvationWindowMs?: number;
  /** Overload trigger [from, until) in seconds, for recovery time. */
  readonly trigger?: { readonly fromS: number; readonly untilS: number };
  /** Share of offered load that counts as recovered (default 0.95). */
  readonly recoveredShare?: number;
}

/**
 * Computes every metric of one strategy's run from its attempt and operation
 * records. Pure: the same records always give the same figures.
 * @public
 */
export function computeMetrics(records: RunRecords | RunColumns, options: MetricsOptions = {}): StrategyDetail {
  const run = isColumns(records) ? records : toColumns(records);
  const windowMs = options.windowMs ?? 1000;
  const starvationWindowMs = options.starvationWindowMs ?? 5000;
  const durationS = run.durationMs / 1000;

  let firstAttempts = 0;
  let throttled = 0;
  const a = run.attempts;
  for (let i = 0; i < a.length; i++) {
    if (a.attempt[i] === 0) firstAttempts++;
    if (a.outcome[i] === ATTEMPT.throttled) throttled++;
  }
  const attempts = a.length;
  let successes = 0;
  let failFast = 0;
  const latencies: number[] = [];
  const demand = new Float64Array(run.clients);
  const served = new Float64Array(run.clients);
  let successesInRun = 0;
  const o = run.ops;
  for (let i = 0; i < o.length; i++) {
    const client = o.client[i] as number;
    demand[client] = (demand[client] ?? 0) + 1;
    if (o.outcome[i] === OP.success) {
      successes++;
      const end = o.end[i] as number;
      if (end <= run.durationMs) successesInRun++;
      served[client] = (served[client] ?? 0) + 1;
      latencies.push(end - (o.start[i] as number));
    } else if (o.outcome[i] === OP['fail-fast']) failFast++;
  }
  const clientRatios: number[] = [];
  for (let c = 0; c < run.clients; c++) {
    const d = demand[c] ?? 0;
    if (d > 0) clientRatios.push((served[c] ?? 0) / d);
  }

  const timeline = buildTimeline(run, windowMs);
  const trigger = options.trigger;
  const recovery = trigger === undefined ? { recoveryS: null, recovered: true } : recoveryAfter(timeline, trigger.untilS, windowMs / 1000, options.recoveredShare ?? 0.95);

  const starvation = countStarved(run.ops, run.clients, run.durationMs, starvationWindowMs);
  const metrics: StrategyMetrics = {
    name: run.strategy,
    attempts,
    firstAttempts,
    successes,
    failures: o.length - successes,
    goodputRps: round(successesInRun / durationS),
    workAmplification: successes === 0 ? null : round(attempts / successes),
    retryAmplification: firstAttempts === 0 ? 0 : round((attempts - firstAttempts) / firstAttempts),
    jain: round(jainIndex(clientRatios)),
    jainWindowMin: round(windowedJainMin(run.ops, run.clients, run.durationMs, windowMs)),
    minMaxRatio: round(minMaxRatio(clientRatios)),
    starvedClients: starvation.starved,
    latencyMs: latencyPercentiles(latencies),
    throttled,
    failFast,
    recoveryS: recovery.recoveryS,
  };
  return {
    metrics,
    clientRatios,
    timeline,
    recovered: recovery.recovered,
    retryPeakRps: retryPeakRps(run, 100),
    starvedByChance: Math.round(starvation.expectedByChance * 10) / 10,
  };
}

function isColumns(run: RunRecords | RunColumns): run is RunColumns {
  return !Array.isArray(run.attempts);
}

function retryPeakRps(run: RunColumns, binMs: number): number {
  const bins = new Uint32Array(Math.max(1, Math.ceil(run.durationMs / binMs)));
  let peak = 0;
  const a = run.attempts;
  for (let j = 0; j < a.length; j++) {
    const start = a.start[j] as number;
    if (a.attempt[j] === 0 || start < 0 || start >= run.durationMs) continue;
    const i = Math.floor(start / binMs);
    bins[i] = (bins[i] ?? 0) + 1;
    peak = Math.max(peak, bins[i] ?? 0);
  }
  return (peak * 1000) / binMs;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** Full windows only: a last partial window would compare clients on a sliver of time. */
function windowCount(durationMs: number, windowMs: number): number {
  return Math.max(1, Math.floor(durationMs / windowMs));
}

/**
 * Jain's index per window over clients that had demand in it, x = share of
 * the ops that arrived in the window which eventually succeeded. The minimum
 * over windows shows short-term capture that the whole-run index averages away.
 */
function windowedJainMin(ops: OpColumns, clients: number, durationMs: number, windowMs: number): number {
  const windows = windowCount(durationMs, windowMs);
  const arrived = new Float64Array(windows * clients);
  const ok = new Float64Array(windows * clients);
  for (let j = 0; j < ops.length; j++) {
    const w = Math.floor((ops.start[j] as number) / windowMs);
    if (w >= windows) continue;
    const i = w * clients + (ops.client[j] as number);
    arrived[i] = (arrived[i] ?? 0) + 1;
    if (ops.outcome[j] === OP.success) ok[i] = (ok[i] ?? 0) + 1;
  }
  let min = 1;
  const xs: number[] = [];
  for (let w = 0; w < windows; w++) {
    xs.length = 0;
    for (let c = 0; c < clients; c++) {
      const d = arrived[w * clients + c] ?? 0;
      if (d > 0) xs.push((ok[w * clients + c] ?? 0) / d);
    }
    if (xs.length > 1) min = Math.min(min, jainIndex(xs));
  }
  return min;
}

/**
 * docs/reference/fairness.md §4: a client is starved if it had no success in the whole
 * run, or none among the ops it started in some full window.
 */
function countStarved(ops: OpColumns, clients: number, durationMs: number, windowMs: number): { starved: number; expectedByChance: number } {
  const windows = windowCount(durationMs, windowMs);
  const arrived = new Uint32Array(windows * clients);
  const ok = new Uint32Array(windows * clients);
  const demand = new Uint32Array(clients);
  const served = new Uint32Array(clients);
  for (let j = 0; j < ops.length; j++) {
    const client = ops.client[j] as number;
    const success = ops.outcome[j] === OP.success;
    demand[client] = (demand[client] ?? 0) + 1;
    if (success) served[client] = (served[client] ?? 0) + 1;
    const w = Math.floor((ops.start[j] as number) / windowMs);
    if (w >= windows) continue;
    const i = w * clients + client;
    arrived[i] = (arrived[i] ?? 0) + 1;
    if (success) ok[i] = (ok[i] ?? 0) + 1;
  }
  let starved = 0;
  // The same count for a server that picks winners at random: each op succeeds
  // with the run's overall success probability p, independently.
  let totalOps = 0;
  let totalOk = 0;
  for (let c = 0; c < clients; c++) {
    totalOps += demand[c] ?? 0;
    totalOk += served[c] ?? 0;
  }
  const q = totalOps === 0 ? 1 : 1 - totalOk / totalOps;
  let expectedByChance = 0;
  for (let c = 0; c < clients; c++) {
    if ((demand[c] ?? 0) === 0) continue;
    let isStarved = (served[c] ?? 0) === 0;
    let pNotStarved = 1;
    let windowed = false;
    for (let w = 0; w < windows; w++) {
      const i = w * clients + c;
      const a = arrived[i] ?? 0;
      if (a === 0) continue;
      windowed = true;
      pNotStarved *= 1 - q ** a;
      if ((ok[i] ?? 0) === 0) isStarved = true;
    }
    if (!windowed) pNotStarved = 1 - q ** (demand[c] ?? 0);
    expectedByChance += 1 - pNotStarved;
    if (isStarved) starved++;
  }
  return { starved, expectedByChance };
}

function buildTimeline(run: RunColumns, windowMs: number): TimelinePoint[] {
  const windows = Math.max(1, Math.ceil(run.durationMs / windowMs));
  const offered = new Float64Array(windows);
  const good = new Float64Array(windows);
  const sent = new Float64Array(windows);
  const at = (ms: number): number => Math.min(windows - 1, Math.max(0, Math.floor(ms / windowMs)));
  const o = run.ops;
  for (let j = 0; j < o.length; j++) {
    const start = at(o.start[j] as number);
    offered[start] = (offered[start] ?? 0) + 1;
    const end = o.end[j] as number;
    if (o.outcome[j] === OP.success && end < run.durationMs) good[at(end)] = (good[at(end)] ?? 0) + 1;
  }
  const a = run.attempts;
  for (let j = 0; j < a.length; j++) {
    const start = a.start[j] as number;
    if (start < run.durationMs) sent[at(start)] = (sent[at(start)] ?? 0) + 1;
  }
  const perS = 1000 / windowMs;
  return Array.from({ length: windows }, (_, w) => ({
    t: (w * windowMs) / 1000,
    offeredRps: (offered[w] ?? 0) * perS,
    goodputRps: (good[w] ?? 0) * perS,
    attemptRps: (sent[w] ?? 0) * perS,
  }));
}

/**
 * Recovery: the first window at or after the trigger's end from which goodput
 * is ≥ `share` of offered load for two windows running (one lucky window is
 * not a recovery). The time reported is the end of the first such window.
 */
function recoveryAfter(timeline: readonly TimelinePoint[], untilS: number, windowS: number, share: number): { recoveryS: number | null; recovered: boolean } {
  const ok = (p: TimelinePoint | undefined): boolean => p !== undefined && p.offeredRps > 0 && p.goodputRps >= share * p.offeredRps;
  for (let i = 0; i < timeline.length; i++) {
    const p = timeline[i];
    if (p === undefined || p.t < untilS - 1e-9) continue;
    const next = timeline[i + 1];
    if (ok(p) && (next === undefined || ok(next))) return { recoveryS: round(p.t + windowS - untilS), recovered: true };
  }
  return { recoveryS: null, recovered: false };
}
