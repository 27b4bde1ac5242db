import type { Random } from '../random/random.js';
import { checkBaseAndCap, checkNumber } from './validateOption.js';

/**
 * A backoff: how long to sleep (ms) before retry number `retryIndex`
 * (0 = the first retry). Pure: all randomness comes from `random`.
 *
 * `previousDelayMs` is the delay this same retry sequence used last time
 * (undefined before its first retry). Only decorrelated jitter reads it; the
 * strategy keeps it on the retry token, so the state belongs to one sequence
 * (one operation) and concurrent operations never share it.
 * @public
 */
export type Backoff = (retryIndex: number, random: Random, previousDelayMs?: number) => number;

/** Base and cap of an exponential backoff, both in ms. @public */
export interface ExponentialBackoffOptions {
  /** b in the formulas: the first retry's ceiling. */
  readonly baseMs: number;
  /** c in the formulas: no delay exceeds it. */
  readonly capMs: number;
}

/** Default cap for every backoff: the SDKs' `MAXIMUM_RETRY_DELAY`. @public */
export const MAX_BACKOFF_MS = 20_000;

/** min(c, b · 2^i), computed without overflowing for large i. */
function ceiling(baseMs: number, capMs: number, retryIndex: number): number {
  // 2^1100 is Infinity; min() then returns the cap, which is what we want
  // (a zero base is kept apart: 0 · Infinity is NaN).
  return baseMs === 0 ? 0 : Math.min(capMs, baseMs * 2 ** Math.max(0, retryIndex));
}

/** Retry at once. @public */
export function noBackoff(): Backoff {
  return () => 0;
}

/** The same delay before every retry. @public */
export function constantBackoff(options: { readonly delayMs: number }): Backoff {
  const delayMs = checkNumber('constantBackoff.delayMs', options.delayMs);
  return () => delayMs;
}

/**
 * min(c, b · 2^i), no jitter: the lockstep baseline (undici's and p-retry's
 * default shape). Never our default.
 * @public
 */
export function exponentialBackoff(options: ExponentialBackoffOptions): Backoff {
  const { baseMs, capMs } = checkBaseAndCap('exponentialBackoff', options.baseMs, options.capMs);
  return (retryIndex) => ceiling(baseMs, capMs, retryIndex);
}

/**
 * Full jitter, t_i = U[0, 1) · min(c, b · 2^i) — the SDKs' standard backoff
 * (`DefaultRetryBackoffStrategy`) and Brooker's recommendation.
 * @public
 */
export function fullJitterBackoff(options: ExponentialBackoffOptions): Backoff {
  const { baseMs, capMs } = checkBaseAndCap('fullJitterBackoff', options.baseMs, options.capMs);
  return (retryIndex, random) => random() * ceiling(baseMs, capMs, retryIndex);
}

/** Equal jitter, v/2 + U[0, v/2) with v = min(c, b · 2^i). @public */
export function equalJitterBackoff(options: ExponentialBackoffOptions): Backoff {
  const { baseMs, capMs } = checkBaseAndCap('equalJitterBackoff', options.baseMs, options.capMs);
  return (retryIndex, random) => {
    const v = ceiling(baseMs, capMs, retryIndex);
    // The min() only matters for subnormal delays, where v / 2 rounds up and
    // the sum can pass v (found by the bounds property: base 5e-324 ms).
    return Math.min(v, v / 2 + random() * (v / 2));
  };
}

/**
 * Decorrelated jitter (Brooker): sleep = min(c, U[b, 3 · s_prev)), with s_prev
 * the previous sleep of the same sequence, starting at b. Pass the previous
 * delay as `previousDelayMs`; strategies do this from the retry token.
 * @public
 */
export function decorrelatedJitterBackoff(options: ExponentialBackoffOptions): Backoff {
  const { baseMs, capMs } = checkBaseAndCap('decorrelatedJitterBackoff', options.baseMs, options.capMs);
  return (_retryIndex, random, previousDelayMs) => {
    const sPrev = previousDelayMs === undefined ? baseMs : Math.max(baseMs, previousDelayMs);
    return Math.min(capMs, baseMs + random() * (3 * sPrev - baseMs));
  };
}
