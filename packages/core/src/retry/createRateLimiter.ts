import { systemClock, type Clock } from '../time/clock.js';
import { checkNumber } from './validateOption.js';

/**
 * The adaptive mode's client-side rate limiter: a token bucket whose fill
 * rate follows CUBIC (docs/reference/retry.md §5; the same constants and update order
 * as JS `DefaultRateLimiter`, botocore and Go). Off until the first throttle.
 *
 * Waiting is by reservation rather than by parked promises: `reserve(atMs)`
 * takes a token for an attempt planned at `atMs` and returns how long to wait
 * from now. The balance may go below zero; each reservation queues behind the
 * debt of the earlier ones, so waiters are served strictly FIFO (the fix
 * smithy-typescript#1973 asks for) and the wait lands in the retry token's
 * `delayMs`, where any caller on any clock sleeps it. A fill-rate change does
 * not move reservations already handed out. See docs/decisions/0043.
 * @public
 */
export interface RateLimiter {
  /** False until the first throttling response. */
  readonly enabled: boolean;
  /** Current fill rate F, tokens per second. */
  readonly fillRate: number;
  /** Bucket size max(F, 1). */
  readonly capacity: number;
  /** Tokens in the bucket now (negative while reservations are queued). */
  readonly availableTokens: number;
  /** Smoothed measured send rate M, per second. */
  readonly measuredTxRate: number;
  /** W_max: the rate at the last throttle. */
  readonly lastMaxRate: number;
  /** ms until a token would be free for an attempt at `atMs` (default now), measured from now; reserves nothing. */
  waitTimeMs(atMs?: number): number;
  /** Takes one token for an attempt at `atMs` (default now); returns the ms to wait from now before sending (≥ atMs − now). */
  reserve(atMs?: number): number;
  /** Feeds one response in (every attempt's): throttled or not. Updates M, then F by CUBIC. */
  update(throttled: boolean): void;
}

/** @public */
export interface RateLimiterOptions {
  readonly clock?: Clock | undefined;
  /** β, multiplicative decrease. Default 0.7. */
  readonly beta?: number | undefined;
  /** C, CUBIC scaling. Default 0.4. */
  readonly scaleConstant?: number | undefined;
  /** Weight of the newest 0.5 s bucket in M. Default 0.8. */
  readonly smooth?: number | undefined;
  /** Default 0.5 tokens/s. */
  readonly minFillRate?: number | undefined;
  /** Default 1 token. */
  readonly minCapacity?: number | undefined;
}

/** The SDKs round every rate to 8 decimals; so do we, to stay comparable. */
const precise = (n: number): number => Number.parseFloat(n.toFixed(8));

/**
 * Creates a CUBIC rate limiter on `clock`.
 * @example
 * const limiter = createRateLimiter({ clock });
 * limiter.update(true);            // a throttle: F = β · min(M, F), limiter on
 * const waitMs = limiter.reserve(); // sleep this before sending
 * @public
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const clock = options.clock ?? systemClock;
  const beta = checkNumber('createRateLimiter.beta', options.beta ?? 0.7);
  const scaleConstant = checkNumber('createRateLimiter.scaleConstant', options.scaleConstant ?? 0.4);
  const smooth = checkNumber('createRateLimiter.smooth', options.smooth ?? 0.8);
  const minFillRate = checkNumber('createRateLimiter.minFillRate', options.minFillRate ?? 0.5, { min: Number.MIN_VALUE });
  const minCapacity = checkNumber('createRateLimiter.minCapacity', options.minCapacity ?? 1);
  const nowS = (): number => clock.now() / 1000;

  let enabled = false;
  let tokens = 0;
  let lastMaxRate = 0;
  let measuredTxRate = 0;
  let requestCount = 0;
  let fillRate = minFillRate;
  let maxCapacity = minCapacity;
  let lastThrottleTime = nowS();
  let lastTimestamp: number | undefined;
  let lastTxRateBucket = Math.floor(nowS());
  let timeWindow = 0;

  const refill = (t: number): void => {
    if (lastTimestamp === undefined) {
      lastTimestamp = t;
      return;
    }
    if (t <= lastTimestamp) return;
    tokens = Math.min(maxCapacity, tokens + (t - lastTimestamp) * fillRate);
    lastTimestamp = t;
  };

  /** Where one more reservation for time `t` (s) would leave the bucket, without committing it. */
  const plan = (t: number): { balance: number; last: number; sendAtS: number } => {
    let balance = tokens;
    let last = lastTimestamp ?? t;
    if (lastTimestamp !== undefined && t > lastTimestamp) {
      balance = Math.min(maxCapacity, balance + (t - lastTimestamp) * fillRate);
      last = t;
    }
    balance -= 1;
    // In debt, the token is ours once the debt accrued up to `last` is paid off.
    return { balance, last, sendAtS: balance >= 0 ? t : Math.max(t, last) + -balance / fillRate };
  };

  const updateMeasuredRate = (t: number): void => {
    const timeBucket = Math.floor(t * 2) / 2;
    requestCount++;
    if (timeBucket > lastTxRateBucket) {
      const currentRate = requestCount / (timeBucket - lastTxRateBucket);
      measuredTxRate = precise(currentRate * smooth + measuredTxRate * (1 - smooth));
      requestCount = 0;
      lastTxRateBucket = timeBucket;
    }
  };

  return {
    get enabled() {
      return enabled;
    },
    get fillRate() {
      return fillRate;
    },
    get capacity() {
      return maxCapacity;
    },
    get availableTokens() {
      refill(nowS());
      return tokens;
    },
    get measuredTxRate() {
      return measuredTxRate;
    },
    get lastMaxRate() {
      return lastMaxRate;
    },
    waitTimeMs(atMs = clock.now()) {
      const now = clock.now();
      if (!enabled) return Math.max(0, atMs - now);
      return Math.max(0, plan(atMs / 1000).sendAtS * 1000 - now);
    },
    reserve(atMs = clock.now()) {
      const now = clock.now();
      if (!enabled) return Math.max(0, atMs - now);
      const next = plan(atMs / 1000);
      tokens = next.balance;
      lastTimestamp = next.last;
      return Math.max(0, next.sendAtS * 1000 - now);
    },
    update(throttled) {
      const t = nowS();
      updateMeasuredRate(t);
      let calculatedRate: number;
      if (throttled) {
        const rateToUse = enabled ? Math.min(measuredTxRate, fillRate) : measuredTxRate;
        lastMaxRate = rateToUse;
        timeWindow = precise(Math.cbrt((lastMaxRate * (1 - beta)) / scaleConstant));
        lastThrottleTime = t;
        calculatedRate = precise(rateToUse * beta);
        enabled = true;
      } else {
        timeWindow = precise(Math.cbrt((lastMaxRate * (1 - beta)) / scaleConstant));
        calculatedRate = precise(scaleConstant * (t - lastThrottleTime - timeWindow) ** 3 + lastMaxRate);
      }
      const newRate = Math.min(calculatedRate, 2 * measuredTxRate);
      refill(t);
      fillRate = Math.max(newRate, minFillRate);
      maxCapacity = Math.max(newRate, minCapacity);
      tokens = Math.min(tokens, maxCapacity);
    },
  };
}
