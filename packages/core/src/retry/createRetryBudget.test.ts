import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVirtualClock, type Clock } from '../time/clock.js';
import { createRetryBudget, DEFAULT_RETRY_BUDGET } from './createRetryBudget.js';

/** A clock whose time the test sets directly (the budget only reads now(); it never sets a timer). */
function manualClock(start = 0): { clock: Clock; set: (ms: number) => void } {
  let now = start;
  const noTimers = (): never => {
    throw new Error('the budget must not set timers');
  };
  return { clock: { now: () => now, setTimeout: noTimers }, set: (ms) => void (now = ms) };
}

describe('createRetryBudget', () => {
  it('starts with min · (ttl − one slice) and earns ratio per request: an exact sequence', () => {
    const { clock, set } = manualClock();
    const budget = createRetryBudget({ ratio: 0.2, minRetriesPerSecond: 1, ttlMs: 10_000, clock });
    expect(budget.available).toBeCloseTo(9, 9); // 9 whole 1 s slices of earned time
    for (let i = 0; i < 5; i++) budget.deposit();
    expect(budget.available).toBeCloseTo(10, 9);
    const granted = Array.from({ length: 11 }, () => budget.tryWithdraw());
    expect(granted).toEqual([...Array<boolean>(10).fill(true), false]);
    expect(budget.available).toBeCloseTo(0, 9);
    set(2_500); // 2.5 s more of earned time; the oldest slices' credit was already spent
    expect(budget.available).toBeCloseTo(2.5, 9);
    expect([budget.requests, budget.retries]).toEqual([5, 10]);
  });

  it('ten requests at ratio 0.1 pay for exactly one retry (no floating-point shortfall)', () => {
    const budget = createRetryBudget({ ratio: 0.1, minRetriesPerSecond: 0, clock: createVirtualClock() });
    expect(budget.tryWithdraw()).toBe(false);
    for (let i = 0; i < 9; i++) budget.deposit();
    expect(budget.tryWithdraw()).toBe(false);
    budget.deposit();
    expect(budget.tryWithdraw()).toBe(true);
    expect(budget.tryWithdraw()).toBe(false);
  });

  it('forgets requests older than the ttl', () => {
    const { clock, set } = manualClock(0);
    const budget = createRetryBudget({ ratio: 0.5, minRetriesPerSecond: 0, ttlMs: 10_000, clock });
    for (let i = 0; i < 4; i++) budget.deposit();
    set(9_999);
    expect(budget.available).toBeCloseTo(2, 9);
    set(10_000);
    expect(budget.available).toBe(0);
    expect(budget.tryWithdraw()).toBe(false);
  });

  it('spends the oldest credit first, so newer credit outlives an expiry', () => {
    const { clock, set } = manualClock(0);
    const budget = createRetryBudget({ ratio: 1, minRetriesPerSecond: 0, ttlMs: 10_000, clock });
    budget.deposit(); // slice 0
    set(5_000);
    budget.deposit(); // slice 5
    expect(budget.tryWithdraw()).toBe(true); // takes slice 0's credit
    set(10_000); // slice 0 expires: nothing lost
    expect(budget.available).toBeCloseTo(1, 9);
  });

  it('a refund gives one retry back', () => {
    const budget = createRetryBudget({ ratio: 0, minRetriesPerSecond: 0.1, ttlMs: 10_000, clock: createVirtualClock() });
    expect(budget.tryWithdraw()).toBe(false); // 0.9 at start
    budget.refund();
    expect(budget.tryWithdraw()).toBe(true);
    expect(budget.available).toBeCloseTo(0.9, 9);
  });

  it('has Finagle-shaped defaults, lowered for one budget per client', () => {
    expect(DEFAULT_RETRY_BUDGET).toEqual({ ratio: 0.1, minRetriesPerSecond: 0.25, ttlMs: 10_000 });
    const budget = createRetryBudget({ clock: createVirtualClock() });
    // A fresh client can make one operation's two retries.
    expect(budget.available).toBeGreaterThanOrEqual(2);
    expect(() => createRetryBudget({ ratio: -0.1 })).toThrow(/`createRetryBudget.ratio`/);
    expect(() => createRetryBudget({ ttlMs: 5 })).toThrow(/`createRetryBudget.ttlMs` to be a finite number ≥ 10/);
  });

  type Op = { readonly kind: 'deposit' | 'withdraw'; readonly gapMs: number };

  it('is never negative, and retries over any interval [s, e] ≤ ratio · requests in [s − ttl, e] + min · (e − s + ttl) (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 10, max: 20_000 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.record({ kind: fc.constantFrom<Op['kind']>('deposit', 'withdraw', 'withdraw'), gapMs: fc.integer({ min: 0, max: 1_000 }) }), { maxLength: 200 }),
        (ratio, minRetriesPerSecond, ttlMs, startMs, ops) => {
          const { clock, set } = manualClock(startMs);
          const budget = createRetryBudget({ ratio, minRetriesPerSecond, ttlMs, clock });
          let now = startMs;
          const requests: number[] = [];
          const retries: number[] = [];
          for (const op of ops) {
            now += op.gapMs;
            set(now);
            if (op.kind === 'deposit') {
              budget.deposit();
              requests.push(now);
            } else if (budget.tryWithdraw()) {
              retries.push(now);
            }
            if (budget.available < 0) return false;
          }
          // times are sorted: count those in [from, to] by binary search.
          const firstAtLeast = (times: number[], t: number, strict: boolean): number => {
            let lo = 0;
            let hi = times.length;
            while (lo < hi) {
              const mid = (lo + hi) >> 1;
              if ((times[mid] ?? 0) < t || (strict && times[mid] === t)) lo = mid + 1;
              else hi = mid;
            }
            return lo;
          };
          const count = (times: number[], from: number, to: number): number => firstAtLeast(times, to, true) - firstAtLeast(times, from, false);
          for (const s of retries) {
            for (const e of retries) {
              if (e < s) continue;
              const bound = ratio * count(requests, s - ttlMs, e) + minRetriesPerSecond * ((e - s + ttlMs) / 1000);
              if (count(retries, s, e) > bound + 1e-6) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});
