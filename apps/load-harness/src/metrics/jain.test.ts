import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jainIndex, minMaxRatio } from './jain.js';

describe('jainIndex', () => {
  it('is 1 for equal shares', () => {
    expect(jainIndex([0.4, 0.4, 0.4, 0.4])).toBeCloseTo(1, 12);
  });

  it('is (n − k)/n when k of n clients get nothing and the rest split evenly', () => {
    expect(jainIndex([1, 1, 1, 0])).toBeCloseTo(3 / 4, 12);
    expect(jainIndex([0.5, 0, 0, 0, 0])).toBeCloseTo(1 / 5, 12);
    expect(jainIndex([2, 2, 0, 0, 0, 0, 0, 0, 0, 0])).toBeCloseTo(2 / 10, 12);
  });

  it('matches a hand computation for uneven shares', () => {
    // (1 + 2 + 3)² / (3 · (1 + 4 + 9)) = 36 / 42
    expect(jainIndex([1, 2, 3])).toBeCloseTo(36 / 42, 12);
  });

  it('equals 1 / (1 + CV²)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 }), (xs) => {
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
        expect(jainIndex(xs)).toBeCloseTo(1 / (1 + variance / mean ** 2), 9);
      }),
    );
  });

  it('stays within [1/n, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (xs) => {
        const j = jainIndex(xs);
        expect(j).toBeGreaterThanOrEqual(1 / xs.length - 1e-12);
        expect(j).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
});

describe('minMaxRatio', () => {
  it('divides the smallest share by the largest', () => {
    expect(minMaxRatio([0.2, 0.5, 0.8])).toBeCloseTo(0.25, 12);
    expect(minMaxRatio([1, 0])).toBe(0);
    expect(minMaxRatio([0, 0])).toBe(1);
  });
});
