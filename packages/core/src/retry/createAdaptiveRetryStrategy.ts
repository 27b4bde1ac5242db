import { createRateLimiter, type RateLimiter } from './createRateLimiter.js';
import { standardConfig, type StandardRetryStrategyOptions } from './createStandardRetryStrategy.js';
import { createTokenStrategy, type ObservableRetryStrategy } from './createTokenStrategy.js';
import { checkOneOf } from './validateOption.js';

/** @public */
export interface AdaptiveRetryStrategyOptions extends StandardRetryStrategyOptions {
  /**
   * `wait` (default, as botocore): every attempt waits for a send token.
   * `fail-fast` (as Go's `FailOnNoAttemptTokens`): an attempt that would have
   * to wait throws `RateLimitedError` instead (boto/botocore#3179).
   */
  readonly mode?: 'wait' | 'fail-fast' | undefined;
  /** Default: a limiter of its own on `clock`. Pass one to share it. */
  readonly rateLimiter?: RateLimiter | undefined;
}

/**
 * `aws-adaptive`: aws-standard plus the CUBIC client-side rate limiter. Every
 * attempt (first ones included) takes one send token; every response feeds the
 * limiter, throttles included (the wrapper-vs-error bug of
 * smithy-typescript#1941 cannot occur: we read `errorClass`).
 * @example
 * const strategy = createAdaptiveRetryStrategy({ mode: 'fail-fast', clock });
 * strategy.rateLimiter?.fillRate; // live limiter state
 * @public
 */
export function createAdaptiveRetryStrategy(options: AdaptiveRetryStrategyOptions = {}): ObservableRetryStrategy {
  const mode = checkOneOf('aws-adaptive.mode', options.mode ?? 'wait', ['wait', 'fail-fast']);
  const limiter = options.rateLimiter ?? createRateLimiter(options.clock === undefined ? {} : { clock: options.clock });
  return createTokenStrategy({ ...standardConfig('aws-adaptive', options), rateLimiter: { limiter, mode } });
}
