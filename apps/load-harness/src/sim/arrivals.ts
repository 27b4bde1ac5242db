import type { Random } from '@rolecall/core';
import type { LoadPhase } from '../types.js';

/**
 * The next Poisson arrival after `fromMs` for a client whose rate changes by
 * phase: rate(t) = phase.loadFactor × `baseRps`. Draws one Exp(1) and spends it
 * across phases (the process is memoryless, so a phase change simply resumes
 * it at the new rate). Returns Infinity when no arrival comes before `endMs`.
 * @internal
 */
export function nextArrivalMs(fromMs: number, endMs: number, baseRps: number, phases: readonly LoadPhase[], random: Random): number {
  let budget = -Math.log(1 - random());
  let t = fromMs;
  while (t < endMs) {
    let index = 0;
    for (let i = 0; i < phases.length; i++) if ((phases[i] as LoadPhase).atS * 1000 <= t) index = i;
    const phase = phases[index] as LoadPhase;
    const phaseEnd = Math.min(endMs, (phases[index + 1]?.atS ?? Infinity) * 1000);
    const ratePerMs = (phase.loadFactor * baseRps) / 1000;
    if (ratePerMs > 0) {
      const need = budget / ratePerMs;
      if (t + need < phaseEnd) return t + need;
      budget -= (phaseEnd - t) * ratePerMs;
    }
    t = phaseEnd;
  }
  return Infinity;
}

/** Derives an independent 32-bit seed for (run seed, client, stream). @internal */
export function deriveSeed(seed: number, client: number, stream: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (client + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13) ^ (stream * 0xc2b2ae35), 0x27d4eb2f) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
