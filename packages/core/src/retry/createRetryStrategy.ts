import { InvalidOptionError } from '../errors.js';
import type { Random } from '../random/random.js';
import type { Clock } from '../time/clock.js';
import {
  decorrelatedJitterBackoff,
  equalJitterBackoff,
  exponentialBackoff,
  fullJitterBackoff,
  MAX_BACKOFF_MS,
  noBackoff,
  type Backoff,
} from './backoff.js';
import { createAdaptiveRetryStrategy } from './createAdaptiveRetryStrategy.js';
import { createBackoffRetryStrategy } from './createBackoffRetryStrategy.js';
import type { RateLimiter } from './createRateLimiter.js';
import type { RetryBudget } from './createRetryBudget.js';
import type { RetryQuota } from './createRetryQuota.js';
import { createRolecallRetryStrategy } from './createRolecallRetryStrategy.js';
import { createStandardRetryStrategy } from './createStandardRetryStrategy.js';
import type { ObservableRetryStrategy } from './createTokenStrategy.js';
import type { StrategyName } from './types.js';

/** Every name {@link createRetryStrategy} accepts. @public */
export const STRATEGY_NAMES: readonly StrategyName[] = [
  'none',
  'no-jitter',
  'full-jitter',
  'equal-jitter',
  'decorrelated-jitter',
  'aws-standard',
  'aws-adaptive',
  'rolecall',
];

/** Options for any named strategy; each reads the ones that apply to it. @public */
export interface RetryStrategyOptions {
  readonly maxAttempts?: number | undefined;
  readonly quota?: RetryQuota | undefined;
  /** rolecall: its retry budget (default one per instance) or `'none'`. */
  readonly budget?: RetryBudget | 'none' | undefined;
  readonly clock?: Clock | undefined;
  readonly random?: Random | undefined;
  /** Backoff base for the plain strategies (default 50 ms) and rolecall's transient base. */
  readonly baseMs?: number | undefined;
  /** Backoff cap (default 20 s). */
  readonly capMs?: number | undefined;
  /** aws-standard / aws-adaptive revision. Default `'2026'`. */
  readonly constants?: '2026' | 'legacy' | undefined;
  /** aws-adaptive: `wait` or `fail-fast`. */
  readonly mode?: 'wait' | 'fail-fast' | undefined;
  /** aws-adaptive: a limiter to share. */
  readonly rateLimiter?: RateLimiter | undefined;
}

/** Default base of the plain backoff strategies: the 2026 transient base. @public */
export const DEFAULT_BACKOFF_BASE_MS = 50;

function plainBackoff(name: StrategyName, baseMs: number, capMs: number): Backoff | undefined {
  switch (name) {
    case 'none':
      return noBackoff();
    case 'no-jitter':
      return exponentialBackoff({ baseMs, capMs });
    case 'full-jitter':
      return fullJitterBackoff({ baseMs, capMs });
    case 'equal-jitter':
      return equalJitterBackoff({ baseMs, capMs });
    case 'decorrelated-jitter':
      return decorrelatedJitterBackoff({ baseMs, capMs });
    default:
      return undefined;
  }
}

/**
 * A strategy by name: one fresh instance (with its own quota / limiter unless
 * `quota` / `rateLimiter` are passed) per call, so the load harness makes one
 * per simulated client. Plain names have no quota unless one is given.
 * @example
 * const strategies = STRATEGY_NAMES.map((name) => createRetryStrategy(name, { clock, random: seededRandom(7) }));
 * @public
 */
export function createRetryStrategy(name: StrategyName, options: RetryStrategyOptions = {}): ObservableRetryStrategy {
  const common = {
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.quota === undefined ? {} : { quota: options.quota }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.random === undefined ? {} : { random: options.random }),
  };
  const aws = { ...common, ...(options.constants === undefined ? {} : { constants: options.constants }) };
  switch (name) {
    case 'aws-standard':
      return createStandardRetryStrategy(aws);
    case 'aws-adaptive':
      return createAdaptiveRetryStrategy({
        ...aws,
        ...(options.mode === undefined ? {} : { mode: options.mode }),
        ...(options.rateLimiter === undefined ? {} : { rateLimiter: options.rateLimiter }),
      });
    case 'rolecall':
      return createRolecallRetryStrategy({
        ...common,
        ...(options.budget === undefined ? {} : { budget: options.budget }),
        ...(options.baseMs === undefined ? {} : { baseMs: options.baseMs }),
        ...(options.capMs === undefined ? {} : { capMs: options.capMs }),
      });
    default: {
      const backoff = plainBackoff(name, options.baseMs ?? DEFAULT_BACKOFF_BASE_MS, options.capMs ?? MAX_BACKOFF_MS);
      if (backoff === undefined) {
        throw new InvalidOptionError(
          'createRetryStrategy.name',
          `Unknown retry strategy ${JSON.stringify(name)}. Expected one of ${STRATEGY_NAMES.map((n) => JSON.stringify(n)).join(', ')}.`,
        );
      }
      return createBackoffRetryStrategy({ name, backoff, ...common });
    }
  }
}
