import { systemClock, type Clock } from '../time/clock.js';
import { checkNumber } from './validateOption.js';

/**
 * A retry quota (the SDKs' "retry token bucket"): retries withdraw a cost,
 * successes pay back. Scope is the caller's choice: one per strategy instance
 * (per client, the SDK default), one object passed to many strategies
 * (shared), or {@link createFairShareQuota} views (shared, fair share each).
 * @public
 */
export interface RetryQuota {
  /** Most tokens the quota can hold. */
  readonly capacity: number;
  /** Tokens available now. */
  readonly available: number;
  /** Takes `cost` tokens if they are there; false (and no change) otherwise. */
  tryWithdraw(cost: number): boolean;
  /** Returns `amount` tokens (a refund or the +1 of a first-attempt success), never above capacity. */
  deposit(amount: number): void;
}

/** @public */
export interface RetryQuotaOptions {
  /** Default 500, the SDKs' `INITIAL_RETRY_TOKENS`. */
  readonly capacity?: number | undefined;
  /** Tokens added per second of clock time, on top of success refills. Default 0 (the SDKs have none). */
  readonly refillPerSecond?: number | undefined;
  /** Needed only with `refillPerSecond`. */
  readonly clock?: Clock | undefined;
}

/** The SDKs' retry quota capacity. @public */
export const INITIAL_RETRY_TOKENS = 500;

/**
 * A quota holding `capacity` tokens, full at start. Never below 0 or above
 * capacity. With `refillPerSecond`, it also refills with time, which keeps a
 * client that only fails from being locked out forever (aws-sdk-go-v2#3550).
 * @example
 * const shared = createRetryQuota({ capacity: 500 });
 * const a = createRolecallRetryStrategy({ quota: shared });
 * const b = createRolecallRetryStrategy({ quota: shared }); // a and b share one budget
 * @public
 */
export function createRetryQuota(options: RetryQuotaOptions = {}): RetryQuota {
  const capacity = checkNumber('createRetryQuota.capacity', options.capacity ?? INITIAL_RETRY_TOKENS);
  const refillPerSecond = checkNumber('createRetryQuota.refillPerSecond', options.refillPerSecond ?? 0);
  const clock = options.clock ?? systemClock;
  let tokens = capacity;
  let lastRefillMs = refillPerSecond > 0 ? clock.now() : 0;

  const refill = (): void => {
    if (refillPerSecond === 0) return;
    const now = clock.now();
    if (now > lastRefillMs) tokens = Math.min(capacity, tokens + ((now - lastRefillMs) / 1000) * refillPerSecond);
    lastRefillMs = Math.max(lastRefillMs, now);
  };

  return {
    capacity,
    get available() {
      refill();
      return tokens;
    },
    tryWithdraw(cost) {
      refill();
      if (cost > tokens) return false;
      tokens -= cost;
      return true;
    },
    deposit(amount) {
      refill();
      tokens = Math.min(capacity, tokens + Math.max(0, amount));
    },
  };
}
