import type { StrategyMetrics } from '../metrics/computeMetrics.js';
import { HarnessOptionError } from '../errors.js';

/**
 * CI limits, read from a JSON file (`--thresholds FILE`). Each applies to the
 * strategies named in `strategies` (default: every strategy in the run).
 * @public
 */
export interface Thresholds {
  readonly strategies?: readonly string[];
  readonly minJain?: number;
  readonly maxWorkAmplification?: number;
  readonly maxRetryAmplification?: number;
  readonly maxP99Ms?: number;
  /** Fail when any client of a checked strategy starved. */
  readonly noStarvation?: boolean;
}

/** What `--ci` checks without a file: our default strategy, fair and bounded. @public */
export const DEFAULT_THRESHOLDS: Thresholds = { strategies: ['rolecall'], minJain: 0.9, maxWorkAmplification: 10, maxRetryAmplification: 1 };

const KEYS = new Set(['strategies', 'minJain', 'maxWorkAmplification', 'maxRetryAmplification', 'maxP99Ms', 'noStarvation']);

/** Validates a parsed thresholds document. @public */
export function parseThresholds(value: unknown, source = 'thresholds'): Thresholds {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HarnessOptionError('thresholds', `${source}: expected a JSON object like {"minJain": 0.9, "maxWorkAmplification": 3}.`);
  }
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KEYS.has(key)) throw new HarnessOptionError('thresholds', `${source}: unknown key ${JSON.stringify(key)}; known: ${[...KEYS].join(', ')}.`);
  }
  for (const key of ['minJain', 'maxWorkAmplification', 'maxRetryAmplification', 'maxP99Ms']) {
    if (o[key] !== undefined && (typeof o[key] !== 'number' || !Number.isFinite(o[key]))) {
      throw new HarnessOptionError('thresholds', `${source}: ${key} must be a number, got ${JSON.stringify(o[key])}.`);
    }
  }
  if (o.noStarvation !== undefined && typeof o.noStarvation !== 'boolean') throw new HarnessOptionError('thresholds', `${source}: noStarvation must be true or false.`);
  if (o.strategies !== undefined && (!Array.isArray(o.strategies) || !o.strategies.every((s) => typeof s === 'string'))) {
    throw new HarnessOptionError('thresholds', `${source}: strategies must be an array of strategy names.`);
  }
  return o as Thresholds;
}

/**
 * Checks a run's metrics against thresholds. Returns one message per breach,
 * naming the strategy, the threshold and both values; empty when all pass.
 * A named strategy missing from the run is a breach too (a typo must not pass).
 * @public
 */
export function checkThresholds(strategies: readonly StrategyMetrics[], t: Thresholds): string[] {
  const breaches: string[] = [];
  const names = t.strategies ?? strategies.map((s) => s.name);
  for (const name of names) {
    const m = strategies.find((s) => s.name === name);
    if (m === undefined) {
      breaches.push(`${name}: not in this run (strategies run: ${strategies.map((s) => s.name).join(', ')})`);
      continue;
    }
    if (t.minJain !== undefined && m.jain < t.minJain) breaches.push(`${name}: minJain ${t.minJain} breached, Jain = ${m.jain}`);
    if (t.maxWorkAmplification !== undefined && (m.workAmplification === null || m.workAmplification > t.maxWorkAmplification)) {
      breaches.push(`${name}: maxWorkAmplification ${t.maxWorkAmplification} breached, WA = ${m.workAmplification ?? '∞ (no success)'}`);
    }
    if (t.maxRetryAmplification !== undefined && m.retryAmplification > t.maxRetryAmplification) {
      breaches.push(`${name}: maxRetryAmplification ${t.maxRetryAmplification} breached, RA = ${m.retryAmplification}`);
    }
    if (t.maxP99Ms !== undefined && m.latencyMs.p99 > t.maxP99Ms) breaches.push(`${name}: maxP99Ms ${t.maxP99Ms} breached, p99 = ${m.latencyMs.p99} ms`);
    if (t.noStarvation === true && m.starvedClients > 0) breaches.push(`${name}: noStarvation breached, ${m.starvedClients} starved client(s)`);
  }
  return breaches;
}
