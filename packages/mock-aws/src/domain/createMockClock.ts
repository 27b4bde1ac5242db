import type { MockClock } from './MockAws.js';

/**
 * How the mock's clock moves (docs/decisions/0012):
 * - `virtual`: starts at `config.startTime` and moves only when told to
 *   (`advance`, `set`, `POST /_mock/clock`). Tests use it.
 * - `real`: follows the real time source, shifted by every `advance` and
 *   `set`. The loopback server, `rolecall mock` and the load harness use it,
 *   because official tools sign requests and wait with the real time.
 * @public
 */
export type ClockMode = 'virtual' | 'real';

/** A {@link MockClock} that can also go back to where it started. @internal */
export interface ResettableMockClock extends MockClock {
  readonly mode: ClockMode;
  /** Back to the start (virtual) or to the real time (real). */
  reset(): void;
}

/** @internal */
export function createMockClock(mode: ClockMode, startMs: number, realNow: () => number): ResettableMockClock {
  let virtualMs = startMs;
  let offsetMs = 0;
  const check = (what: string, ms: number): void => {
    if (!Number.isFinite(ms)) throw new RangeError(`clock ${what} needs a finite number of milliseconds, got ${ms}`);
  };
  const checkAdvance = (ms: number): void => {
    check('advance', ms);
    if (ms < 0) throw new RangeError(`clock advance needs a non-negative number of milliseconds, got ${ms}`);
  };
  if (mode === 'virtual') {
    return {
      mode,
      now: () => virtualMs,
      advance(ms) {
        checkAdvance(ms);
        virtualMs += ms;
      },
      set(epochMs) {
        check('set', epochMs);
        virtualMs = epochMs;
      },
      reset() {
        virtualMs = startMs;
      },
    };
  }
  return {
    mode,
    now: () => realNow() + offsetMs,
    advance(ms) {
      checkAdvance(ms);
      offsetMs += ms;
    },
    set(epochMs) {
      check('set', epochMs);
      offsetMs = epochMs - realNow();
    },
    reset() {
      offsetMs = 0;
    },
  };
}
