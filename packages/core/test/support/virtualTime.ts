/** Test helpers for driving code on a virtual clock. Not part of the package. */
import type { Clock, VirtualClock } from '../../src/index.js';

/** Runs `promise` to completion, moving the virtual clock through every sleep it starts. */
export async function settle<T>(clock: VirtualClock, promise: Promise<T>): Promise<T> {
  const outcome = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await clock.runAll();
  const result = await outcome;
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * A clock over `virtual` whose every finished sleep also moves the mock's clock
 * to the same instant, so the mock's journal times show the client's spacing.
 */
export function clockFollowedByMock(virtual: VirtualClock, mock: { clock: { set(epochMs: number): void } }): Clock {
  return {
    now: () => virtual.now(),
    setTimeout: (fn, ms) =>
      virtual.setTimeout(() => {
        mock.clock.set(virtual.now());
        fn();
      }, ms),
  };
}
