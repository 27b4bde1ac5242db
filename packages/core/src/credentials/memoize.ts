import type { Random } from '../random/random.js';
import { systemRandom } from '../random/random.js';
import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';
import { sameSession } from '../identity/Credentials.js';
import type { Credentials, CredentialsCallOptions, Provider } from '../identity/Credentials.js';

/** Something to tell about a background refresh that failed (never a secret). @public */
export interface CredentialsLogger {
  warn(message: string): void;
}

/** @public */
export interface MemoizeOptions {
  /** Whether cached credentials can no longer be served; default: past `expiration` minus `expiredSkewMs`. */
  readonly isExpired?: (credentials: Credentials, nowMs: number) => boolean;
  /** Start refreshing in the background this long before expiry (default 5 min)... */
  readonly refreshBeforeMs?: number;
  /** ...plus a random extra of up to this much (default 5 min), so a fleet does not refresh in step. */
  readonly refreshJitterMs?: number;
  /** Credentials within this much of expiry count as expired: callers wait for fresh ones (default 10 s). */
  readonly expiredSkewMs?: number;
  /** At least this long between two background refreshes (default 30 s), so short-lived credentials do not refresh on every call. */
  readonly minRefreshIntervalMs?: number;
  readonly clock?: Clock;
  readonly random?: Random;
  /** Told when a background refresh fails (the cached credentials keep being served). */
  readonly logger?: CredentialsLogger;
}

/**
 * A memoized provider: `forceRefresh` skips the cache (still single-flight).
 * A call may pass the caller's learnt clock skew (expiry is judged on the
 * server's clock) and credentials the server refused as expired (dropped,
 * refetched once for every caller that saw them refused).
 * @public
 */
export interface MemoizedProvider<T extends Credentials = Credentials> {
  (options?: CredentialsCallOptions): Promise<T>;
  forceRefresh(): Promise<T>;
}

const MINUTE_MS = 60_000;

/**
 * Caches credentials and shares one lookup among concurrent callers
 * (a thousand callers, one fetch). Missing or expired credentials make callers
 * wait; credentials merely near expiry keep being served while one background
 * refresh runs, started at a jittered moment in
 * `[expiration - refreshBeforeMs - refreshJitterMs, expiration - refreshBeforeMs]`.
 * A failed background refresh is logged and the cached credentials stay.
 * Times are the server's when the caller passes its `clockSkewMs`; a caller
 * told `ExpiredToken` passes the refused credentials as `expired`, and only
 * the first such call refetches (docs/decisions/0084).
 *
 * @example
 * ```ts
 * const credentials = memoize(chain(fromEnv(), fromInstanceMetadata()));
 * await Promise.all(Array.from({ length: 1000 }, () => credentials())); // one fetch
 * ```
 * @public
 */
export function memoize<T extends Credentials>(provider: Provider<T>, options: MemoizeOptions = {}): MemoizedProvider<T> {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const refreshBeforeMs = options.refreshBeforeMs ?? 5 * MINUTE_MS;
  const refreshJitterMs = options.refreshJitterMs ?? 5 * MINUTE_MS;
  const skewMs = options.expiredSkewMs ?? 10_000;
  const minIntervalMs = options.minRefreshIntervalMs ?? 30_000;
  const isExpired =
    options.isExpired ?? ((c: Credentials, nowMs: number) => c.expiration !== undefined && nowMs >= c.expiration.getTime() - skewMs);

  let cached: T | undefined;
  let refreshAt = Number.POSITIVE_INFINITY;
  let inFlight: Promise<T> | undefined;

  /** Fetches (single-flight); `clockSkewMs` puts the refresh moment on the caller's server clock. */
  const load = (clockSkewMs: number): Promise<T> => {
    if (inFlight !== undefined) return inFlight;
    const started = clock.now() + clockSkewMs;
    inFlight = provider().then(
      (credentials) => {
        cached = credentials;
        const expiration = credentials.expiration?.getTime();
        refreshAt =
          expiration === undefined
            ? Number.POSITIVE_INFINITY
            : Math.max(expiration - refreshBeforeMs - random() * refreshJitterMs, started + minIntervalMs);
        inFlight = undefined;
        return credentials;
      },
      (error: unknown) => {
        inFlight = undefined;
        throw error;
      },
    );
    return inFlight;
  };

  const memoized = async (call: CredentialsCallOptions = {}): Promise<T> => {
    const callerSkewMs = call.clockSkewMs ?? 0;
    const nowMs = clock.now() + callerSkewMs;
    if (call.expired !== undefined) {
      // Refused by the server: drop them, unless another caller already has.
      if (cached !== undefined && sameSession(cached, call.expired)) cached = undefined;
    } else if (call.forceRefresh === true) {
      return load(callerSkewMs);
    }
    if (cached === undefined || isExpired(cached, nowMs)) return load(callerSkewMs);
    if (nowMs >= refreshAt && inFlight === undefined) {
      const stale = cached;
      load(callerSkewMs).catch((error: unknown) => {
        // Keep serving what we have; try again after the minimum interval.
        refreshAt = clock.now() + callerSkewMs + minIntervalMs;
        options.logger?.warn(
          `background credential refresh failed; still serving ${stale.source ?? 'cached'} credentials until ${stale.expiration?.toISOString() ?? 'they expire'}: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    }
    return cached;
  };
  return Object.assign(memoized, { forceRefresh: () => load(0) });
}
