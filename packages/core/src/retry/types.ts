import type { Clock } from '../time/clock.js';
import type { Random } from '../random/random.js';

/** How a failure is classified for retrying. @public */
export type ErrorClass = 'throttling' | 'transient' | 'non-retryable';

/** What a strategy is told about a failed attempt. @public */
export interface RetryErrorInfo {
  readonly errorClass: ErrorClass;
  /** A server hint, already parsed to milliseconds (`Retry-After`, `x-amz-retry-after`). */
  readonly retryAfterMs?: number;
  /** The AWS error code or HTTP status, for messages and metrics. */
  readonly code?: string;
}

/** A permission to make one attempt, handed out by a strategy. @public */
export interface RetryToken {
  /** 0 for the first attempt, 1 for the first retry, ... */
  readonly retryCount: number;
  /** How long to wait before the attempt this token is for. */
  readonly delayMs: number;
}

/**
 * The SDKs' token protocol: a token before the first attempt, a new one
 * before each retry (or a typed error saying why not), and a report on
 * success. A strategy instance holds the state (quota, limiter) that a client
 * or a group of clients share.
 * @public
 */
export interface RetryStrategy {
  readonly name: string;
  acquireInitialRetryToken(scope?: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(token: RetryToken, error: RetryErrorInfo): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
}

/** Side effects a retry engine needs, injected. @public */
export interface RetryEnvironment {
  readonly clock?: Clock;
  readonly random?: Random;
}
