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
/** Where the ring keeps the time up to which the per-second credit was earned: a number in the array, not a field boxed on its own. */
const EARNED_UNTIL = 2 * SLICES;
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
  return new SlicedRetryBudget(ratio, minRetriesPerSecond, ttlMs, options.clock ?? systemClock);
}

/**
 * The budget's state is a few numbers and one typed array (credit and slice
 * per slot), its methods on the prototype: one budget per strategy instance
 * is one per simulated client in the load harness (docs/decisions/0135).
 */
class SlicedRetryBudget implements RetryBudget {
  private readonly clock: Clock;
  private readonly sliceMs: number;
  /**
   * Ring of slices: [0, SLICES) the unspent credit of slot i, [SLICES, 2·SLICES) the slice it was earned in; then {@link EARNED_UNTIL}.
   * A plain array of numbers, not a Float64Array: its elements live in the heap
   * beside the budget, where a typed array's 160 bytes are a separate buffer
   * (one more cache miss per call with 100 000 budgets, docs/decisions/0138).
   */
  private readonly ring: number[] = Array.from({ length: 2 * SLICES + 1 }, (_, i) => (i < SLICES ? 0 : Number.NEGATIVE_INFINITY));
  private requestCount = 0;
  private retryCount = 0;
  private current: number;

  constructor(
    readonly ratio: number,
    readonly minRetriesPerSecond: number,
    readonly ttlMs: number,
    clock: Clock,
  ) {
    this.clock = clock;
    this.sliceMs = ttlMs / SLICES;
    this.current = Math.floor(clock.now() / this.sliceMs);
    this.ring[EARNED_UNTIL] = clock.now() - ttlMs;
    this.advance();
  }

  get available(): number {
    this.advance();
    return this.balance();
  }

  get requests(): number {
    return this.requestCount;
  }

  get retries(): number {
    return this.retryCount;
  }

  deposit(): void {
    this.advance();
    this.requestCount++;
    if (this.ratio > 0) this.add(this.current, this.ratio);
  }

  tryWithdraw(): boolean {
    this.advance();
    if (this.balance() + EPSILON < 1) return false;
    const ring = this.ring;
    let owed = 1;
    for (let s = this.current - SLICES + 1; s <= this.current && owed > 0; s++) {
      const i = slot(s);
      if (ring[SLICES + i] !== s) continue;
      const spent = Math.min(ring[i] as number, owed);
      ring[i] = (ring[i] as number) - spent;
      owed -= spent;
    }
    this.retryCount++;
    return true;
  }

  refund(): void {
    this.advance();
    this.retryCount = Math.max(0, this.retryCount - 1);
    this.add(this.current, 1);
  }

  private add(slice: number, amount: number): void {
    const ring = this.ring;
    const i = slot(slice);
    if (ring[SLICES + i] !== slice) {
      ring[SLICES + i] = slice;
      ring[i] = 0;
    }
    ring[i] = (ring[i] as number) + amount;
  }

  /** Moves to the clock's slice and adds the time credit earned since the last call, slice by slice. */
  private advance(): void {
    const now = this.clock.now();
    const { sliceMs, ring } = this;
    const earnedUntil = ring[EARNED_UNTIL] as number;
    this.current = Math.max(this.current, Math.floor(now / sliceMs));
    if (now <= earnedUntil || this.minRetriesPerSecond === 0) {
      ring[EARNED_UNTIL] = Math.max(earnedUntil, now);
      return;
    }
    for (let s = Math.max(Math.floor(earnedUntil / sliceMs), this.current - SLICES + 1); s <= this.current; s++) {
      const overlapMs = Math.min(now, (s + 1) * sliceMs) - Math.max(earnedUntil, s * sliceMs);
      if (overlapMs > 0) this.add(s, (overlapMs / 1000) * this.minRetriesPerSecond);
    }
    ring[EARNED_UNTIL] = now;
  }

  private balance(): number {
    const ring = this.ring;
    const oldest = this.current - SLICES;
    let sum = 0;
    for (let i = 0; i < SLICES; i++) if ((ring[SLICES + i] as number) > oldest) sum += ring[i] as number;
    return sum;
  }
}

function slot(slice: number): number {
  return ((slice % SLICES) + SLICES) % SLICES;
}
