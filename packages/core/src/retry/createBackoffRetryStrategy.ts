import type { Random } from '../random/random.js';
import type { Clock } from '../time/clock.js';
import type { Backoff } from './backoff.js';
import type { RetryQuota } from './createRetryQuota.js';
import { DEFAULT_MAX_ATTEMPTS, STANDARD_RETRY_CONSTANTS } from './createStandardRetryStrategy.js';
import { createTokenStrategy, type ObservableRetryStrategy, type RetryAfterPolicy } from './createTokenStrategy.js';

/** @public */
export interface BackoffRetryStrategyOptions {
  /** Reported as `strategy.name` (the harness's label). */
  readonly name: string;
  /** The same backoff for every retryable error class. */
  readonly backoff: Backoff;
  /** Default 3. */
  readonly maxAttempts?: number | undefined;
  /** No quota unless given; costs are then 14 transient / 5 throttling. */
  readonly quota?: RetryQuota | undefined;
  /** What to do with server hints. Default `ignore`: a pure backoff baseline. */
  readonly retryAfter?: RetryAfterPolicy | undefined;
  readonly clock?: Clock | undefined;
  readonly random?: Random | undefined;
}

/**
 * A plain strategy: attempts capped, one backoff, no quota unless given. The
 * load harness's baselines (`none`, `no-jitter`, `full-jitter`, ...) are this
 * with a name.
 * @example
 * createBackoffRetryStrategy({ name: 'no-jitter', backoff: exponentialBackoff({ baseMs: 50, capMs: 20_000 }) });
 * @public
 */
export function createBackoffRetryStrategy(options: BackoffRetryStrategyOptions): ObservableRetryStrategy {
  const c = STANDARD_RETRY_CONSTANTS['2026'];
  return createTokenStrategy({
    name: options.name,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    backoff: () => options.backoff,
    retryCost: (error) => (error.errorClass === 'throttling' ? c.throttlingCost : c.transientCost),
    quota: options.quota,
    noRetryIncrement: c.noRetryIncrement,
    retryAfter: options.retryAfter ?? 'ignore',
    clock: options.clock,
    random: options.random,
  });
}
