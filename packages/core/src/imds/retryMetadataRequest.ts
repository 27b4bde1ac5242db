import { RetryAttemptsExhaustedError } from '../errors.js';
import type { Random } from '../random/random.js';
import { fullJitterBackoff } from '../retry/backoff.js';
import { classifyError } from '../retry/classifyError.js';
import { createBackoffRetryStrategy } from '../retry/createBackoffRetryStrategy.js';
import { retryWithStats } from '../retry/retry.js';
import type { RetryErrorInfo } from '../retry/types.js';
import type { Clock } from '../time/clock.js';
import type { HttpAnswer } from './httpRequest.js';

/** Attempts per IMDS or container request unless configured (Go's IMDS client; JS and botocore's container client). @public */
export const DEFAULT_METADATA_MAX_ATTEMPTS = 3;
/** First ceiling of the full-jitter backoff between metadata attempts. @public */
export const METADATA_BACKOFF_BASE_MS = 100;
/** No backoff between metadata attempts exceeds this (Go's IMDS client caps at 1 s). @public */
export const METADATA_BACKOFF_CAP_MS = 1000;

/** @internal */
export interface MetadataRetryOptions {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly clock: Clock;
  readonly random: Random;
  /** Ends a backoff at once (the chain's deadline); the call then throws. */
  readonly signal?: AbortSignal | undefined;
}

/** An answer worth another attempt: a server error, or 429 (how IMDS and the ECS agent throttle). @internal */
export function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

/** Carries a transient answer through the retry engine, which retries what is thrown. */
class TransientAnswer {
  constructor(readonly answer: HttpAnswer) {}
}

function classifyMetadataFailure(error: unknown, nowMs: number): RetryErrorInfo {
  const status = error instanceof TransientAnswer ? error.answer.status : (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status !== 'number') return classifyError(error, nowMs);
  const code = String(status);
  if (status === 429) return { errorClass: 'throttling', code };
  return { errorClass: status >= 500 ? 'transient' : 'non-retryable', code };
}

/**
 * Runs one IMDS or container request (`attempt`, 1-based) under the core's
 * retry engine, as the SDKs' metadata clients retry: a 5xx or 429 answer and
 * a thrown transient failure (an error whose `statusCode` is 5xx/429, a
 * refused, reset or timed-out connection) get another attempt after a
 * full-jitter backoff, up to `maxAttempts`; anything else ends it at once.
 * Resolves with the last answer (a transient one when the attempts ran out),
 * for the caller to report in its own words; rejects with the last error
 * as thrown.
 * @internal
 */
export async function retryMetadataRequest(attempt: (attempt: number) => Promise<HttpAnswer>, options: MetadataRetryOptions): Promise<HttpAnswer> {
  const { clock, random, signal } = options;
  const strategy = createBackoffRetryStrategy({
    name: 'metadata',
    backoff: fullJitterBackoff({ baseMs: METADATA_BACKOFF_BASE_MS, capMs: METADATA_BACKOFF_CAP_MS }),
    maxAttempts: options.maxAttempts,
    clock,
    random,
  });
  try {
    const { value } = await retryWithStats(
      async ({ attempt: n }) => {
        const answer = await attempt(n);
        if (isTransientStatus(answer.status)) throw new TransientAnswer(answer);
        return answer;
      },
      { strategy, classify: classifyMetadataFailure, clock, ...(signal === undefined ? {} : { signal }) },
    );
    return value;
  } catch (error) {
    const last = error instanceof RetryAttemptsExhaustedError ? error.cause : error;
    if (last instanceof TransientAnswer) return last.answer;
    throw last;
  }
}
