import type { Clock } from '@rolecall/core';
import type { AsyncTracker } from '../runner/startOperation.js';
import { EventQueue } from './EventQueue.js';

/**
 * A discrete-event clock for the simulation. It implements the core's
 * {@link Clock}, so strategies sleep on it exactly as they would on the
 * system clock, but time jumps from event to event.
 *
 * Why not the core's createVirtualClock: it scans every timer on each step
 * (fine for unit tests, quadratic for 100 000 clients) and drains a fixed
 * number of microtask turns. Here the queue is a heap, and after each instant
 * the loop waits until every promise job that the instant's callbacks started
 * has run, however deep (strategies are async), before time moves on.
 * @public
 */
export interface SimClock extends Clock, AsyncTracker {
  /** Runs events in time order until none is due before `untilMs` (epoch ms) or the queue is empty. */
  run(untilMs?: number): Promise<void>;
  /** Events waiting. */
  pending(): number;
  /**
   * `setTimeout` without a way to cancel: no canceller made for the millions
   * of timers nobody cancels. `arg` and `arg2` are passed to `fn`, so a
   * caller need not make a closure per event to carry them.
   */
  schedule<A, B = undefined>(fn: (arg: A, arg2: B) => void, ms: number, arg?: A, arg2?: B): void;
}

/** @public */
export interface SimClockOptions {
  /** Epoch ms at which time starts (default {@link SIM_EPOCH_MS}). */
  readonly startMs?: number;
  /**
   * Every promise chain that a timer callback starts is reported through
   * `enter()` / `leave()`. Then, after an instant, the clock moves on as soon
   * as none is open (a few microtask turns), instead of yielding a macrotask
   * turn, which costs more than the event itself (docs/decisions/0130).
   * Default false: a macrotask turn per instant, for code that does not report.
   */
  readonly tracked?: boolean;
}

/** Epoch ms at which simulated runs start: 2026-01-01T00:00:00Z (the core's virtual clock default). @public */
export const SIM_EPOCH_MS = Date.UTC(2026, 0, 1);

/** Microtask turns to wait for open chains before falling back to a macrotask turn. */
const SETTLE_TURNS = 16;

/** Cancelled timer numbers kept before the ones that already ran are dropped. */
const PRUNE_CANCELLED = 1024;

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** @public */
export function createSimClock(start: number | SimClockOptions = SIM_EPOCH_MS): SimClock {
  const options = typeof start === 'number' ? { startMs: start } : start;
  const tracked = options.tracked ?? false;
  const queue = new EventQueue<(arg: unknown, arg2: unknown) => void>();
  // Timers cancelled before they ran, by sequence number: the queue holds the
  // callbacks themselves, no entry object per timer (most are never cancelled).
  const cancelled = new Set<number>();
  // Time and the open count are fields of one object, not captured `let`s: a
  // fractional number written to a closure's variable is a new heap number on
  // every write (millions of instants), where an object's number field is
  // updated in place.
  const state = { nowMs: options.startMs ?? SIM_EPOCH_MS, open: 0 };
  /** Lets the promise jobs the last instant started run to the end. */
  const settle = async (): Promise<void> => {
    if (!tracked) return macrotask();
    // A chain still open after a few turns waits on something else (a timer
    // of its own): one macrotask turn runs every job there is.
    for (let turn = 0; state.open > 0 && turn < SETTLE_TURNS; turn++) await undefined;
    if (state.open > 0) await macrotask();
  };
  const fire = (): void => {
    const seq = queue.peekSeq();
    const fn = queue.pop() as (arg: unknown, arg2: unknown) => void;
    if (cancelled.size === 0 || !cancelled.delete(seq)) fn(queue.poppedArg, queue.poppedArg2);
  };
  return {
    now: () => state.nowMs,
    schedule(fn, ms, arg, arg2) {
      queue.push(state.nowMs + Math.max(0, ms), fn as (arg: unknown, arg2: unknown) => void, arg, arg2);
    },
    setTimeout(fn, ms) {
      const seq = queue.push(state.nowMs + Math.max(0, ms), fn);
      return () => {
        cancelled.add(seq);
        // A timer cancelled after it ran leaves its number behind: drop those now and then.
        if (cancelled.size > PRUNE_CANCELLED && cancelled.size > queue.size) {
          const waiting = new Set(queue.pendingSeqs());
          for (const s of cancelled) if (!waiting.has(s)) cancelled.delete(s);
        }
      };
    },
    enter() {
      state.open++;
    },
    leave() {
      state.open--;
    },
    pending: () => queue.size,
    async run(untilMs = Infinity) {
      await macrotask();
      while (queue.size > 0 && queue.peekTime() <= untilMs) {
        const instant = queue.peekTime();
        state.nowMs = Math.max(state.nowMs, instant);
        while (queue.peekTime() === instant) fire();
        // Nothing open (the strategies decided without a promise): time moves on at once.
        if (state.open > 0 || !tracked) await settle();
      }
      if (untilMs !== Infinity) state.nowMs = Math.max(state.nowMs, untilMs);
    },
  };
}
