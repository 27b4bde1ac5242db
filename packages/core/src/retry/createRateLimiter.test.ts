import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../time/clock.js';
import { createRateLimiter } from './createRateLimiter.js';

const BETA = 0.7;
const C = 0.4;

/** Sends `perSecond` responses a second for `seconds`, all successes. */
async function drive(limiter: ReturnType<typeof createRateLimiter>, clock: ReturnType<typeof createVirtualClock>, perSecond: number, seconds: number) {
  for (let i = 0; i < perSecond * seconds; i++) {
    await clock.advance(1000 / perSecond);
    limiter.update(false);
  }
}

describe('createRateLimiter', () => {
  it('is off (no waits) until the first throttle', () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ clock });
    expect(limiter.enabled).toBe(false);
    expect(limiter.reserve()).toBe(0);
    expect(limiter.reserve(clock.now() + 300)).toBe(300);
  });

  it('measures the send rate in 0.5 s buckets with 0.8 smoothing', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ clock });
    await drive(limiter, clock, 10, 3);
    // Steady 10/s: each closed bucket reports 10/s, smoothing converges on it.
    expect(limiter.measuredTxRate).toBeGreaterThan(9.9);
    expect(limiter.measuredTxRate).toBeLessThanOrEqual(10.0001);
  });

  it('follows the published CUBIC curve after a throttle', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ clock });
    await drive(limiter, clock, 10, 3);
    const m = limiter.measuredTxRate;
    limiter.update(true);
    const wMax = m; // limiter was off: W_max = M
    const k = Math.cbrt((wMax * (1 - BETA)) / C);
    expect(limiter.enabled).toBe(true);
    expect(limiter.lastMaxRate).toBe(wMax);
    expect(limiter.fillRate).toBeCloseTo(Math.max(Math.min(BETA * wMax, 2 * limiter.measuredTxRate), 0.5), 6);
    const tThrottle = clock.now() / 1000;
    for (const dt of [0.25, 0.5, 1, 1.5, 2, 3]) {
      await clock.advance(dt * 1000 - (clock.now() / 1000 - tThrottle) * 1000);
      limiter.update(false);
      const t = clock.now() / 1000;
      const r = C * (t - tThrottle - k) ** 3 + wMax;
      const expected = Math.max(Math.min(r, 2 * limiter.measuredTxRate), 0.5);
      expect(limiter.fillRate).toBeCloseTo(expected, 6);
      expect(limiter.capacity).toBeCloseTo(Math.max(Math.min(r, 2 * limiter.measuredTxRate), 1), 6);
    }
  });

  it('after a throttle while enabled, W_max = min(M, F)', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ clock });
    await drive(limiter, clock, 10, 2);
    limiter.update(true);
    const f = limiter.fillRate;
    await clock.advance(100);
    limiter.update(true);
    expect(limiter.lastMaxRate).toBeCloseTo(Math.min(limiter.measuredTxRate, f), 8);
  });

  it('serves reservations FIFO, each one 1/F after the previous once the bucket is empty', async () => {
    const clock = createVirtualClock();
    const limiter = createRateLimiter({ clock, minFillRate: 0.5 });
    limiter.update(true); // M = 0 → F = 0.5 tokens/s, capacity 1, bucket empty
    expect(limiter.fillRate).toBe(0.5);
    const waits = [limiter.reserve(), limiter.reserve(), limiter.reserve()];
    expect(waits).toEqual([2000, 4000, 6000]);
    // A reservation for a later time still queues behind the earlier ones.
    expect(limiter.waitTimeMs(clock.now() + 500)).toBe(8000);
    expect(limiter.reserve(clock.now() + 500)).toBe(8000);
  });
});
