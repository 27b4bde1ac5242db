import { describe, expect, it } from 'vitest';
import { seededRandom } from '@rolecall/core';
import { deriveSeed, nextArrivalMs } from './arrivals.js';

function arrivals(baseRps: number, phases: Array<{ atS: number; loadFactor: number }>, endMs: number, seed = 1): number[] {
  const random = seededRandom(seed);
  const out: number[] = [];
  for (let t = nextArrivalMs(0, endMs, baseRps, phases, random); t !== Infinity; t = nextArrivalMs(t, endMs, baseRps, phases, random)) out.push(t);
  return out;
}

describe('nextArrivalMs', () => {
  it('gives a Poisson stream at the phase rate', () => {
    const a = arrivals(100, [{ atS: 0, loadFactor: 1 }], 100_000);
    expect(a.length).toBeGreaterThan(9_700);
    expect(a.length).toBeLessThan(10_300);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
  });

  it('changes rate at phase boundaries and stops at the end', () => {
    const a = arrivals(100, [{ atS: 0, loadFactor: 1 }, { atS: 10, loadFactor: 3 }, { atS: 20, loadFactor: 0 }], 30_000);
    const inRange = (from: number, to: number) => a.filter((t) => t >= from && t < to).length;
    expect(inRange(0, 10_000)).toBeGreaterThan(900);
    expect(inRange(0, 10_000)).toBeLessThan(1_100);
    expect(inRange(10_000, 20_000)).toBeGreaterThan(2_800);
    expect(inRange(10_000, 20_000)).toBeLessThan(3_200);
    expect(inRange(20_000, 30_000)).toBe(0);
  });

  it('derives distinct seeds per client and stream', () => {
    const seeds = new Set<number>();
    for (let c = 0; c < 1000; c++) for (let s = 1; s <= 3; s++) seeds.add(deriveSeed(7, c, s));
    expect(seeds.size).toBe(3000);
  });
});
