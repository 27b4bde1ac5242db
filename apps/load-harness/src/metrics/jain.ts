/**
 * Jain's fairness index (Jain, Chiu and Hawe, DEC TR-301, 1984):
 * J = (Σx)² / (n·Σx²), from 1/n (one taker) to 1 (an even split). Computed
 * over per-client success ratios, so clients with different demand are
 * compared by the share of their own demand that was served.
 */

/**
 * Jain's index of `xs`. An empty list or all zeros gives 1: nobody got more
 * than anybody else (callers decide separately whether "nobody got anything"
 * is a failure; see starvation).
 * @public
 */
export function jainIndex(xs: readonly number[]): number {
  let sum = 0;
  let sumSq = 0;
  for (const x of xs) {
    sum += x;
    sumSq += x * x;
  }
  if (xs.length === 0 || sumSq === 0) return 1;
  return (sum * sum) / (xs.length * sumSq);
}

/** Smallest over largest value: 1 for an empty list or when every value is 0 (nobody was favoured). @public */
export function minMaxRatio(xs: readonly number[]): number {
  if (xs.length === 0) return 1;
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return max === 0 ? 1 : min / max;
}
