import type { Random } from '../random/random.js';
import type { Clock } from '../time/clock.js';
import { fullJitterBackoff, MAX_BACKOFF_MS } from './backoff.js';
import { createRetryQuota, type RetryQuota } from './createRetryQuota.js';
import { createTokenStrategy, type ObservableRetryStrategy, type RetryAfterPolicy } from './createTokenStrategy.js';
import { checkOneOf } from './validateOption.js';

/** The numbers that define one revision of the standard algorithm. @public */
export interface StandardRetryConstants {
  readonly transientBaseMs: number;
  readonly throttlingBaseMs: number;
  readonly maxBackoffMs: number;
  readonly transientCost: number;
  readonly timeoutCost: number;
  readonly throttlingCost: number;
  /** Added to the quota when a first attempt succeeds. */
  readonly noRetryIncrement: number;
  readonly retryAfter: RetryAfterPolicy;
}

/**
 * The JS SDK's standard-mode constants (docs/reference/retry.md §2):
 * - `2026` ("retry 2.1", the default since `@smithy/core` 3.40): bases 50 ms
 *   transient / 1 s throttling, cap 20 s, costs 14 / 5 (timeouts as
 *   transient), `x-amz-retry-after` clamped to [t_i, t_i + 5 s].
 * - `legacy` (JS before 2026): bases 100 ms / 500 ms (throttling has had its
 *   own base since 2022, despite aws-sdk-js-v3#8037 saying 100), cap 20 s,
 *   costs 10 transient (`TIMEOUT_RETRY_COST`, JS's TRANSIENT type covers
 *   timeouts) / 5 throttling (`RETRY_COST`), hint as max(hint, t_i) uncapped.
 *   Its bugs (success refilling the whole quota, seconds read as a 1970 date)
 *   are not reproduced.
 * @public
 */
export const STANDARD_RETRY_CONSTANTS: Readonly<Record<'2026' | 'legacy', StandardRetryConstants>> = {
  '2026': {
    transientBaseMs: 50,
    throttlingBaseMs: 1_000,
    maxBackoffMs: MAX_BACKOFF_MS,
    transientCost: 14,
    timeoutCost: 14,
    throttlingCost: 5,
    noRetryIncrement: 1,
    retryAfter: 'clamp',
  },
  legacy: {
    transientBaseMs: 100,
    throttlingBaseMs: 500,
    maxBackoffMs: MAX_BACKOFF_MS,
    transientCost: 10,
    timeoutCost: 10,
    throttlingCost: 5,
    noRetryIncrement: 1,
    retryAfter: 'max',
  },
};

/** @public */
export interface StandardRetryStrategyOptions {
  /** Attempts per operation, the first included. Default 3. */
  readonly maxAttempts?: number | undefined;
  /** Default `'2026'`. */
  readonly constants?: '2026' | 'legacy' | undefined;
  /** Default: a quota of 500 owned by this strategy (per-client scope, as in the SDKs). */
  readonly quota?: RetryQuota | undefined;
  readonly clock?: Clock | undefined;
  readonly random?: Random | undefined;
}

/** The SDKs' default attempt count. @public */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** Shared by aws-standard and aws-adaptive. @internal */
export function standardConfig(name: string, options: StandardRetryStrategyOptions) {
  const c = STANDARD_RETRY_CONSTANTS[checkOneOf(`${name}.constants`, options.constants ?? '2026', ['2026', 'legacy'])];
  const transient = fullJitterBackoff({ baseMs: c.transientBaseMs, capMs: c.maxBackoffMs });
  const throttling = fullJitterBackoff({ baseMs: c.throttlingBaseMs, capMs: c.maxBackoffMs });
  return {
    name,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    backoff: (errorClass: string) => (errorClass === 'throttling' ? throttling : transient),
    retryCost: (error: { readonly errorClass: string; readonly isTimeout?: boolean }) =>
      error.errorClass === 'throttling' ? c.throttlingCost : error.isTimeout === true ? c.timeoutCost : c.transientCost,
    quota: options.quota ?? createRetryQuota(),
    noRetryIncrement: c.noRetryIncrement,
    retryAfter: c.retryAfter,
    clock: options.clock,
    random: options.random,
  };
}

/**
 * `aws-standard`: the SDKs' standard retry mode — full jitter
 * t_i = U[0,1) · min(b · 2^i, 20 s) with b by error class, a 500-token quota
 * charged per retry and refunded on success (+1 on a first-attempt success),
 * failing at once when the quota cannot pay.
 * @example
 * const strategy = createStandardRetryStrategy({ constants: '2026', clock, random: seededRandom(1) });
 * @public
 */
export function createStandardRetryStrategy(options: StandardRetryStrategyOptions = {}): ObservableRetryStrategy {
  return createTokenStrategy(standardConfig('aws-standard', options));
}
