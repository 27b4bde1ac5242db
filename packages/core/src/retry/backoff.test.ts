import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/random.js';
import {
  constantBackoff,
  decorrelatedJitterBackoff,
  equalJitterBackoff,
  exponentialBackoff,
  fullJitterBackoff,
  noBackoff,
  type Backoff,
} from './backoff.js';
import { InvalidOptionError } from '../errors.js';

const b = 50;
const c = 2_000;

/** Runs a backoff for `n` retries the way a strategy does, threading the previous delay. */
function sequence(backoff: Backoff, seed: number, n: number): number[] {
  const random = seededRandom(seed);
  const out: number[] = [];
  let previous: number | undefined;
  for (let i = 0; i < n; i++) {
    previous = backoff(i, random, previous);
    out.push(previous);
  }
  return out;
}

describe('backoffs replay from a seed', () => {
  it('noBackoff and constantBackoff ignore the index', () => {
    expect(sequence(noBackoff(), 1, 4)).toEqual([0, 0, 0, 0]);
    expect(sequence(constantBackoff({ delayMs: 250 }), 1, 3)).toEqual([250, 250, 250]);
  });

  it('exponentialBackoff is min(c, b·2^i), without randomness', () => {
    expect(sequence(exponentialBackoff({ baseMs: b, capMs: c }), 1, 8)).toEqual([50, 100, 200, 400, 800, 1600, 2000, 2000]);
  });

  it('fullJitterBackoff is U·min(c, b·2^i)', () => {
    const r = seededRandom(42);
    const expected = Array.from({ length: 8 }, (_, i) => r() * Math.min(c, b * 2 ** i));
    expect(sequence(fullJitterBackoff({ baseMs: b, capMs: c }), 42, 8)).toEqual(expected);
  });

  it('equalJitterBackoff is v/2 + U·v/2', () => {
    const r = seededRandom(7);
    const expected = Array.from({ length: 8 }, (_, i) => {
      const v = Math.min(c, b * 2 ** i);
      return v / 2 + r() * (v / 2);
    });
    expect(sequence(equalJitterBackoff({ baseMs: b, capMs: c }), 7, 8)).toEqual(expected);
  });

  it('decorrelatedJitterBackoff is min(c, U[b, 3·s_prev)) with s_prev starting at b', () => {
    const r = seededRandom(9);
    const expected: number[] = [];
    let sleep = b;
    for (let i = 0; i < 8; i++) {
      sleep = Math.min(c, b + r() * (sleep * 3 - b));
      expected.push(sleep);
    }
    expect(sequence(decorrelatedJitterBackoff({ baseMs: b, capMs: c }), 9, 8)).toEqual(expected);
  });

  it('different seeds give different jittered sequences', () => {
    const full = fullJitterBackoff({ baseMs: b, capMs: c });
    expect(sequence(full, 1, 5)).not.toEqual(sequence(full, 2, 5));
  });
});

describe('backoff bounds (property)', () => {
  const factories = { fullJitterBackoff, equalJitterBackoff, decorrelatedJitterBackoff, exponentialBackoff };
  for (const [name, make] of Object.entries(factories)) {
    it(`${name} stays within [0, cap] for any base, cap, index and random`, () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0, max: 1e6, noNaN: true }),
          fc.double({ min: 0, max: 1e7, noNaN: true }),
          fc.integer({ min: 0, max: 2_000 }),
          fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          fc.option(fc.double({ min: 0, max: 1e7, noNaN: true }), { nil: undefined }),
          (base, extra, index, u, previous) => {
            const cap = base + extra;
            const delay = make({ baseMs: base, capMs: cap })(index, () => u, previous);
            return delay >= 0 && delay <= cap;
          },
        ),
      );
    });
  }
});

describe('regressions', () => {
  it('equal jitter stays under the cap for a subnormal base (v / 2 rounded up past the cap)', () => {
    // fast-check counterexample: base 5e-324, cap 3.5e-323, retry 3, random 0.875.
    const delay = equalJitterBackoff({ baseMs: 5e-324, capMs: 5e-324 + 3e-323 })(3, () => 0.875);
    expect(delay).toBeLessThanOrEqual(5e-324 + 3e-323);
    expect(delay).toBeGreaterThan(0);
  });
});

describe('backoff option validation', () => {
  it('names the option and what it got', () => {
    expect(() => fullJitterBackoff({ baseMs: -1, capMs: 10 })).toThrow(
      new InvalidOptionError('fullJitterBackoff.baseMs', 'Expected `fullJitterBackoff.baseMs` to be a finite number ≥ 0, got -1.'),
    );
    expect(() => exponentialBackoff({ baseMs: 100, capMs: 10 })).toThrow(/`exponentialBackoff.capMs` \(10\) to be ≥ `exponentialBackoff.baseMs` \(100\)/);
    expect(() => constantBackoff({ delayMs: Number.NaN })).toThrow(/got NaN/);
  });
});
