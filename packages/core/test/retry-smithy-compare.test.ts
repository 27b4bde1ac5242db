/**
 * Side by side with the anchor: `@smithy/util-retry` (re-exporting
 * `@smithy/core/retry` 3.41.1, where `Retry.v2026` is constant true: bases
 * 50 ms / 1000 ms, costs 14 / 5, cap 20 s, x-amz-retry-after clamped to
 * [t_i, t_i + 5 s]; its exported constants still read 100/500/5/10).
 *
 * Smithy calls Math.random, Date.now and setTimeout directly. We do not
 * replace Math.random, so delays are compared by range, not value; vitest's
 * fake timers stand in for its sleeps and its clock.
 */
import { DefaultRateLimiter, StandardRetryStrategy as SmithyStandard } from '@smithy/util-retry';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createRateLimiter,
  createStandardRetryStrategy,
  createVirtualClock,
  seededRandom,
  type RetryErrorInfo,
  type RetryToken,
} from '../src/index.js';

type SmithyErrorInfo = { errorType: 'THROTTLING' | 'TRANSIENT'; retryAfterHint?: Date };
type SmithyToken = { getRetryCount(): number; $retryLog: { acquisitionDelay: number } };

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
});
afterEach(() => {
  vi.useRealTimers();
});

interface Run {
  readonly attempts: number;
  readonly delays: number[];
  readonly quota: number;
}

/** Drives smithy's strategy through `failures` failures (then a success if allowed). */
async function runSmithy(strategy: SmithyStandard, failures: number, info: () => SmithyErrorInfo): Promise<Run> {
  let token = (await strategy.acquireInitialRetryToken('sts')) as unknown as SmithyToken;
  const delays: number[] = [];
  let attempts = 1;
  for (let i = 0; i < failures; i++) {
    const next = strategy.refreshRetryTokenForRetry(token as never, info() as never).then(
      (t) => t as unknown as SmithyToken,
      () => undefined,
    );
    await vi.runAllTimersAsync();
    const refreshed = await next;
    if (refreshed === undefined) return { attempts, delays, quota: strategy.getCapacity() };
    token = refreshed;
    delays.push(token.$retryLog.acquisitionDelay);
    attempts++;
  }
  strategy.recordSuccess(token as never);
  return { attempts, delays, quota: strategy.getCapacity() };
}

async function runOurs(seed: number, failures: number, info: () => RetryErrorInfo): Promise<Run> {
  const strategy = createStandardRetryStrategy({ random: seededRandom(seed), clock: createVirtualClock() });
  let token: RetryToken = await strategy.acquireInitialRetryToken('sts');
  const delays: number[] = [];
  let attempts = 1;
  for (let i = 0; i < failures; i++) {
    const refreshed = await strategy.refreshRetryTokenForRetry(token, info()).catch(() => undefined);
    if (refreshed === undefined) return { attempts, delays, quota: strategy.quota?.available ?? Number.NaN };
    token = refreshed;
    delays.push(token.delayMs);
    attempts++;
  }
  strategy.recordSuccess(token);
  return { attempts, delays, quota: strategy.quota?.available ?? Number.NaN };
}

function expectWithin(delays: readonly number[], ranges: readonly (readonly [number, number])[]): void {
  expect(delays).toHaveLength(ranges.length);
  delays.forEach((d, i) => {
    expect(d).toBeGreaterThanOrEqual(ranges[i]![0]);
    expect(d).toBeLessThan(ranges[i]![1]);
  });
}

describe('aws-standard (2026) beside @smithy/util-retry StandardRetryStrategy', () => {
  const cases = [
    { label: '1 throttle then success', failures: 1, smithy: 'THROTTLING', ours: 'throttling', attempts: 2, quota: 500, ranges: [[0, 1000]] },
    { label: '2 throttles then success', failures: 2, smithy: 'THROTTLING', ours: 'throttling', attempts: 3, quota: 495, ranges: [[0, 1000], [0, 2000]] },
    { label: 'throttled throughout', failures: 3, smithy: 'THROTTLING', ours: 'throttling', attempts: 3, quota: 490, ranges: [[0, 1000], [0, 2000]] },
    { label: 'transient throughout', failures: 3, smithy: 'TRANSIENT', ours: 'transient', attempts: 3, quota: 472, ranges: [[0, 50], [0, 100]] },
  ] as const;

  for (const c of cases) {
    it(`${c.label}: same attempts and quota, delays in the same ranges`, async () => {
      for (let seed = 0; seed < 20; seed++) {
        const theirs = await runSmithy(new SmithyStandard(3), c.failures, () => ({ errorType: c.smithy }));
        const ours = await runOurs(seed, c.failures, () => ({ errorClass: c.ours, code: 'X' }));
        expect({ attempts: ours.attempts, quota: ours.quota }).toEqual({ attempts: c.attempts, quota: c.quota });
        expect({ attempts: theirs.attempts, quota: theirs.quota }).toEqual({ attempts: ours.attempts, quota: ours.quota });
        expectWithin(theirs.delays, c.ranges);
        expectWithin(ours.delays, c.ranges);
      }
    });
  }

  it('x-amz-retry-after of 60 s: both clamp to t_i + 5 s', async () => {
    for (let seed = 0; seed < 20; seed++) {
      const theirs = await runSmithy(new SmithyStandard(3), 2, () => ({ errorType: 'THROTTLING', retryAfterHint: new Date(Date.now() + 60_000) }));
      const ours = await runOurs(seed, 2, () => ({ errorClass: 'throttling', retryAfterMs: 60_000 }));
      for (const run of [theirs, ours]) expectWithin(run.delays, [[5_000, 6_000], [5_000, 7_000]]);
    }
  });

  it('a quota drained by 100 % throttling refuses after ⌊500/5⌋ retries in both', async () => {
    const smithy = new SmithyStandard(3);
    const ours = createStandardRetryStrategy({ random: seededRandom(1), clock: createVirtualClock() });
    const count = async (refresh: () => Promise<unknown>) => {
      let n = 0;
      for (;;) {
        const p = refresh().then(() => true, () => false);
        await vi.runAllTimersAsync();
        if (!(await p)) return n;
        n++;
      }
    };
    const theirs = await count(async () => smithy.refreshRetryTokenForRetry((await smithy.acquireInitialRetryToken('s')) as never, { errorType: 'THROTTLING' } as never));
    const mine = await count(async () => ours.refreshRetryTokenForRetry(await ours.acquireInitialRetryToken(), { errorClass: 'throttling' }));
    expect(theirs).toBe(100);
    expect(mine).toBe(theirs);
  });
});

describe('CUBIC limiter beside @smithy/util-retry DefaultRateLimiter', () => {
  it('same measured rate and fill rate through a throttle-and-recover timeline', async () => {
    const clock = createVirtualClock(Date.now());
    const theirs = new DefaultRateLimiter() as unknown as {
      updateClientSendingRate(r: unknown): void;
      measuredTxRate: number;
      fillRate: number;
      enabled: boolean;
    };
    const ours = createRateLimiter({ clock });
    // 40 responses 100 ms apart; throttles at 1.5 s and 2.7 s.
    for (let i = 1; i <= 40; i++) {
      vi.advanceTimersByTime(100);
      await clock.advance(100);
      const throttled = i === 15 || i === 27;
      theirs.updateClientSendingRate(throttled ? { errorType: 'THROTTLING' } : {});
      ours.update(throttled);
      expect(ours.measuredTxRate).toBeCloseTo(theirs.measuredTxRate, 8);
      expect(ours.fillRate).toBeCloseTo(theirs.fillRate, 8);
      expect(ours.enabled).toBe(theirs.enabled);
    }
    expect(ours.enabled).toBe(true);
  });
});
