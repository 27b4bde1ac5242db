import { describe, expect, it } from 'vitest';
import type { RetryStrategy, RetryToken } from '@rolecall/core';
import type { StrategySource } from '../strategies/StrategySource.js';
import { runBrooker } from './brooker.js';

/**
 * Brooker's backoffs written out here, independent of the core, as the
 * baseline the harness is checked with: b = 5 ms, cap 2000 ms, unlimited tries.
 */
function local(name: string, sleepFor: (retry: number, random: () => number, previous: number) => number): StrategySource {
  return {
    name,
    create: ({ random }) => {
      let previous = 5;
      const strategy: RetryStrategy = {
        name,
        acquireInitialRetryToken: async () => ({ retryCount: 0, delayMs: 0 }),
        refreshRetryTokenForRetry: async (token: RetryToken) => {
          previous = sleepFor(token.retryCount + 1, random, previous);
          return { retryCount: token.retryCount + 1, delayMs: previous };
        },
        recordSuccess: () => {},
      };
      return strategy;
    },
  };
}
const expo = (n: number): number => Math.min(2000, 5 * 2 ** n);
const none = local('none', () => 0);
const noJitter = local('no-jitter', (n) => expo(n));
const full = local('full-jitter', (n, r) => r() * expo(n));
const equal = local('equal-jitter', (n, r) => expo(n) / 2 + (r() * expo(n)) / 2);
const decorrelated = local('decorrelated-jitter', (_n, r, prev) => Math.min(2000, 5 + r() * (prev * 3 - 5)));

describe('runBrooker', () => {
  it('is deterministic per seed', async () => {
    const a = await runBrooker({ clients: 20, strategy: full, seed: 3, runs: 2 });
    const b = await runBrooker({ clients: 20, strategy: full, seed: 3, runs: 2 });
    const c = await runBrooker({ clients: 20, strategy: full, seed: 4, runs: 2 });
    expect(a).toEqual(b);
    expect(c.calls).not.toBe(a.calls);
  });

  it('reproduces the published ordering at 50, 100 and 190 clients', async () => {
    for (const clients of [50, 100, 190]) {
      const points = new Map<string, { calls: number; timeMs: number }>();
      for (const s of [none, noJitter, full, equal, decorrelated]) points.set(s.name, await runBrooker({ clients, strategy: s, seed: 42, runs: 4 }));
      const p = (name: string) => points.get(name) as { calls: number; timeMs: number };
      // Unjittered exponential: far slower than every jittered strategy, and more calls.
      for (const j of ['full-jitter', 'equal-jitter', 'decorrelated-jitter']) {
        expect(p('no-jitter').timeMs).toBeGreaterThan(3 * p(j).timeMs);
        expect(p('no-jitter').calls).toBeGreaterThan(p(j).calls);
      }
      // Full jitter does the least work among the backoffs (equal jitter is close: within 10 %).
      expect(p('full-jitter').calls).toBeLessThan(p('decorrelated-jitter').calls);
      expect(p('full-jitter').calls).toBeLessThan(1.1 * p('equal-jitter').calls);
      // No backoff: the most calls of all.
      expect(p('none').calls).toBeGreaterThan(p('no-jitter').calls);
      // Decorrelated finishes sooner than full jitter up to 100 clients (the rerun's finding).
      if (clients <= 100) expect(p('decorrelated-jitter').timeMs).toBeLessThan(p('full-jitter').timeMs);
    }
  }, 60_000);
});
