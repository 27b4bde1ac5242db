/** How a failure is classified for retrying. @public */
export type ErrorClass = 'throttling' | 'transient' | 'non-retryable';

/** What a strategy is told about a failed attempt. @public */
export interface RetryErrorInfo {
  readonly errorClass: ErrorClass;
  /** A server hint, already parsed to milliseconds (`Retry-After`, `x-amz-retry-after`). */
  readonly retryAfterMs?: number;
  /** The AWS error code or HTTP status, for messages and metrics. */
  readonly code?: string;
  /** The failure was a timeout (the legacy constants charge it differently). */
  readonly isTimeout?: boolean;
}

/** A permission to make one attempt, handed out by a strategy. @public */
export interface RetryToken {
  /** 0 for the first attempt, 1 for the first retry, ... */
  readonly retryCount: number;
  /**
   * How long to wait before the attempt this token is for. Always sleep it,
   * the first attempt included: the adaptive limiter puts its wait here.
   */
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
  /** Attempts allowed per operation, the first included (absent = unknown). */
  readonly maxAttempts?: number;
  /**
   * Gives back a retry token that will not be used (the caller stopped before
   * the attempt, e.g. on a time budget or an abort): its quota cost is refunded.
   */
  releaseRetryToken?(token: RetryToken): void;
}

/** The strategies `createRetryStrategy` knows by name. @public */
export type StrategyName =
  | 'none'
  | 'no-jitter'
  | 'full-jitter'
  | 'equal-jitter'
  | 'decorrelated-jitter'
  | 'aws-standard'
  | 'aws-adaptive'
  | 'rolecall';
