import {
  RateLimitedError,
  RetryAttemptsExhaustedError,
  RetryGaveUpError,
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
  /**
   * {@link RetryStrategy.acquireInitialRetryToken} without the promise: the
   * token, or the typed error the promise form rejects with, returned rather
   * than thrown. Same decision, same state change (the promise form is this
   * plus a promise); for callback loops that make millions of calls (the load
   * harness), where a promise per call and a rejected promise per refusal
   * cost more than the decision (docs/decisions/0135).
   */
  tryAcquireInitialRetryToken(scope?: string): StrategyToken | RetryGaveUpError;
  /** {@link RetryStrategy.refreshRetryTokenForRetry} without the promise: the token, or the typed refusal, returned. */
  tryRefreshRetryTokenForRetry(token: RetryToken, error: RetryErrorInfo): StrategyToken | RetryGaveUpError;
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

/** The limiter's wait folded into `delayMs` (from now), or the fail-fast refusal. */
type Delay = number | RateLimitedError;

/**
 * The one engine behind every named strategy: the standard algorithm
 * (docs/reference/retry.md §1) with the backoff, quota, hint rule and limiter plugged in.
 *
 * A class rather than a closure per method: the load harness holds one
 * instance per simulated client (100 000 of them), and an instance is now its
 * own few fields, the policy (backoff, costs, hint rule) shared by reference
 * (docs/decisions/0135).
 */
class TokenStrategy implements ObservableRetryStrategy {
  readonly name: string;
  readonly maxAttempts: number;
  readonly quota: RetryQuota | undefined;
  readonly budget: RetryBudget | undefined;
  readonly rateLimiter: RateLimiter | undefined;
  private readonly limiterMode: 'wait' | 'fail-fast';
  private readonly backoff: TokenStrategyConfig['backoff'];
  private readonly retryCost: TokenStrategyConfig['retryCost'];
  private readonly noRetryIncrement: number;
  private readonly retryAfter: RetryAfterPolicy;
  private readonly retryAfterCapMs: number;
  private readonly clock: Clock;
  private readonly random: Random;
  /** Tokens already given back; made on the first release (most instances never release one). */
  private released: WeakSet<RetryToken> | undefined = undefined;

  constructor(config: TokenStrategyConfig) {
    this.name = config.name;
    this.maxAttempts = checkNumber(`${config.name}.maxAttempts`, config.maxAttempts, { min: 1, integer: true });
    this.quota = config.quota;
    this.budget = config.budget;
    this.rateLimiter = config.rateLimiter?.limiter;
    this.limiterMode = config.rateLimiter?.mode ?? 'wait';
    this.backoff = config.backoff;
    this.retryCost = config.retryCost;
    this.noRetryIncrement = config.noRetryIncrement;
    this.retryAfter = config.retryAfter;
    this.retryAfterCapMs = config.retryAfterCapMs ?? Number.POSITIVE_INFINITY;
    this.clock = config.clock ?? systemClock;
    this.random = config.random ?? systemRandom;
  }

  private hinted(tI: number, hint: number | undefined): number {
    const policy = this.retryAfter;
    if (hint === undefined || policy === 'ignore') return tI;
    switch (policy) {
      case 'max':
        return Math.max(tI, hint);
      case 'clamp':
        return Math.min(Math.max(hint, tI), tI + RETRY_AFTER_MAX_EXTRA_MS);
      case 'jittered': {
        // Spread identical hints over [h, 1.5 h) so clients told the same
        // Retry-After do not come back together (docs/decisions/0040).
        const h = Math.min(hint, this.retryAfterCapMs);
        return Math.max(tI, h + this.random() * (h / 2));
      }
    }
  }

  /** Adds the limiter's wait (or refuses, fail-fast); the delay returned is from now. */
  private limiterDelay(delayMs: number, attempts: number, totalDelayMs: number, lastErrorCode: string | undefined): Delay {
    const limiter = this.rateLimiter;
    if (limiter === undefined) return delayMs;
    const at = this.clock.now() + delayMs;
    if (this.limiterMode === 'fail-fast') {
      const wait = limiter.waitTimeMs(at);
      if (wait > delayMs) return new RateLimitedError({ attempts, totalDelayMs, lastErrorCode, retryAfterMs: Math.ceil(wait) });
    }
    return Math.ceil(limiter.reserve(at));
  }

  tryAcquireInitialRetryToken(_scope?: string): StrategyToken | RetryGaveUpError {
    this.budget?.deposit();
    if (this.rateLimiter === undefined) return FIRST_TOKEN;
    const delayMs = this.limiterDelay(0, 0, 0, undefined);
    if (typeof delayMs !== 'number') return delayMs;
    return toToken(0, delayMs, 0, delayMs, undefined);
  }

  tryRefreshRetryTokenForRetry(token: RetryToken, error: RetryErrorInfo): StrategyToken | RetryGaveUpError {
    // Read the bookkeeping in place (a token from elsewhere lacks it): no copy per retry.
    const t = token as Partial<StrategyToken>;
    const retryCount = token.retryCount;
    const previousTotalMs = t.totalDelayMs ?? token.delayMs;
    const { quota, budget } = this;
    this.rateLimiter?.update(error.errorClass === 'throttling');
    const attempts = retryCount + 1;
    const lastErrorCode = error.code;
    if (error.errorClass === 'non-retryable') return new RetryNotRetryableError({ attempts, totalDelayMs: previousTotalMs, lastErrorCode });
    if (attempts >= this.maxAttempts) {
      return new RetryAttemptsExhaustedError({ attempts, totalDelayMs: previousTotalMs, lastErrorCode, maxAttempts: this.maxAttempts });
    }

    const backoffMs = this.backoff(error.errorClass)(retryCount, this.random, t.previousBackoffMs);
    const tI = Math.floor(backoffMs);
    const delayMs = Math.floor(this.hinted(tI, error.retryAfterMs));
    const cost = quota === undefined ? 0 : this.retryCost(error);
    if (quota !== undefined && !quota.tryWithdraw(cost)) {
      return new RetryQuotaExhaustedError({ attempts, totalDelayMs: previousTotalMs, lastErrorCode, retryCost: cost, quotaAvailable: quota.available, retryAfterMs: delayMs });
    }
    if (budget !== undefined && !budget.tryWithdraw()) {
      quota?.deposit(cost);
      return new RetryQuotaExhaustedError({
        attempts,
        totalDelayMs: previousTotalMs,
        lastErrorCode,
        retryCost: 1,
        quotaAvailable: budget.available,
        retryAfterMs: delayMs,
        limit: 'budget',
      });
    }
    const waitMs = this.limiterDelay(delayMs, attempts, previousTotalMs, lastErrorCode);
    if (typeof waitMs !== 'number') {
      quota?.deposit(cost);
      budget?.refund();
      return waitMs;
    }
    return toToken(attempts, waitMs, cost, previousTotalMs + waitMs, backoffMs, budget === undefined ? 0 : 1);
  }

  async acquireInitialRetryToken(scope?: string): Promise<StrategyToken> {
    const got = this.tryAcquireInitialRetryToken(scope);
    if (got instanceof Error) throw got;
    return got;
  }

  async refreshRetryTokenForRetry(token: RetryToken, error: RetryErrorInfo): Promise<StrategyToken> {
    const got = this.tryRefreshRetryTokenForRetry(token, error);
    if (got instanceof Error) throw got;
    return got;
  }

  recordSuccess(token: RetryToken): void {
    this.rateLimiter?.update(false);
    if (this.quota === undefined) return;
    // Read in place: this is the success path of every call (bench/retry-overhead).
    this.quota.deposit(token.retryCount === 0 ? this.noRetryIncrement : ((token as Partial<StrategyToken>).retryCost ?? 0));
  }

  releaseRetryToken(token: RetryToken): void {
    this.released ??= new WeakSet();
    if (this.released.has(token)) return;
    this.released.add(token);
    const t = token as Partial<StrategyToken>;
    this.quota?.deposit(t.retryCost ?? 0);
    if ((t.budgetCost ?? 0) > 0) this.budget?.refund();
  }
}

/** Builds the engine for one strategy instance. @internal */
export function createTokenStrategy(config: TokenStrategyConfig): ObservableRetryStrategy {
  return new TokenStrategy(config);
}
