/** A source of uniform numbers in [0, 1). @public */
export type Random = () => number;

/**
 * Seeded mulberry32. The core has the same generator; the mock keeps its own
 * copy so that it does not depend on the package it is used to test
 * (docs/decisions/0002-mock-does-not-depend-on-core.md).
 * @public
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
