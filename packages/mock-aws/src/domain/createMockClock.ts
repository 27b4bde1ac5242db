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

/**
 * The range the mock's clock may show: 1970-01-01 to 9999-12-31T23:59:59.999Z.
 * Well inside what a `Date` holds (±8.64e15 ms), and four-digit years keep the
 * ISO, `X-Amz-Date` and HTTP-date forms every answer carries valid.
 * @public
 */
export const MIN_CLOCK_MS = 0;
/** @public */
export const MAX_CLOCK_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

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
  const inRange = (what: string, ms: number): void => {
    if (!(ms >= MIN_CLOCK_MS && ms <= MAX_CLOCK_MS)) {
      throw new RangeError(`clock ${what} would leave the range 1970-01-01 to 9999-12-31 (got ${ms} ms since the epoch)`);
    }
  };
  // Assigned below, once the mode is known; advance checks where it would land.
  let now: () => number = () => 0;
  const checkAdvance = (ms: number): void => {
    check('advance', ms);
    if (ms < 0) throw new RangeError(`clock advance needs a non-negative number of milliseconds, got ${ms}`);
    inRange('advance', now() + ms);
  };
  const checkSet = (epochMs: number): void => {
    check('set', epochMs);
    inRange('set', epochMs);
  };
  inRange('start', startMs);
  if (mode === 'virtual') {
    now = () => virtualMs;
    return {
      mode,
      now,
      advance(ms) {
        checkAdvance(ms);
        virtualMs += ms;
      },
      set(epochMs) {
        checkSet(epochMs);
        virtualMs = epochMs;
      },
      reset() {
        virtualMs = startMs;
      },
    };
  }
  now = () => realNow() + offsetMs;
  return {
    mode,
    now,
    advance(ms) {
      checkAdvance(ms);
      offsetMs += ms;
    },
    set(epochMs) {
      checkSet(epochMs);
      offsetMs = epochMs - realNow();
    },
    reset() {
      offsetMs = 0;
    },
  };
}
