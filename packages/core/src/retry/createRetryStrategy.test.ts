import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimitedError, RetryAttemptsExhaustedError, RetryNotRetryableError, RetryQuotaExhaustedError } from '../errors.js';
import { seededRandom } from '../random/random.js';
import { createVirtualClock } from '../time/clock.js';
import { createAdaptiveRetryStrategy } from './createAdaptiveRetryStrategy.js';
import { createFairShareQuota } from './createFairShareQuota.js';
import { createRetryQuota } from './createRetryQuota.js';
import { createRetryStrategy, STRATEGY_NAMES } from './createRetryStrategy.js';
import { createRolecallRetryStrategy } from './createRolecallRetryStrategy.js';
import { createStandardRetryStrategy } from './createStandardRetryStrategy.js';
import type { ObservableRetryStrategy } from './createTokenStrategy.js';
import type { RetryErrorInfo, RetryToken } from './types.js';

const throttle: RetryErrorInfo = { errorClass: 'throttling', code: 'Throttling' };
const transient: RetryErrorInfo = { errorClass: 'transient', code: '503' };

/** Fails `n` times with `error`, returning each retry token's delay, then the last token. */
async function delaysFor(strategy: ObservableRetryStrategy, error: RetryErrorInfo, n: number): Promise<{ delays: number[]; token: RetryToken }> {
  let token: RetryToken = await strategy.acquireInitialRetryToken();
  const delays: number[] = [];
  for (let i = 0; i < n; i++) {
    token = await strategy.refreshRetryTokenForRetry(token, error);
    delays.push(token.delayMs);
  }
  return { delays, token };
}

describe('createStandardRetryStrategy (aws-standard)', () => {
  it('2026: full jitter from 1 s for throttling, 50 ms for transient, capped at 20 s', async () => {
    const seed = 11;
    const strategy = createStandardRetryStrategy({ maxAttempts: 7, random: seededRandom(seed) });
    const r = seededRandom(seed);
    const throttled = await delaysFor(strategy, throttle, 6);
    expect(throttled.delays).toEqual([0, 1, 2, 3, 4, 5].map((i) => Math.floor(r() * Math.min(1000 * 2 ** i, 20_000))));
    const transientRun = await delaysFor(strategy, transient, 6);
    expect(transientRun.delays).toEqual([0, 1, 2, 3, 4, 5].map((i) => Math.floor(r() * Math.min(50 * 2 ** i, 20_000))));
  });

  it('legacy: bases 100 ms / 500 ms, costs 10 transient / 5 throttling', async () => {
    const seed = 5;
    const quota = createRetryQuota();
    const strategy = createStandardRetryStrategy({ constants: 'legacy', maxAttempts: 4, quota, random: seededRandom(seed) });
    const r = seededRandom(seed);
    expect((await delaysFor(strategy, throttle, 3)).delays).toEqual([0, 1, 2].map((i) => Math.floor(r() * 500 * 2 ** i)));
    expect(quota.available).toBe(500 - 3 * 5);
    expect((await delaysFor(strategy, transient, 3)).delays).toEqual([0, 1, 2].map((i) => Math.floor(r() * 100 * 2 ** i)));
    expect(quota.available).toBe(500 - 15 - 30);
  });

  it('charges 14 / 5, refunds a successful retry, adds 1 for a first-attempt success, never above 500', async () => {
    const quota = createRetryQuota();
    const strategy = createStandardRetryStrategy({ quota, random: seededRandom(1) });
    const first = await strategy.acquireInitialRetryToken();
    strategy.recordSuccess(first);
    expect(quota.available).toBe(500);
    const { token } = await delaysFor(strategy, transient, 2);
    expect(quota.available).toBe(500 - 28);
    strategy.recordSuccess(token);
    expect(quota.available).toBe(500 - 14);
    strategy.recordSuccess(await strategy.acquireInitialRetryToken());
    expect(quota.available).toBe(500 - 13);
    await delaysFor(strategy, throttle, 1);
    expect(quota.available).toBe(500 - 18);
  });

  it('refuses with typed errors: not retryable, attempts exhausted, quota exhausted (no sleep)', async () => {
    const strategy = createStandardRetryStrategy({ quota: createRetryQuota({ capacity: 12 }), random: seededRandom(3) });
    const token = await strategy.acquireInitialRetryToken();
    await expect(strategy.refreshRetryTokenForRetry(token, { errorClass: 'non-retryable', code: 'AccessDenied' })).rejects.toBeInstanceOf(
      RetryNotRetryableError,
    );
    const { token: second } = await delaysFor(strategy, throttle, 2);
    await expect(strategy.refreshRetryTokenForRetry(second, throttle)).rejects.toMatchObject({
      constructor: RetryAttemptsExhaustedError,
      attempts: 3,
      maxAttempts: 3,
      lastErrorCode: 'Throttling',
    });
    expect(strategy.quota?.available).toBe(2);
    const refused = strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), throttle);
    await expect(refused).rejects.toBeInstanceOf(RetryQuotaExhaustedError);
    await expect(refused).rejects.toMatchObject({ retryCost: 5, quotaAvailable: 2, attempts: 1, code: 'ERR_ROLECALL_RETRY_QUOTA_EXHAUSTED' });
  });

  it('clamps x-amz-retry-after to [t_i, t_i + 5 s] (2026) and takes max(hint, t_i) (legacy)', async () => {
    const seed = 8;
    const tI = Math.floor(seededRandom(seed)() * 1000);
    const first = async (constants: '2026' | 'legacy', retryAfterMs: number) =>
      (await delaysFor(createStandardRetryStrategy({ constants, random: seededRandom(seed) }), { ...throttle, retryAfterMs }, 1)).delays[0];
    expect(await first('2026', 60_000)).toBe(tI + 5_000);
    expect(await first('2026', 0)).toBe(tI);
    expect(await first('2026', tI + 1234)).toBe(tI + 1234);
    const legacyTI = Math.floor(seededRandom(seed)() * 500);
    expect(await first('legacy', 60_000)).toBe(60_000);
    expect(await first('legacy', 0)).toBe(legacyTI);
  });

  it('releaseRetryToken refunds an unused retry once', async () => {
    const strategy = createStandardRetryStrategy({ random: seededRandom(2) });
    const { token } = await delaysFor(strategy, transient, 1);
    strategy.releaseRetryToken(token);
    strategy.releaseRetryToken(token);
    expect(strategy.quota?.available).toBe(500);
  });
});

describe('createRolecallRetryStrategy (rolecall)', () => {
  it('spreads a hint over [h, 1.5 h), capped at retryAfterCapMs', async () => {
    const seed = 21;
    const r = seededRandom(seed);
    const tI = Math.floor(r() * 1000);
    const u = r();
    const strategy = createRolecallRetryStrategy({ random: seededRandom(seed) });
    const { delays } = await delaysFor(strategy, { ...throttle, retryAfterMs: 4_000 }, 1);
    expect(delays).toEqual([Math.floor(Math.max(tI, 4_000 + u * 2_000))]);
    const capped = createRolecallRetryStrategy({ random: () => 0.5, retryAfterCapMs: 3_000 });
    expect((await delaysFor(capped, { ...throttle, retryAfterMs: 60_000 }, 1)).delays).toEqual([3_750]);
  });

  it('identical hints do not synchronise clients', async () => {
    const delays = await Promise.all(
      [1, 2, 3, 4, 5].map(async (seed) => (await delaysFor(createRolecallRetryStrategy({ random: seededRandom(seed) }), { ...throttle, retryAfterMs: 2_000 }, 1)).delays[0]),
    );
    expect(new Set(delays).size).toBe(5);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(2_000);
  });

  it('without a hint it is full jitter with the 2026 bases and its own retry budget, no AWS quota', async () => {
    const seed = 4;
    const r = seededRandom(seed);
    const strategy = createRolecallRetryStrategy({ random: seededRandom(seed), clock: createVirtualClock() });
    expect((await delaysFor(strategy, transient, 2)).delays).toEqual([Math.floor(r() * 50), Math.floor(r() * 100)]);
    expect(strategy.quota).toBeUndefined();
    // A fresh budget holds 0.25 retries/s × 9 whole slices of the 10 s window; the request earned 0.1; two retries spent.
    expect(strategy.budget?.available).toBeCloseTo(2.25 + 0.1 - 2, 9);
    expect([strategy.budget?.requests, strategy.budget?.retries]).toEqual([1, 2]);
    expect(strategy.maxAttempts).toBe(3);
  });

  it('refuses a retry the budget cannot pay for, saying it was the budget, and refunds a released retry', async () => {
    const strategy = createRolecallRetryStrategy({ random: seededRandom(3), clock: createVirtualClock() });
    await delaysFor(strategy, throttle, 2);
    const refused = await delaysFor(strategy, throttle, 1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RetryQuotaExhaustedError);
    expect(refused).toMatchObject({ code: 'ERR_ROLECALL_RETRY_QUOTA_EXHAUSTED', limit: 'budget', retryCost: 1, attempts: 1 });
    expect((refused as Error).message).toMatch(/retry budget has 0.45 retr\(ies\) left/);
    const none = createRolecallRetryStrategy({ random: seededRandom(3), budget: 'none', maxAttempts: 10 });
    expect((await delaysFor(none, throttle, 9)).delays).toHaveLength(9);
    expect(none.budget).toBeUndefined();
  });

  it('gives a released retry back to the budget', async () => {
    const strategy = createRolecallRetryStrategy({ random: seededRandom(3), clock: createVirtualClock() });
    const { token } = await delaysFor(strategy, throttle, 1);
    const before = strategy.budget?.available ?? Number.NaN;
    strategy.releaseRetryToken(token);
    strategy.releaseRetryToken(token);
    expect(strategy.budget?.available).toBeCloseTo(before + 1, 9);
    expect(strategy.budget?.retries).toBe(0);
  });
});

describe('createAdaptiveRetryStrategy (aws-adaptive)', () => {
  it('waits FIFO for send tokens after a throttle (wait mode)', async () => {
    const clock = createVirtualClock();
    const strategy = createAdaptiveRetryStrategy({ clock, random: seededRandom(1) });
    expect((await strategy.acquireInitialRetryToken()).delayMs).toBe(0);
    const token = await strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), throttle);
    // M = 0 → F = 0.5/s: the retry's token is due 2 s from now, later than its backoff.
    expect(strategy.rateLimiter?.enabled).toBe(true);
    expect(token.delayMs).toBe(2000);
    const queued = await Promise.all([strategy.acquireInitialRetryToken(), strategy.acquireInitialRetryToken()]);
    expect(queued.map((t) => t.delayMs)).toEqual([4000, 6000]);
  });

  it('fails fast with RateLimitedError and gives back the retry cost', async () => {
    const clock = createVirtualClock();
    const quota = createRetryQuota();
    const strategy = createAdaptiveRetryStrategy({ clock, quota, mode: 'fail-fast', random: seededRandom(1) });
    const refused = strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), throttle);
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ retryAfterMs: 2000, code: 'ERR_ROLECALL_RETRY_RATE_LIMITED' });
    expect(quota.available).toBe(500);
    await expect(strategy.acquireInitialRetryToken()).rejects.toBeInstanceOf(RateLimitedError);
    await clock.advance(2000);
    expect((await strategy.acquireInitialRetryToken()).delayMs).toBe(0);
  });
});

describe('createRetryStrategy', () => {
  it('builds every registered name, each a fresh instance', () => {
    for (const name of STRATEGY_NAMES) {
      const a = createRetryStrategy(name);
      expect(a.name).toBe(name);
      expect(createRetryStrategy(name)).not.toBe(a);
    }
    expect(createRetryStrategy('full-jitter').quota).toBeUndefined();
    expect(createRetryStrategy('aws-standard').quota?.capacity).toBe(500);
    expect(() => createRetryStrategy('smithy-standard' as never)).toThrow(/Unknown retry strategy "smithy-standard"/);
  });

  it('plain names replay their backoff from a seed, with no quota', async () => {
    const seed = 17;
    const r = seededRandom(seed);
    const strategy = createRetryStrategy('equal-jitter', { random: seededRandom(seed), baseMs: 100, capMs: 1000, maxAttempts: 6 });
    const expected = [0, 1, 2, 3, 4].map((i) => {
      const v = Math.min(1000, 100 * 2 ** i);
      return Math.floor(v / 2 + r() * (v / 2));
    });
    expect((await delaysFor(strategy, throttle, 5)).delays).toEqual(expected);
    const none = createRetryStrategy('none', { maxAttempts: 4 });
    expect((await delaysFor(none, transient, 3)).delays).toEqual([0, 0, 0]);
    const noJitter = createRetryStrategy('no-jitter', { baseMs: 100, capMs: 1000, maxAttempts: 6 });
    expect((await delaysFor(noJitter, transient, 5)).delays).toEqual([100, 200, 400, 800, 1000]);
  });

  it('decorrelated jitter keeps its state per retry sequence', async () => {
    const seed = 3;
    const strategy = createRetryStrategy('decorrelated-jitter', { random: seededRandom(seed), baseMs: 100, capMs: 10_000, maxAttempts: 4 });
    const r = seededRandom(seed);
    let sleep = 100;
    const expected = [0, 1, 2].map(() => {
      sleep = Math.min(10_000, 100 + r() * (3 * sleep - 100));
      return Math.floor(sleep);
    });
    expect((await delaysFor(strategy, throttle, 3)).delays).toEqual(expected);
    // A new sequence starts again from the base: its first delay is below 3 · base.
    expect((await delaysFor(strategy, throttle, 1)).delays[0]).toBeLessThan(300);
  });

  it('shares a fair-share pool between clients through per-client views', async () => {
    const pool = createFairShareQuota({ capacity: 20, clients: 2 });
    const a = createRetryStrategy('rolecall', { quota: pool.forClient('a'), random: seededRandom(1) });
    const b = createRetryStrategy('rolecall', { quota: pool.forClient('b'), random: seededRandom(2) });
    await delaysFor(a, throttle, 2);
    await expect(delaysFor(a, throttle, 1)).rejects.toBeInstanceOf(RetryQuotaExhaustedError);
    await expect(delaysFor(b, throttle, 2)).resolves.toBeDefined();
    expect(pool.available).toBe(0);
  });

  it('every strategy delay stays within [0, cap + hint rule] (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...STRATEGY_NAMES),
        fc.integer(),
        fc.array(fc.constantFrom(throttle, transient), { minLength: 1, maxLength: 8 }),
        async (name, seed, errors) => {
          const strategy = createRetryStrategy(name, {
            random: seededRandom(seed),
            maxAttempts: 10,
            quota: createRetryQuota({ capacity: 1e6 }),
            budget: 'none',
            clock: createVirtualClock(),
          });
          let token = await strategy.acquireInitialRetryToken();
          for (const error of errors) {
            token = await strategy.refreshRetryTokenForRetry(token, error);
            // Adaptive waits for the limiter on top of the backoff; at 0.5 tokens/s that is ≤ 2 s per queued token.
            const bound = 20_000 + (name === 'aws-adaptive' ? 2_000 * errors.length : 0);
            if (!(token.delayMs >= 0 && token.delayMs <= bound)) return false;
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('strategy option validation', () => {
  it('names the option, what it must be and what it got', () => {
    expect(() => createStandardRetryStrategy({ constants: '2025' as never })).toThrow(
      'Expected `aws-standard.constants` to be one of "2026", "legacy", got "2025".',
    );
    expect(() => createRetryStrategy('rolecall', { maxAttempts: 0 })).toThrow('Expected `rolecall.maxAttempts` to be an integer ≥ 1, got 0.');
    expect(() => createAdaptiveRetryStrategy({ mode: 'block' as never })).toThrow(/`aws-adaptive.mode` to be one of "wait", "fail-fast"/);
    expect(() => createRetryQuota({ capacity: -5 })).toThrow(/`createRetryQuota.capacity`/);
  });
});


describe('the try forms (tryAcquireInitialRetryToken / tryRefreshRetryTokenForRetry)', () => {
  const errors: readonly RetryErrorInfo[] = [throttle, transient, { errorClass: 'non-retryable', code: 'AccessDenied' }, { ...throttle, retryAfterMs: 1500 }];

  it('make the same decisions as the promise forms, returning the refusal the promise rejects with', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...STRATEGY_NAMES),
        fc.integer(),
        fc.array(fc.tuple(fc.nat(errors.length - 1), fc.boolean(), fc.nat(3_000)), { maxLength: 40 }),
        async (name, seed, steps) => {
          // Two instances on the same clock and seed: one asked with promises, one without.
          const clock = createVirtualClock();
          const viaPromise = createRetryStrategy(name, { clock, random: seededRandom(seed), mode: 'fail-fast' });
          const direct = createRetryStrategy(name, { clock, random: seededRandom(seed), mode: 'fail-fast' });
          const settle = async <T>(p: Promise<T>): Promise<T | Error> => p.catch((error: Error) => error);
          let a: RetryToken | Error = await settle(viaPromise.acquireInitialRetryToken());
          let b: RetryToken | Error = direct.tryAcquireInitialRetryToken();
          for (const [e, succeed, advanceMs] of steps) {
            expect(b).toStrictEqual(a);
            if (a instanceof Error && b instanceof Error) expect([b.name, b.message]).toEqual([a.name, a.message]);
            await clock.advance(advanceMs);
            if (a instanceof Error || b instanceof Error || succeed) {
              if (!(a instanceof Error) && !(b instanceof Error)) {
                viaPromise.recordSuccess(a);
                direct.recordSuccess(b);
              }
              a = await settle(viaPromise.acquireInitialRetryToken());
              b = direct.tryAcquireInitialRetryToken();
              continue;
            }
            const error = errors[e] as RetryErrorInfo;
            a = await settle(viaPromise.refreshRetryTokenForRetry(a, error));
            b = direct.tryRefreshRetryTokenForRetry(b, error);
          }
          expect(b).toStrictEqual(a);
        },
      ),
      { numRuns: 60 },
    );
  });
});
