import type { AttemptOutcome, OutageWindow } from '../types.js';

/** The server's answer to one attempt. @public */
export interface ServerAnswer {
  readonly status: number;
  readonly outcome: AttemptOutcome;
  readonly retryAfterMs?: number;
}

/** @public */
export interface ServerModelOptions {
  /** Successful requests per second the server sustains (C). */
  readonly capacityRps: number;
  /** Token bucket size (B). */
  readonly burst: number;
  /**
   * Capacity a rejected request still costs (ε). Rejections are not free for a
   * real server; with ε > 0 a retry storm eats the capacity it competes for,
   * which is what makes metastable failure possible (docs/reference/fairness.md §3).
   */
  readonly rejectCost: number;
  /** `Retry-After` hint sent with every throttle, seconds. */
  readonly retryAfterS?: number;
  /** Windows (seconds from the start) in which every request fails with `status`. */
  readonly outages?: readonly OutageWindow[];
  /** Clients 0 .. k−1 always get 503. */
  readonly brokenClients?: number;
}

/** Every success is the same answer: one object, not one per request. */
const OK: ServerAnswer = Object.freeze({ status: 200, outcome: 'ok' });

/** A throttled server: answers an attempt at a time (ms from the run's start). @public */
export interface ServerModel {
  handle(tMs: number, client: number): ServerAnswer;
}

/**
 * A token bucket of rate C and size B. A served request takes one token; a
 * rejected one takes ε, and the bucket may go into debt down to −B, so a
 * storm of rejections delays service for everyone. An outage answers 503
 * without touching the bucket.
 * @public
 */
export function createServerModel(options: ServerModelOptions): ServerModel {
  const { capacityRps, burst, rejectCost } = options;
  let tokens = burst;
  let lastMs = 0;
  const throttle: ServerAnswer =
    options.retryAfterS === undefined
      ? { status: 400, outcome: 'throttled' }
      : { status: 400, outcome: 'throttled', retryAfterMs: options.retryAfterS * 1000 };
  return {
    handle(tMs, client) {
      if (client < (options.brokenClients ?? 0)) return { status: 503, outcome: 'error' };
      for (const o of options.outages ?? []) {
        if (tMs >= o.fromS * 1000 && tMs < o.untilS * 1000) return { status: o.status, outcome: 'error' };
      }
      if (tMs > lastMs) {
        tokens = Math.min(burst, tokens + ((tMs - lastMs) / 1000) * capacityRps);
        lastMs = tMs;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return OK;
      }
      tokens = Math.max(-burst, tokens - rejectCost);
      return throttle;
    },
  };
}
