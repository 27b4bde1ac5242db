import {
  RateLimitedError,
  RetryAbortedError,
  RetryAttemptsExhaustedError,
  RetryDeadlineExceededError,
  RetryNotRetryableError,
  RetryQuotaExhaustedError,
} from '../errors.js';
import type { Random } from '../random/random.js';
import { sleep, systemClock, type Clock } from '../time/clock.js';
import { classifyError } from './classifyError.js';
import { createRolecallRetryStrategy } from './createRolecallRetryStrategy.js';
import { DEFAULT_MAX_ATTEMPTS } from './createStandardRetryStrategy.js';
import type { RetryErrorInfo, RetryStrategy, RetryToken } from './types.js';
import { checkNumber } from './validateOption.js';

/** What `fn` is told about the attempt it is making. @public */
export interface RetryAttempt {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Retries still allowed after this attempt (Infinity if the strategy does not say). */
  readonly retriesLeft: number;
  /** The caller's signal: pass it on so an abort also cancels the attempt in flight. */
  readonly signal: AbortSignal | undefined;
}

/** The frozen record `onRetry` receives before each backoff sleep. @public */
export interface RetryRecord {
  readonly error: unknown;
  readonly errorInfo: RetryErrorInfo;
  /** The attempt that failed, 1-based. */
  readonly attempt: number;
  /** The sleep about to start. */
  readonly delayMs: number;
  readonly retriesLeft: number;
}

/** @public */
export interface RetryOptions {
  /** Default: a fresh `rolecall` strategy per call. Pass one to share its quota between calls. */
  readonly strategy?: RetryStrategy | undefined;
  /** error → classification. Default {@link classifyError}. */
  readonly classify?: ((error: unknown, nowMs: number) => RetryErrorInfo) | undefined;
  /** Ends a sleep at once; the call then throws `RetryAbortedError` with the abort reason as `cause`. */
  readonly signal?: AbortSignal | undefined;
  /** Budget for the whole call, in ms: a backoff that would end past it is not started (`RetryDeadlineExceededError`). */
  readonly totalTimeMs?: number | undefined;
  /** Called before each backoff sleep; an error it throws ends retrying and propagates. */
  readonly onRetry?: ((record: RetryRecord) => void | Promise<void>) | undefined;
  /** Passed to `acquireInitialRetryToken` (e.g. a partition name). A scope ending `:longpoll` sleeps the backoff before failing on an empty quota (2026). */
  readonly scope?: string | undefined;
  readonly clock?: Clock | undefined;
  /** Only used for the default strategy. */
  readonly random?: Random | undefined;
}

/** A successful call with its statistics. @public */
export interface RetryResult<T> {
  readonly value: T;
  readonly attempts: number;
  readonly totalDelayMs: number;
}

/** What `retry` attaches (non-enumerable `$retry`) to a non-retryable error it rethrows. @public */
export interface RetryAnnotation {
  readonly attempts: number;
  readonly totalDelayMs: number;
}

/** The first token of a fresh rolecall strategy (no limiter, no delay). */
const FIRST_TOKEN: RetryToken = Object.freeze({ retryCount: 0, delayMs: 0 });

const isAborted = (signal: AbortSignal | undefined): boolean => signal?.aborted === true;

function annotate(error: unknown, annotation: RetryAnnotation): unknown {
  if (typeof error === 'object' && error !== null && Object.isExtensible(error)) {
    Object.defineProperty(error, '$retry', { value: Object.freeze(annotation), configurable: true, enumerable: false, writable: false });
  }
  return error;
}

/** Re-issues a strategy's refusal with the caller's numbers and the last error as `cause`. */
function giveUp(refusal: unknown, error: unknown, info: RetryErrorInfo, attempts: number, totalDelayMs: number, maxAttempts: number): unknown {
  const fields = { attempts, totalDelayMs, lastErrorCode: info.code, cause: error };
  if (refusal instanceof RetryNotRetryableError || info.errorClass === 'non-retryable') return annotate(error, { attempts, totalDelayMs });
  if (refusal instanceof RetryQuotaExhaustedError) {
    return new RetryQuotaExhaustedError({ ...fields, retryCost: refusal.retryCost, quotaAvailable: refusal.quotaAvailable, retryAfterMs: refusal.retryAfterMs, limit: refusal.limit });
  }
  if (refusal instanceof RateLimitedError) return new RateLimitedError({ ...fields, retryAfterMs: refusal.retryAfterMs });
  if (refusal instanceof RetryAttemptsExhaustedError) return new RetryAttemptsExhaustedError({ ...fields, maxAttempts: refusal.maxAttempts });
  // A foreign strategy (e.g. an SDK's) refused without saying why.
  return new RetryAttemptsExhaustedError({ ...fields, maxAttempts });
}

/**
 * {@link retry}, also returning how many attempts it took and how long it
 * slept. (Chosen over an `onResult` hook: a return value cannot be forgotten.)
 * @public
 */
export async function retryWithStats<T>(fn: (attempt: RetryAttempt) => Promise<T> | T, options: RetryOptions = {}): Promise<RetryResult<T>> {
  const clock = options.clock ?? systemClock;
  const { signal, onRetry, totalTimeMs } = options;
  if (totalTimeMs !== undefined) checkNumber('retry.totalTimeMs', totalTimeMs);
  const classify = options.classify ?? classifyError;
  // The default strategy is fresh per call, so its first token is always the
  // same and a first-attempt success cannot change it: build it only once an
  // attempt fails (this keeps the success path's overhead low, bench/retry-overhead).
  let strategy: RetryStrategy | undefined = options.strategy;
  const useStrategy = (): RetryStrategy =>
    (strategy ??= createRolecallRetryStrategy({ clock, ...(options.random === undefined ? {} : { random: options.random }) }));
  const maxAttempts = strategy === undefined ? DEFAULT_MAX_ATTEMPTS : (strategy.maxAttempts ?? Number.POSITIVE_INFINITY);
  const start = clock.now();
  let attempts = 0;
  let totalDelayMs = 0;
  let lastError: unknown;
  let lastErrorCode: string | undefined;

  const aborted = (reason: unknown): RetryAbortedError =>
    new RetryAbortedError({ attempts, totalDelayMs, lastErrorCode, cause: reason, lastError });

  if (signal?.aborted === true) throw aborted(signal.reason);
  let token: RetryToken = strategy === undefined ? FIRST_TOKEN : await strategy.acquireInitialRetryToken(options.scope);
  for (;;) {
    if (token.delayMs > 0) {
      const sleptFrom = clock.now();
      try {
        await sleep(clock, token.delayMs, signal);
      } catch (reason) {
        totalDelayMs += clock.now() - sleptFrom;
        strategy?.releaseRetryToken?.(token);
        throw aborted(reason);
      }
      totalDelayMs += token.delayMs;
    }
    attempts++;
    try {
      const value = await fn({ attempt: attempts, retriesLeft: maxAttempts - attempts, signal });
      strategy?.recordSuccess(token);
      return { value, attempts, totalDelayMs };
    } catch (error) {
      // Re-read: the abort may have happened while `fn` ran.
      if (isAborted(signal)) throw aborted(signal?.reason);
      lastError = error;
      const info = classify(error, clock.now());
      lastErrorCode = info.code;
      let next: RetryToken;
      try {
        next = await useStrategy().refreshRetryTokenForRetry(token, info);
      } catch (refusal) {
        // 2026 rule: a long-poll operation (scope ending ":longpoll", as in
        // smithy) still backs off on an empty quota before failing, so a
        // poller that finds no quota does not spin (aws-sdk-go-v2#3413).
        if (refusal instanceof RetryQuotaExhaustedError && options.scope?.endsWith(':longpoll') === true) {
          const sleptFrom = clock.now();
          try {
            await sleep(clock, refusal.retryAfterMs, signal);
          } catch (reason) {
            totalDelayMs += clock.now() - sleptFrom;
            throw aborted(reason);
          }
          totalDelayMs += refusal.retryAfterMs;
        }
        throw giveUp(refusal, error, info, attempts, totalDelayMs, maxAttempts);
      }
      if (totalTimeMs !== undefined) {
        const elapsedMs = clock.now() - start;
        if (elapsedMs + next.delayMs > totalTimeMs) {
          strategy?.releaseRetryToken?.(next);
          throw new RetryDeadlineExceededError({ attempts, totalDelayMs, lastErrorCode, cause: error, totalTimeMs, elapsedMs, nextDelayMs: next.delayMs });
        }
      }
      if (onRetry !== undefined) {
        await onRetry(Object.freeze({ error, errorInfo: info, attempt: attempts, delayMs: next.delayMs, retriesLeft: maxAttempts - attempts }));
      }
      token = next;
    }
  }
}

/**
 * Calls `fn` until it succeeds, the strategy refuses another retry, the time
 * budget would be passed, or `signal` aborts. A non-retryable error is
 * rethrown as is, with a non-enumerable `$retry` ({@link RetryAnnotation});
 * giving up throws `RetryAttemptsExhaustedError`, `RetryQuotaExhaustedError`,
 * `RetryDeadlineExceededError`, `RetryAbortedError` or `RateLimitedError`,
 * each with `attempts`, `totalDelayMs`, `lastErrorCode` and the last error as `cause`.
 * @example
 * const body = await retry(({ signal }) => fetchThing({ signal }), { signal: AbortSignal.timeout(10_000), totalTimeMs: 8_000 });
 * @public
 */
export async function retry<T>(fn: (attempt: RetryAttempt) => Promise<T> | T, options: RetryOptions = {}): Promise<T> {
  return (await retryWithStats(fn, options)).value;
}
