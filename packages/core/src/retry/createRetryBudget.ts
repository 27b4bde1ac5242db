import { systemClock, type Clock } from '../time/clock.js';
import { checkNumber } from './validateOption.js';

/**
 * A retry budget in Finagle's sense: retries are a fraction of recent
 * requests. Each request earns `ratio` of a retry, each second of clock time
 * earns `minRetriesPerSecond`, every credit expires `ttlMs` after it was
 * earned, and a retry spends one whole retry, oldest credit first. So over any
 * interval [s, e] retries ≤ ratio · requests in [s − ttl, e] +
 * min · (e − s + ttl), and the balance is never negative. Scope is the
 * owner's: one per strategy instance (one per process or host), as in Finagle.
 * @public
 */
export interface RetryBudget {
  readonly ratio: number;
  readonly minRetriesPerSecond: number;
  readonly ttlMs: number;
  /** Retries that could be made now (may be fractional). */
  readonly available: number;
  /** Requests deposited and retries withdrawn since creation, for observability. */
  readonly requests: number;
  readonly retries: number;
  /** Records one request (a first attempt): earns `ratio` of a retry. */
  deposit(): void;
  /** Spends one retry if the budget holds it; false (and no change) otherwise. */
  tryWithdraw(): boolean;
  /** Gives back a retry that was withdrawn but not made. */
  refund(): void;
}

/** @public */
export interface RetryBudgetOptions {
  /** Retries allowed per request over the window. Default 0.1 (Finagle: 0.2). */
  readonly ratio?: number | undefined;
  /** Retries earned per second whatever the traffic, so a quiet client can still retry. Default 0.25 (Finagle: 10, for a whole process). */
  readonly minRetriesPerSecond?: number | undefined;
  /** How long a credit lasts. Default 10 s (Finagle's). */
  readonly ttlMs?: number | undefined;
  readonly clock?: Clock | undefined;
}

/** rolecall's default budget parameters (docs/decisions/0045). @public */
export const DEFAULT_RETRY_BUDGET = Object.freeze({ ratio: 0.1, minRetriesPerSecond: 0.25, ttlMs: 10_000 });

/** The window is kept as this many slices; a credit lives between ttl − ttl/SLICES and ttl. */
const SLICES = 10;
/** Credit sums are floating point: ten deposits of 0.1 must pay for one retry. */
const EPSILON = 1e-9;

/**
 * A per-owner retry budget on the injected clock (only `clock.now()` is read,
 * so a simulated clock drives the decay). A new budget starts as if it had
 * been earning `minRetriesPerSecond` for a whole window, so a fresh client can
 * retry at once (the defaults give it ≥ 2 retries: one operation's worth).
 * @example
 * const budget = createRetryBudget({ ratio: 0.2, minRetriesPerSecond: 1, ttlMs: 10_000, clock });
 * const strategy = createRolecallRetryStrategy({ budget });
 * budget.available; // retries it could make now
 * @public
 */
export function createRetryBudget(options: RetryBudgetOptions = {}): RetryBudget {
  const ratio = checkNumber('createRetryBudget.ratio', options.ratio ?? DEFAULT_RETRY_BUDGET.ratio);
  const minRetriesPerSecond = checkNumber('createRetryBudget.minRetriesPerSecond', options.minRetriesPerSecond ?? DEFAULT_RETRY_BUDGET.minRetriesPerSecond);
  const ttlMs = checkNumber('createRetryBudget.ttlMs', options.ttlMs ?? DEFAULT_RETRY_BUDGET.ttlMs, { min: SLICES });
  const clock = options.clock ?? systemClock;
  const sliceMs = ttlMs / SLICES;
  // Ring of slices: slot i holds the unspent credit earned in slice sliceOf[i].
  const credit = new Array<number>(SLICES).fill(0);
  const sliceOf = new Array<number>(SLICES).fill(Number.NEGATIVE_INFINITY);
  let requests = 0;
  let retries = 0;
  let current = Math.floor(clock.now() / sliceMs);
  let earnedUntil = clock.now() - ttlMs;

  const slot = (slice: number): number => ((slice % SLICES) + SLICES) % SLICES;
  const add = (slice: number, amount: number): void => {
    const i = slot(slice);
    if (sliceOf[i] !== slice) {
      sliceOf[i] = slice;
      credit[i] = 0;
    }
    credit[i] = (credit[i] ?? 0) + amount;
  };

  /** Moves to the clock's slice and adds the time credit earned since the last call, slice by slice. */
  const advance = (): void => {
    const now = clock.now();
    current = Math.max(current, Math.floor(now / sliceMs));
    if (now <= earnedUntil || minRetriesPerSecond === 0) {
      earnedUntil = Math.max(earnedUntil, now);
      return;
    }
    for (let s = Math.max(Math.floor(earnedUntil / sliceMs), current - SLICES + 1); s <= current; s++) {
      const overlapMs = Math.min(now, (s + 1) * sliceMs) - Math.max(earnedUntil, s * sliceMs);
      if (overlapMs > 0) add(s, (overlapMs / 1000) * minRetriesPerSecond);
    }
    earnedUntil = now;
  };

  const live = (i: number): boolean => (sliceOf[i] ?? Number.NEGATIVE_INFINITY) > current - SLICES;

  const balance = (): number => {
    let sum = 0;
    for (let i = 0; i < SLICES; i++) if (live(i)) sum += credit[i] ?? 0;
    return sum;
  };

  advance();

  return {
    ratio,
    minRetriesPerSecond,
    ttlMs,
    get available() {
      advance();
      return balance();
    },
    get requests() {
      return requests;
    },
    get retries() {
      return retries;
    },
    deposit() {
      advance();
      requests++;
      if (ratio > 0) add(current, ratio);
    },
    tryWithdraw() {
      advance();
      if (balance() + EPSILON < 1) return false;
      let owed = 1;
      for (let s = current - SLICES + 1; s <= current && owed > 0; s++) {
        const i = slot(s);
        if (sliceOf[i] !== s) continue;
        const spent = Math.min(credit[i] ?? 0, owed);
        credit[i] = (credit[i] ?? 0) - spent;
        owed -= spent;
      }
      retries++;
      return true;
    },
    refund() {
      advance();
      retries = Math.max(0, retries - 1);
      add(current, 1);
    },
  };
}
