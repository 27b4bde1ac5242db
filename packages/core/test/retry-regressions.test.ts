/**
 * The anchors' known retry bugs and user reports (retry-spec.md §6 and §9),
 * each replayed against our engine through the public entry point.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyError,
  createAdaptiveRetryStrategy,
  createRetryQuota,
  createStandardRetryStrategy,
  createVirtualClock,
  retry,
  retryWithStats,
  RetryDeadlineExceededError,
  RetryQuotaExhaustedError,
  seededRandom,
  type RetryToken,
} from '../src/index.js';
import { settle } from './support/virtualTime.js';

const throttle = { errorClass: 'throttling', code: 'Throttling' } as const;


describe('retry regressions from the anchors', () => {
  it('aws-sdk-js-v3#4755: one success does not refill a drained quota', async () => {
    const quota = createRetryQuota();
    const strategy = createStandardRetryStrategy({ quota, random: seededRandom(1) });
    while (quota.tryWithdraw(5));
    const left = quota.available;
    strategy.recordSuccess(await strategy.acquireInitialRetryToken());
    expect(quota.available).toBe(left + 1);
  });

  it('aws-sdk-js-v3#3894: a delay-seconds Retry-After is honoured, not read as a 1970 date', async () => {
    const clock = createVirtualClock();
    const error = Object.assign(new Error('slow down'), { statusCode: 429, headers: { 'retry-after': '3' } });
    let calls = 0;
    const result = await settle(
      clock,
      retryWithStats(
        () => {
          if (calls++ === 0) throw error;
          return 'ok';
        },
        { clock, random: seededRandom(2) },
      ),
    );
    expect(result.totalDelayMs).toBeGreaterThanOrEqual(3000);
  });

  it('smithy-typescript#1941: a throttling error switches the adaptive limiter on', async () => {
    const strategy = createAdaptiveRetryStrategy({ clock: createVirtualClock(), random: seededRandom(3) });
    await strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), classifyError({ code: 'ThrottlingException' }));
    expect(strategy.rateLimiter?.enabled).toBe(true);
  });

  it('smithy-typescript#1973/#1974: retries take limiter tokens too, and waiters are served in order', async () => {
    const clock = createVirtualClock();
    const strategy = createAdaptiveRetryStrategy({ clock, random: () => 0 });
    const first = await strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), throttle);
    const tokens: RetryToken[] = [first];
    for (let i = 0; i < 4; i++) tokens.push(await strategy.acquireInitialRetryToken());
    const delays = tokens.map((t) => t.delayMs);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(new Set(delays).size).toBe(delays.length);
  });

  it('boto/botocore#2635: a bare 429 is retried as throttling', () => {
    expect(classifyError({ statusCode: 429 }).errorClass).toBe('throttling');
  });

  it('aws-sdk-go-v2#3413 and #3189: an empty quota fails fast with its own error, not a spin or a server error', async () => {
    const clock = createVirtualClock();
    const strategy = createStandardRetryStrategy({ clock, quota: createRetryQuota({ capacity: 0 }) });
    let calls = 0;
    const error = await retry(
      () => {
        calls++;
        throw Object.assign(new Error('x'), { code: 'Throttling' });
      },
      { clock, strategy },
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(RetryQuotaExhaustedError);
    expect((error as Error).message).toMatch(/client-side circuit breaker, not a server error/);
  });

  it('aws-sdk-js-v3#5702: SQS RequestThrottled is retried up to maxAttempts', async () => {
    const clock = createVirtualClock();
    let calls = 0;
    await settle(
      clock,
      retry(
        () => {
          calls++;
          throw Object.assign(new Error('x'), { code: 'RequestThrottled' });
        },
        { clock, strategy: createStandardRetryStrategy({ clock, maxAttempts: 10, random: seededRandom(4) }) },
      ),
    ).catch(() => undefined);
    expect(calls).toBe(10);
  });

  it('never sleeps past totalTimeMs, whatever the seed and budget (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.integer({ min: 0, max: 30_000 }), async (seed, totalTimeMs) => {
        const clock = createVirtualClock();
        const start = clock.now();
        const strategy = createStandardRetryStrategy({ clock, maxAttempts: 8, random: seededRandom(seed) });
        const error = await settle(
          clock,
          retry(
            () => {
              throw Object.assign(new Error('x'), { code: 'Throttling' });
            },
            { clock, strategy, totalTimeMs },
          ),
        ).catch((e: unknown) => e);
        return clock.now() - start <= totalTimeMs && (error instanceof RetryDeadlineExceededError || (error as Error).name === 'RetryAttemptsExhaustedError');
      }),
      { numRuns: 100 },
    );
  });
});
