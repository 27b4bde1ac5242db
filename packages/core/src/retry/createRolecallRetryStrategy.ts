import type { Random } from '../random/random.js';
import type { Clock } from '../time/clock.js';
import { fullJitterBackoff, MAX_BACKOFF_MS } from './backoff.js';
import { createRetryBudget, type RetryBudget } from './createRetryBudget.js';
import type { RetryQuota } from './createRetryQuota.js';
import { DEFAULT_MAX_ATTEMPTS, STANDARD_RETRY_CONSTANTS } from './createStandardRetryStrategy.js';
import { createTokenStrategy, type ObservableRetryStrategy, type TokenStrategyConfig } from './createTokenStrategy.js';
import type { ErrorClass, RetryErrorInfo } from './types.js';
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
  /**
   * The retry budget: retries as a share of this strategy's recent requests
   * (docs/decisions/0045). Default `createRetryBudget()` owned by this instance
   * (10 % of the last 10 s of requests + 0.25 retries/s); `'none'` for no budget.
   */
  readonly budget?: RetryBudget | 'none' | undefined;
  /**
   * An AWS-style quota on top of the budget (costs 14 transient / 5
   * throttling, refunded on success, +1 per first-attempt success), e.g. one
   * shared by many clients. Default: none.
   */
  readonly quota?: RetryQuota | undefined;
  readonly clock?: Clock | undefined;
  readonly random?: Random | undefined;
}

/**
 * `rolecall`, our default (docs/decisions/0040, 0045): 3 attempts, full jitter
 * with the 2026 bases, a per-instance retry budget (10 % of recent requests,
 * Finagle-style; an AWS quota only if given), and server
 * hints honoured but jittered: with h = min(hint, retryAfterCapMs) the delay
 * is max(t_i, h + U[0,1) · h/2) — never sooner than the server asked, and
 * spread over half the hint so identical `Retry-After`s do not synchronise.
 * @example
 * const value = await retry(() => call(), { strategy: createRolecallRetryStrategy() });
 * @public
 */
export function createRolecallRetryStrategy(options: RolecallRetryStrategyOptions = {}): ObservableRetryStrategy {
  const budget = options.budget === 'none' ? undefined : (options.budget ?? createRetryBudget({ clock: options.clock }));
  return createTokenStrategy({
    ...rolecallPolicy(options.baseMs ?? c.transientBaseMs, options.throttlingBaseMs ?? c.throttlingBaseMs, options.capMs ?? MAX_BACKOFF_MS),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    quota: options.quota,
    budget,
    retryAfterCapMs: checkNumber('rolecall.retryAfterCapMs', options.retryAfterCapMs ?? MAX_BACKOFF_MS),
    clock: options.clock,
    random: options.random,
  });
}

const c = STANDARD_RETRY_CONSTANTS['2026'];

type RolecallPolicy = Pick<TokenStrategyConfig, 'name' | 'backoff' | 'retryCost' | 'noRetryIncrement' | 'retryAfter'>;

const retryCost = (error: RetryErrorInfo): number => (error.errorClass === 'throttling' ? c.throttlingCost : c.transientCost);

/** The last policy built, reused while the bases and cap stay the same: a fleet of instances shares one set of backoff functions. */
let lastPolicy: { readonly key: string; readonly policy: RolecallPolicy } | undefined;

function rolecallPolicy(baseMs: number, throttlingBaseMs: number, rawCapMs: number): RolecallPolicy {
  const key = `${baseMs} ${throttlingBaseMs} ${rawCapMs}`;
  if (lastPolicy?.key === key) return lastPolicy.policy;
  const capMs = checkNumber('rolecall.capMs', rawCapMs);
  const transient = fullJitterBackoff({ baseMs, capMs });
  const throttling = fullJitterBackoff({ baseMs: throttlingBaseMs, capMs });
  const policy: RolecallPolicy = Object.freeze({
    name: 'rolecall',
    backoff: (errorClass: ErrorClass) => (errorClass === 'throttling' ? throttling : transient),
    retryCost,
    noRetryIncrement: c.noRetryIncrement,
    retryAfter: 'jittered' as const,
  });
  lastPolicy = { key, policy };
  return policy;
}
