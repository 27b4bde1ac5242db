import type { RetryEvent, VirtualClock } from '../src/index.js';

/**
 * Runs `work`, moving the virtual clock only over the client's backoff sleeps:
 * after each retry event it waits for the sleep's timer, then advances by
 * exactly that delay (never a real wait; the attempt timeout never fires here).
 */
export async function drive<T>(clock: VirtualClock, events: readonly RetryEvent[], work: Promise<T>): Promise<T> {
  let settled = false;
  const done = work.finally(() => (settled = true));
  done.catch(() => undefined);
  let seen = 0;
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve));
    const next = events[seen];
    if (next !== undefined && clock.pending() > 0) {
      seen++;
      await clock.advance(next.delayMs);
    }
  }
  return done;
}

