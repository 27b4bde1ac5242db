import type { Clock } from '@rolecall/core';
import { EventQueue } from './EventQueue.js';

/**
 * A discrete-event clock for the simulation. It implements the core's
 * {@link Clock}, so strategies sleep on it exactly as they would on the
 * system clock, but time jumps from event to event.
 *
 * Why not the core's createVirtualClock: it scans every timer on each step
 * (fine for unit tests, quadratic for 100 000 clients) and drains a fixed
 * number of microtask turns. Here the queue is a heap, and after each instant
 * the loop yields one macrotask turn, which runs every promise job that the
 * instant's callbacks started, however deep (strategies are async), before
 * time moves on.
 * @public
 */
export interface SimClock extends Clock {
  /** Runs events in time order until none is due before `untilMs` (epoch ms) or the queue is empty. */
  run(untilMs?: number): Promise<void>;
  /** Events waiting. */
  pending(): number;
}

/** Epoch ms at which simulated runs start: 2026-01-01T00:00:00Z (the core's virtual clock default). @public */
export const SIM_EPOCH_MS = Date.UTC(2026, 0, 1);

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** @public */
export function createSimClock(startMs: number = SIM_EPOCH_MS): SimClock {
  const queue = new EventQueue();
  let nowMs = startMs;
  return {
    now: () => nowMs,
    setTimeout(fn, ms) {
      let cancelled = false;
      queue.push(nowMs + Math.max(0, ms), () => {
        if (!cancelled) fn();
      });
      return () => {
        cancelled = true;
      };
    },
    pending: () => queue.size,
    async run(untilMs = Infinity) {
      await macrotask();
      while (queue.size > 0 && queue.peekTime() <= untilMs) {
        const instant = queue.peekTime();
        nowMs = Math.max(nowMs, instant);
        while (queue.peekTime() === instant) queue.pop()?.();
        await macrotask();
      }
      if (untilMs !== Infinity) nowMs = Math.max(nowMs, untilMs);
    },
  };
}
