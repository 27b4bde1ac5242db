import { describe, expect, it } from 'vitest';
import { defaultWorkers } from './createShardedRunner.js';

describe('defaultWorkers', () => {
  // Regression: on two cores the default was one worker beside a mock process
  // that used a quarter of the other core; the worker saturated where two did
  // not (goodput 434 vs 627 rps, 332 vs 76 starved clients, decision 0131).
  it('uses every core for clients on one or two cores, and leaves one to the mock above that', () => {
    expect([1, 2, 3, 4, 8, 64].map((cores) => defaultWorkers(cores))).toEqual([1, 2, 2, 3, 7, 63]);
  });

  it('runs at least one worker whatever the machine reports', () => {
    expect(defaultWorkers(0)).toBe(1);
    expect(defaultWorkers()).toBeGreaterThanOrEqual(1);
  });
});
