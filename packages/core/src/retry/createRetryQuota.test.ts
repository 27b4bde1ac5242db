import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../time/clock.js';
import { createFairShareQuota } from './createFairShareQuota.js';
import { createRetryQuota } from './createRetryQuota.js';

describe('createRetryQuota', () => {
  it('funds ⌊500/c⌋ retries from a full bucket with no successes', () => {
    for (const cost of [14, 10, 5]) {
      const quota = createRetryQuota();
      let funded = 0;
      while (quota.tryWithdraw(cost)) funded++;
      expect(funded).toBe(Math.floor(500 / cost));
      expect(quota.available).toBe(500 - funded * cost);
    }
  });

  it('refunds and increments but never exceeds capacity', () => {
    const quota = createRetryQuota({ capacity: 20 });
    expect(quota.tryWithdraw(14)).toBe(true);
    expect(quota.available).toBe(6);
    expect(quota.tryWithdraw(14)).toBe(false);
    expect(quota.available).toBe(6);
    quota.deposit(14);
    quota.deposit(1);
    expect(quota.available).toBe(20);
  });

  it('refills with clock time when asked to', async () => {
    const clock = createVirtualClock();
    const quota = createRetryQuota({ capacity: 10, refillPerSecond: 2, clock });
    quota.tryWithdraw(10);
    await clock.advance(1500);
    expect(quota.available).toBe(3);
    await clock.advance(60_000);
    expect(quota.available).toBe(10);
  });

  it('drains at the break-even failure rate of docs/reference/retry.md §1.1 (expected change per operation)', () => {
    // E[Δ] = (1 − p) − c·p²(1 − p) − 2c·p³ ; zero at p* ≈ 21.5 % for c = 14 and ≈ 32.1 % for c = 5.
    const drift = (p: number, c: number): number => (1 - p) - c * p * p * (1 - p) - 2 * c * p ** 3;
    expect(drift(0.21, 14)).toBeGreaterThan(0);
    expect(drift(0.22, 14)).toBeLessThan(0);
    expect(drift(0.32, 5)).toBeGreaterThan(0);
    expect(drift(0.33, 5)).toBeLessThan(0);
    // The same drift, by walking the quota through each outcome of a 3-attempt operation.
    const walk = (failuresBeforeSuccess: 0 | 1 | 2 | 3, c: number): number => {
      const quota = createRetryQuota({ capacity: 10_000 });
      quota.tryWithdraw(5_000);
      const start = quota.available;
      let lastCost = 0;
      for (let retry = 0; retry < Math.min(failuresBeforeSuccess, 2); retry++) {
        quota.tryWithdraw(c);
        lastCost = c;
      }
      if (failuresBeforeSuccess < 3) quota.deposit(failuresBeforeSuccess === 0 ? 1 : lastCost);
      return quota.available - start;
    };
    const p = 0.3;
    const c = 14;
    const expected = (1 - p) * walk(0, c) + p * (1 - p) * walk(1, c) + p * p * (1 - p) * walk(2, c) + p ** 3 * walk(3, c);
    expect(expected).toBeCloseTo(drift(p, c), 10);
  });
});

describe('createFairShareQuota', () => {
  it('caps each client at capacity / clients so one failing client cannot starve the rest', () => {
    const pool = createFairShareQuota({ capacity: 100, clients: 4 });
    const noisy = pool.forClient('noisy');
    let funded = 0;
    while (noisy.tryWithdraw(5)) funded++;
    expect(funded).toBe(5); // 25 tokens = its share
    expect(pool.available).toBe(75);
    expect(noisy.available).toBe(0);
    const quiet = pool.forClient('quiet');
    expect(quiet.available).toBe(25);
    expect(quiet.tryWithdraw(14)).toBe(true);
    expect(pool.heldBy('quiet')).toBe(14);
  });

  it('lets a client draw again once it has paid back, and counts clients as they appear', () => {
    const pool = createFairShareQuota({ capacity: 100 });
    const a = pool.forClient('a');
    expect(a.capacity).toBe(100);
    pool.forClient('b');
    expect(pool.clientCount).toBe(2);
    expect(a.tryWithdraw(50)).toBe(true);
    expect(a.tryWithdraw(1)).toBe(false);
    a.deposit(10);
    expect(pool.heldBy('a')).toBe(40);
    expect(a.tryWithdraw(10)).toBe(true);
    expect(() => createFairShareQuota({ clients: 1 }).forClient('x') && createFairShareQuota({ clients: 1 })).not.toThrow();
    const one = createFairShareQuota({ clients: 1 });
    one.forClient('x');
    expect(() => one.forClient('y')).toThrow(/created for 1 client/);
  });
});

describe('quota invariants (property)', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('withdraw' as const), amount: fc.integer({ min: 0, max: 40 }), client: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ kind: fc.constant('deposit' as const), amount: fc.integer({ min: 0, max: 40 }), client: fc.integer({ min: 0, max: 3 }) }),
  );

  it('a quota never goes below 0 or above capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.array(op, { maxLength: 200 }), (capacity, ops) => {
        const quota = createRetryQuota({ capacity });
        return ops.every((o) => {
          if (o.kind === 'withdraw') quota.tryWithdraw(o.amount);
          else quota.deposit(o.amount);
          return quota.available >= 0 && quota.available <= capacity;
        });
      }),
    );
  });

  it('a fair-share pool stays in [0, capacity] and no client holds more than its share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.array(op, { maxLength: 200 }), (capacity, ops) => {
        const pool = createFairShareQuota({ capacity, clients: 4 });
        return ops.every((o) => {
          const view = pool.forClient(`c${o.client}`);
          if (o.kind === 'withdraw') view.tryWithdraw(o.amount);
          else view.deposit(o.amount);
          const shares = [0, 1, 2, 3].every((i) => pool.heldBy(`c${i}`) <= capacity / 4 + 1e-9);
          return pool.available >= 0 && pool.available <= capacity && shares;
        });
      }),
    );
  });
});
