import {
  RateLimitedError,
  RetryAttemptsExhaustedError,
  RetryNotRetryableError,
  RetryQuotaExhaustedError,
} from '../errors.js';
import { systemRandom, type Random } from '../random/random.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { Backoff } from './backoff.js';
import type { RateLimiter } from './createRateLimiter.js';
import type { RetryBudget } from './createRetryBudget.js';
import type { RetryQuota } from './createRetryQuota.js';
import type { ErrorClass, RetryErrorInfo, RetryStrategy, RetryToken } from './types.js';
import { checkNumber } from './validateOption.js';

/**
 * How a server hint (`retryAfterMs`) turns into a delay, given the computed
 * backoff t_i: `ignore` it, `max` (old JS: max(hint, t_i), no cap),
 * `clamp` (2026: hint clamped to [t_i, t_i + 5 s]), or `jittered`
 * (rolecall: see createRolecallRetryStrategy).
 * @public
 */
export type RetryAfterPolicy = 'ignore' | 'max' | 'clamp' | 'jittered';

/** The token every rolecall strategy hands out: a {@link RetryToken} plus its bookkeeping. @public */
export interface StrategyToken extends RetryToken {
  /** Quota tokens this retry took (0 for a first attempt or without a quota). */
  readonly retryCost: number;
  /** Retries this token took from the budget: 1 for a budgeted retry, else 0. */
  readonly budgetCost: number;
  /** Sum of the delays of this sequence so far, this token's included. */
  readonly totalDelayMs: number;
  /** The backoff (before hints and limiter waits) this sequence used last; decorrelated jitter reads it. */
  readonly previousBackoffMs: number | undefined;
}

/** A strategy built by one of our factories: the protocol plus live state for observability. @public */
export interface ObservableRetryStrategy extends RetryStrategy {
  readonly maxAttempts: number;
  /** The quota this strategy draws on, if any (read `available` / `capacity`). */
  readonly quota: RetryQuota | undefined;
  /** The retry budget this strategy draws on, if any (read `available`, `requests`, `retries`). */
  readonly budget: RetryBudget | undefined;
  /** The adaptive limiter, if any (read `fillRate`, `measuredTxRate`, ...). */
  readonly rateLimiter: RateLimiter | undefined;
  acquireInitialRetryToken(scope?: string): Promise<StrategyToken>;
  refreshRetryTokenForRetry(token: RetryToken, error: RetryErrorInfo): Promise<StrategyToken>;
  releaseRetryToken(token: RetryToken): void;
}

/** Everything that distinguishes one strategy from another. @internal */
export interface TokenStrategyConfig {
  readonly name: string;
  readonly maxAttempts: number;
  readonly backoff: (errorClass: ErrorClass) => Backoff;
  /** Quota cost of retrying this error. */
  readonly retryCost: (error: RetryErrorInfo) => number;
  readonly quota: RetryQuota | undefined;
  /** A Finagle-style budget: every first attempt deposits, every retry withdraws one. */
  readonly budget?: RetryBudget | undefined;
  /** Added to the quota when a first attempt succeeds (the SDKs' NO_RETRY_INCREMENT). */
  readonly noRetryIncrement: number;
  readonly retryAfter: RetryAfterPolicy;
  /** Hint cap for `jittered`. */
  readonly retryAfterCapMs?: number | undefined;
  readonly rateLimiter?: { readonly limiter: RateLimiter; readonly mode: 'wait' | 'fail-fast' } | undefined;
  readonly clock?: Clock | undefined;
  readonly random?: Random | undefined;
}

/** The 2026 rule: never shorter than the backoff, never more than 5 s longer. @public */
export const RETRY_AFTER_MAX_EXTRA_MS = 5_000;

function toToken(
  retryCount: number,
  delayMs: number,
  retryCost: number,
  totalDelayMs: number,
  previousBackoffMs: number | undefined,
  budgetCost = 0,
): StrategyToken {
  return { retryCount, delayMs, retryCost, budgetCost, totalDelayMs, previousBackoffMs };
}

/** Shared by every first attempt without a limiter: nothing to wait, nothing charged. */
const FIRST_TOKEN: StrategyToken = Object.freeze(toToken(0, 0, 0, 0, undefined));

function asStrategyToken(token: RetryToken): StrategyToken {
  const t = token as Partial<StrategyToken>;
  return toToken(token.retryCount, token.delayMs, t.retryCost ?? 0, t.totalDelayMs ?? token.delayMs, t.previousBackoffMs, t.budgetCost ?? 0);
}

/**
 * The one engine behind every named strategy: the standard algorithm
 * (docs/reference/retry.md §1) with the backoff, quota, hint rule and limiter plugged in.
 * @internal
 */
export function createTokenStrategy(config: TokenStrategyConfig): ObservableRetryStrategy {
  const maxAttempts = checkNumber(`${config.name}.maxAttempts`, config.maxAttempts, { min: 1, integer: true });
  const clock = config.clock ?? systemClock;
  const random = config.random ?? systemRandom;
  const { quota, budget, rateLimiter } = config;
  const released = new WeakSet<RetryToken>();

  const hinted = (tI: number, hint: number | undefined): number => {
    if (hint === undefined || config.retryAfter === 'ignore') return tI;
    switch (config.retryAfter) {
      case 'max':
        return Math.max(tI, hint);
      case 'clamp':
        return Math.min(Math.max(hint, tI), tI + RETRY_AFTER_MAX_EXTRA_MS);
      case 'jittered': {
        // Spread identical hints over [h, 1.5 h) so clients told the same
        // Retry-After do not come back together (docs/decisions/0040).
        const h = Math.min(hint, config.retryAfterCapMs ?? Number.POSITIVE_INFINITY);
        return Math.max(tI, h + random() * (h / 2));
      }
    }
  };

  /** Adds the limiter's wait (or fails fast); the delay returned is from now. */
  const limiterDelay = (delayMs: number, fields: { attempts: number; totalDelayMs: number; lastErrorCode: string | undefined }): number => {
    if (rateLimiter === undefined) return delayMs;
    const at = clock.now() + delayMs;
    if (rateLimiter.mode === 'fail-fast') {
      const wait = rateLimiter.limiter.waitTimeMs(at);
      if (wait > delayMs) throw new RateLimitedError({ ...fields, retryAfterMs: Math.ceil(wait) });
    }
    return Math.ceil(rateLimiter.limiter.reserve(at));
  };

  return {
    name: config.name,
    maxAttempts,
    quota,
    budget,
    rateLimiter: rateLimiter?.limiter,

    async acquireInitialRetryToken() {
      budget?.deposit();
      if (rateLimiter === undefined) return FIRST_TOKEN;
      const delayMs = limiterDelay(0, { attempts: 0, totalDelayMs: 0, lastErrorCode: undefined });
      return toToken(0, delayMs, 0, delayMs, undefined);
    },

    async refreshRetryTokenForRetry(token, error) {
      const previous = asStrategyToken(token);
      rateLimiter?.limiter.update(error.errorClass === 'throttling');
      const fields = { attempts: previous.retryCount + 1, totalDelayMs: previous.totalDelayMs, lastErrorCode: error.code };
      if (error.errorClass === 'non-retryable') throw new RetryNotRetryableError(fields);
      if (fields.attempts >= maxAttempts) throw new RetryAttemptsExhaustedError({ ...fields, maxAttempts });

      const backoffMs = config.backoff(error.errorClass)(previous.retryCount, random, previous.previousBackoffMs);
      const tI = Math.floor(backoffMs);
      const delayMs = Math.floor(hinted(tI, error.retryAfterMs));
      const cost = quota === undefined ? 0 : config.retryCost(error);
      if (quota !== undefined && !quota.tryWithdraw(cost)) {
        throw new RetryQuotaExhaustedError({ ...fields, retryCost: cost, quotaAvailable: quota.available, retryAfterMs: delayMs });
      }
      if (budget !== undefined && !budget.tryWithdraw()) {
        quota?.deposit(cost);
        throw new RetryQuotaExhaustedError({ ...fields, retryCost: 1, quotaAvailable: budget.available, retryAfterMs: delayMs, limit: 'budget' });
      }
      let waitMs: number;
      try {
        waitMs = limiterDelay(delayMs, fields);
      } catch (refusal) {
        quota?.deposit(cost);
        budget?.refund();
        throw refusal;
      }
      return toToken(previous.retryCount + 1, waitMs, cost, previous.totalDelayMs + waitMs, backoffMs, budget === undefined ? 0 : 1);
    },

    recordSuccess(token) {
      rateLimiter?.limiter.update(false);
      if (quota === undefined) return;
      // Read in place: this is the success path of every call (bench/retry-overhead).
      quota.deposit(token.retryCount === 0 ? config.noRetryIncrement : ((token as Partial<StrategyToken>).retryCost ?? 0));
    },

    releaseRetryToken(token) {
      if (released.has(token)) return;
      released.add(token);
      const t = asStrategyToken(token);
      quota?.deposit(t.retryCost);
      if (t.budgetCost > 0) budget?.refund();
    },
  };
}
