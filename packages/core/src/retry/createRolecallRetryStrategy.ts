import type { Random } from '../random/random.js';
import type { Clock } from '../time/clock.js';
import { fullJitterBackoff, MAX_BACKOFF_MS } from './backoff.js';
import { createRetryQuota, type RetryQuota } from './createRetryQuota.js';
import { DEFAULT_MAX_ATTEMPTS, STANDARD_RETRY_CONSTANTS } from './createStandardRetryStrategy.js';
import { createTokenStrategy, type ObservableRetryStrategy } from './createTokenStrategy.js';
import { checkNumber } from './validateOption.js';

/** @public */
export interface RolecallRetryStrategyOptions {
  /** Default 3. */
  readonly maxAttempts?: number | undefined;
  /** Full-jitter base for transient errors. Default 50 ms. */
  readonly baseMs?: number | undefined;
  /** Full-jitter base for throttling. Default 1000 ms. */
  readonly throttlingBaseMs?: number | undefined;
  /** Backoff cap. Default 20 s. */
  readonly capMs?: number | undefined;
  /** Largest server hint honoured before jitter. Default 20 s. */
  readonly retryAfterCapMs?: number | undefined;
  /** The retry budget. Default: 500 tokens owned by this strategy; costs 14 transient / 5 throttling. */
  readonly quota?: RetryQuota | undefined;
  readonly clock?: Clock | undefined;
  readonly random?: Random | undefined;
}

/**
 * `rolecall`, our default (docs/decisions/0040): 3 attempts, full jitter with
 * the 2026 bases, a retry budget (quota, refunded on success), and server
 * hints honoured but jittered: with h = min(hint, retryAfterCapMs) the delay
 * is max(t_i, h + U[0,1) · h/2) — never sooner than the server asked, and
 * spread over half the hint so identical `Retry-After`s do not synchronise.
 * @example
 * const value = await retry(() => call(), { strategy: createRolecallRetryStrategy() });
 * @public
 */
export function createRolecallRetryStrategy(options: RolecallRetryStrategyOptions = {}): ObservableRetryStrategy {
  const c = STANDARD_RETRY_CONSTANTS['2026'];
  const capMs = checkNumber('rolecall.capMs', options.capMs ?? MAX_BACKOFF_MS);
  const transient = fullJitterBackoff({ baseMs: options.baseMs ?? c.transientBaseMs, capMs });
  const throttling = fullJitterBackoff({ baseMs: options.throttlingBaseMs ?? c.throttlingBaseMs, capMs });
  return createTokenStrategy({
    name: 'rolecall',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    backoff: (errorClass) => (errorClass === 'throttling' ? throttling : transient),
    retryCost: (error) => (error.errorClass === 'throttling' ? c.throttlingCost : c.transientCost),
    quota: options.quota ?? createRetryQuota(),
    noRetryIncrement: c.noRetryIncrement,
    retryAfter: 'jittered',
    retryAfterCapMs: checkNumber('rolecall.retryAfterCapMs', options.retryAfterCapMs ?? MAX_BACKOFF_MS),
    clock: options.clock,
    random: options.random,
  });
}
