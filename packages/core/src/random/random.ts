/** A source of uniform numbers in [0, 1), like `Math.random`. @public */
export type Random = () => number;

/** The real source. @public */
export const systemRandom: Random = Math.random;

/**
 * A seeded source (mulberry32): the same seed gives the same sequence on every
 * platform, which is what lets a retry schedule be replayed from a seed.
 * @public
 */
export function seededRandom(seed: number): Random {
  // The state is kept as a signed 32-bit integer: a small integer in V8, where
  // an unsigned one above 2^31 is a heap number, allocated on every call
  // (millions of calls in a simulation). Same bits, so the same sequence.
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a >>> 0;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
