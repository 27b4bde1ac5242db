import { describe, expect, it } from 'vitest';
import {
  RateLimitedError,
  RetryAbortedError,
  RetryAttemptsExhaustedError,
  RetryDeadlineExceededError,
  RetryQuotaExhaustedError,
} from '../errors.js';
import { seededRandom } from '../random/random.js';
import { createVirtualClock } from '../time/clock.js';
import { createAdaptiveRetryStrategy } from './createAdaptiveRetryStrategy.js';
import { createRetryBudget } from './createRetryBudget.js';
import { createRetryQuota } from './createRetryQuota.js';
import { createRolecallRetryStrategy } from './createRolecallRetryStrategy.js';
import { createStandardRetryStrategy } from './createStandardRetryStrategy.js';
import { retry, retryWithStats, type RetryRecord } from './retry.js';
import { settle } from '../../test/support/virtualTime.js';

const throttled = (): Error => Object.assign(new Error('Rate exceeded'), { code: 'Throttling', statusCode: 400 });


/** A function failing `failures` times with `makeError`, then returning 'ok'. */
function flaky(failures: number, makeError: () => unknown = throttled) {
  const calls: number[] = [];
  const fn = async ({ attempt }: { attempt: number }) => {
    calls.push(attempt);
    if (calls.length <= failures) throw makeError();
    return 'ok';
  };
  return { fn, calls };
}

describe('retry', () => {
  // Regression: retry() rebuilt the refusal without its limit, so a budget
  // refusal read "the retry quota has 0.24999999999999822 token(s) ... the
  // quota refills as calls succeed": the wrong limit, and a false remedy.
  it('a retry budget refusal says budget, with the retries left rounded, and how the budget refills', async () => {
    const clock = createVirtualClock();
    const budget = createRetryBudget({ clock, ratio: 0, minRetriesPerSecond: 0.025 });
    const strategy = createRolecallRetryStrategy({ clock, random: seededRandom(1), budget });
    const error = await settle(clock, retry(flaky(10).fn, { clock, strategy })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryQuotaExhaustedError);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_RETRY_QUOTA_EXHAUSTED', limit: 'budget', attempts: 1, lastErrorCode: 'Throttling' });
    const message = (error as Error).message;
    expect(message).toMatch(/the retry budget has 0\.\d{1,2} retr\(ies\) left, a retry needs 1;/);
    expect(message).toContain('the budget refills with every new call and with time');
    expect(message).not.toMatch(/quota has|token/);
  });


  it('returns at once when the first attempt succeeds', async () => {
    const clock = createVirtualClock();
    await expect(retryWithStats(() => 42, { clock })).resolves.toEqual({ value: 42, attempts: 1, totalDelayMs: 0 });
    expect(clock.pending()).toBe(0);
  });

  it('retries a throttled call with the strategy\'s delays and reports them', async () => {
    const clock = createVirtualClock();
    const seed = 12;
    const strategy = createStandardRetryStrategy({ clock, random: seededRandom(seed) });
    const r = seededRandom(seed);
    const expected = [Math.floor(r() * 1000), Math.floor(r() * 2000)];
    const { fn, calls } = flaky(2);
    const records: RetryRecord[] = [];
    const start = clock.now();
    const result = await settle(clock, retryWithStats(fn, { clock, strategy, onRetry: (rec) => void records.push(rec) }));
    expect(result).toEqual({ value: 'ok', attempts: 3, totalDelayMs: expected[0]! + expected[1]! });
    expect(clock.now() - start).toBe(result.totalDelayMs);
    expect(calls).toEqual([1, 2, 3]);
    expect(records.map((r) => [r.attempt, r.delayMs, r.retriesLeft, r.errorInfo.code])).toEqual([
      [1, expected[0], 2, 'Throttling'],
      [2, expected[1], 1, 'Throttling'],
    ]);
    expect(Object.isFrozen(records[0])).toBe(true);
    expect(strategy.quota?.available).toBe(495); // 2 × 5 taken, the successful retry's 5 refunded
  });

  it('gives up with RetryAttemptsExhaustedError naming the last AWS code', async () => {
    const clock = createVirtualClock();
    const start = clock.now();
    const error = await settle(clock, retry(flaky(10).fn, { clock, random: seededRandom(1) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryAttemptsExhaustedError);
    expect(error).toMatchObject({ code: 'ERR_ROLECALL_RETRY_ATTEMPTS_EXHAUSTED', attempts: 3, lastErrorCode: 'Throttling' });
    expect((error as Error).message).toMatch(/Throttling/);
    expect((error as Error).cause).toMatchObject({ code: 'Throttling' });
    // The engine reports the time it slept, which on the virtual clock is all the time that passed.
    expect((error as RetryAttemptsExhaustedError).totalDelayMs).toBe(clock.now() - start);
    expect((error as RetryAttemptsExhaustedError).totalDelayMs).toBeGreaterThan(0);
  });

  it('rethrows a non-retryable error as is, annotated with $retry', async () => {
    const denied = Object.assign(new Error('denied'), { code: 'SignatureDoesNotMatch', statusCode: 403 });
    const { fn, calls } = flaky(1, () => denied);
    const error = await retry(fn, { clock: createVirtualClock() }).catch((e: unknown) => e);
    expect(error).toBe(denied);
    expect(calls).toEqual([1]);
    expect((error as { $retry?: unknown }).$retry).toEqual({ attempts: 1, totalDelayMs: 0 });
    expect(Object.keys(error as object)).not.toContain('$retry');
  });

  it('fails at once with RetryQuotaExhaustedError when the quota is empty', async () => {
    const clock = createVirtualClock();
    const strategy = createStandardRetryStrategy({ clock, quota: createRetryQuota({ capacity: 4 }) });
    const error = await retry(flaky(1).fn, { clock, strategy }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryQuotaExhaustedError);
    expect(error).toMatchObject({ attempts: 1, totalDelayMs: 0, retryCost: 5, quotaAvailable: 4, lastErrorCode: 'Throttling' });
    expect(clock.pending()).toBe(0);
  });

  it('backs off before failing on an empty quota when the scope is a long poll (2026)', async () => {
    const clock = createVirtualClock();
    const strategy = createStandardRetryStrategy({ clock, quota: createRetryQuota({ capacity: 0 }), random: () => 0.5 });
    const start = clock.now();
    const error = await settle(clock, retry(flaky(1).fn, { clock, strategy, scope: 'sqs:longpoll' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryQuotaExhaustedError);
    expect(error).toMatchObject({ totalDelayMs: 500, retryAfterMs: 500 });
    expect(clock.now() - start).toBe(500);
  });

  it('ends a sleep at once on abort, with the reason as cause and no timer left', async () => {
    const clock = createVirtualClock();
    const controller = new AbortController();
    const strategy = createStandardRetryStrategy({ clock, random: () => 0.9 });
    const pending = retry(flaky(5).fn, { clock, strategy, signal: controller.signal }).catch((e: unknown) => e);
    await clock.advance(100);
    expect(clock.pending()).toBe(1);
    const reason = new Error('caller gave up');
    controller.abort(reason);
    const error = await pending;
    expect(error).toBeInstanceOf(RetryAbortedError);
    expect(error).toMatchObject({ attempts: 1, totalDelayMs: 100, lastErrorCode: 'Throttling', cause: reason });
    expect(clock.pending()).toBe(0);
    expect(strategy.quota?.available).toBe(500); // the unused retry was refunded
  });

  it('does not start when the signal is already aborted', async () => {
    const { fn, calls } = flaky(0);
    await expect(retry(fn, { signal: AbortSignal.abort(), clock: createVirtualClock() })).rejects.toBeInstanceOf(RetryAbortedError);
    expect(calls).toEqual([]);
  });

  it('stops before a backoff that would pass totalTimeMs', async () => {
    const clock = createVirtualClock();
    const strategy = createStandardRetryStrategy({ clock, random: () => 0.5, maxAttempts: 5 });
    // Delays 500, 1000, 2000: 500 + 1000 fit in 2000 ms, the third does not.
    const error = await settle(clock, retry(flaky(10).fn, { clock, strategy, totalTimeMs: 2_000 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryDeadlineExceededError);
    expect(error).toMatchObject({ attempts: 3, totalDelayMs: 1500, elapsedMs: 1500, nextDelayMs: 2000, totalTimeMs: 2000 });
    expect(strategy.quota?.available).toBe(490);
  });

  it('surfaces the adaptive limiter\'s refusal as RateLimitedError', async () => {
    const clock = createVirtualClock();
    const strategy = createAdaptiveRetryStrategy({ clock, mode: 'fail-fast' });
    const error = await retry(flaky(1).fn, { clock, strategy }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ attempts: 1, retryAfterMs: 2000, lastErrorCode: 'Throttling' });
  });

  it('lets onRetry stop the call by throwing, and validates options', async () => {
    const clock = createVirtualClock();
    const stop = new Error('stop');
    await expect(retry(flaky(1).fn, { clock, onRetry: () => { throw stop; } })).rejects.toBe(stop);
    await expect(retry(() => 1, { totalTimeMs: -1 })).rejects.toThrow('Expected `retry.totalTimeMs` to be a finite number ≥ 0, got -1.');
  });
});
