import type { Clock, Random, RetryStrategy } from '@rolecall/core';

/** What a strategy instance is built with: its client and the run's side effects. @public */
export interface StrategyContext {
  readonly client: number;
  readonly clock: Clock;
  /** This client's own seeded stream (shared instances get client 0's). */
  readonly random: Random;
}

/**
 * A named way to build strategy instances. The harness calls `create` once per
 * client; a source that shares state (a shared quota) returns the same
 * instance, or instances over one shared quota, to every client.
 * @public
 */
export interface StrategySource {
  readonly name: string;
  create(context: StrategyContext): RetryStrategy;
}

/** How a refusal to retry is counted: a drained quota (fail fast, no sleep) or an exhausted / non-retryable operation. @public */
export type Refusal = 'fail-fast' | 'failed';

/** The core's quota and budget refusal, by far the most common one under overload: no pattern match needed. */
const QUOTA_EXHAUSTED = 'ERR_ROLECALL_RETRY_QUOTA_EXHAUSTED';

/**
 * Tells a quota refusal from any other refusal by the error's stable code
 * (`ERR_ROLECALL_RETRY_QUOTA_EXCEEDED` and the like) or, for the SDK's
 * strategy, its message.
 * @public
 */
export function classifyRefusal(error: unknown): Refusal {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (code === QUOTA_EXHAUSTED) return 'fail-fast';
    if (typeof code === 'string' && /QUOTA|BUDGET|CAPACITY|RATE_LIMIT/i.test(code)) return 'fail-fast';
    const reason = (error as { reason?: unknown }).reason;
    if (typeof reason === 'string' && /quota|budget|capacity/i.test(reason)) return 'fail-fast';
  }
  return 'failed';
}
