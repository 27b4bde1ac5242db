/**
 * One home for time. Everything in the core that reads the time or waits goes
 * through a {@link Clock}, so retry and refresh behaviour can be replayed
 * exactly on a virtual clock in tests and in the load harness's simulation.
 */

/** Cancels a timer; calling it twice is harmless. @public */
export type CancelTimer = () => void;

/**
 * Time, and the one kind of timer the core uses: a wait that someone awaits
 * (a backoff sleep, a limiter wait, a per-request timeout, a deadline).
 * Such a timer must keep the process alive like a plain `setTimeout`, or a
 * script awaiting a retried call exits in the middle of its backoff.
 * Background work (the credential cache's jittered refresh) schedules no
 * timer: it starts on the call that finds the refresh window open, so it
 * never needs one that lets the process exit (docs/decisions/0080).
 * @public
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `fn` after `ms` milliseconds, for a wait someone awaits; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): CancelTimer;
}

/**
 * The real clock: `Date.now` and a plain (ref'd) `setTimeout`. Every wait
 * on it is awaited by a caller and cancelled when that caller is done, so a
 * pending timer means work in progress: it keeps the process alive.
 * @public
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(handle);
  },
};

/**
 * A monotonic millisecond reading for durations in traces. `process.hrtime`
 * rather than `performance.now`: the first use of the `performance` global
 * loads perf_hooks (~0.8 ms in a fresh process), which time to first
 * credentials should not pay. @internal
 */
export function monotonicMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1000 + nanoseconds / 1e6;
}

/**
 * Waits `ms` on `clock`. Rejects with the signal's reason as soon as `signal`
 * aborts, cancelling the timer, so an aborted retry never sleeps on.
 * @public
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0 && !signal) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A clock that moves only when told to. @public */
export interface VirtualClock extends Clock {
  /** Moves time forward by `ms`, firing due timers in order; resolves once their callbacks (and the promise jobs they start) have run. */
  advance(ms: number): Promise<void>;
  /** Moves time forward timer by timer until none is pending (or `limit` timers have fired). */
  runAll(limit?: number): Promise<void>;
  /** How many timers are pending. */
  pending(): number;
}

interface VirtualTimer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

/** Lets promise jobs queued by a timer callback run before the next timer fires. */
async function drainMicrotasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/**
 * A virtual clock starting at `startMs` (default 2026-01-01T00:00:00Z).
 * Timers with the same due time fire in the order they were set.
 * @public
 */
export function createVirtualClock(startMs: number = Date.UTC(2026, 0, 1)): VirtualClock {
  let nowMs = startMs;
  let seq = 0;
  let timers: VirtualTimer[] = [];

  const next = (): VirtualTimer | undefined =>
    timers.reduce<VirtualTimer | undefined>(
      (best, t) => (best === undefined || t.at < best.at || (t.at === best.at && t.seq < best.seq) ? t : best),
      undefined,
    );

  const fire = async (timer: VirtualTimer): Promise<void> => {
    timers = timers.filter((t) => t !== timer);
    nowMs = Math.max(nowMs, timer.at);
    timer.fn();
    await drainMicrotasks();
  };

  return {
    now: () => nowMs,
    setTimeout(fn, ms) {
      const timer: VirtualTimer = { at: nowMs + Math.max(0, ms), seq: seq++, fn };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    async advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`advance(ms) needs a non-negative number of milliseconds, got ${ms}`);
      const target = nowMs + ms;
      await drainMicrotasks();
      for (let t = next(); t !== undefined && t.at <= target; t = next()) await fire(t);
      nowMs = target;
    },
    async runAll(limit = 100_000) {
      await drainMicrotasks();
      for (let i = 0, t = next(); t !== undefined && i < limit; i++, t = next()) await fire(t);
    },
    pending: () => timers.length,
  };
}
