import { type Clock, type RetryErrorInfo, type RetryStrategy, type RetryToken } from '@rolecall/core';
import type { AttemptRecord, OpRecord } from '../types.js';
import type { ServerAnswer } from '../sim/ServerModel.js';
import { classifyRefusal } from '../strategies/StrategySource.js';

/** Sends one attempt for a client and calls `answer` with how the server answered. @internal */
export type CallbackTransport = (client: number, answer: (answer: ServerAnswer) => void) => void;

/** Where a run's records go. @internal */
export interface RecordSink {
  attempt(record: AttemptRecord): void;
  op(record: OpRecord): void;
}

/**
 * Told when the loop starts and settles a call into the strategy (its methods
 * return promises): the simulated clock waits for exactly these before time
 * moves on, instead of a macrotask per instant (see SimClock).
 * @internal
 */
export interface AsyncTracker {
  enter(): void;
  leave(): void;
}

/** @internal */
export interface OperationOptions {
  readonly client: number;
  readonly op: number;
  readonly strategy: RetryStrategy;
  readonly clock: Clock;
  /** The run's start on `clock`, epoch ms; records hold times relative to it. */
  readonly t0: number;
  readonly transport: CallbackTransport;
  readonly sink: RecordSink;
  readonly scope?: string;
  /** Ends the operation before its next attempt or during a backoff (the run's cut-off). */
  readonly signal?: AbortSignal;
  readonly tracker?: AsyncTracker;
}

function errorInfo(answer: ServerAnswer): RetryErrorInfo {
  const errorClass = answer.outcome === 'throttled' ? 'throttling' : answer.status === 0 || answer.status >= 500 ? 'transient' : 'non-retryable';
  const code = answer.outcome === 'throttled' ? 'Throttling' : `Http${answer.status}`;
  return answer.retryAfterMs === undefined ? { errorClass, code } : { errorClass, code, retryAfterMs: answer.retryAfterMs };
}

/**
 * One operation through the SDKs' token protocol, the loop every retrying
 * client runs: a token before the first attempt, sleep its delay, send; on
 * success report it, on failure ask for a retry token; a refusal ends the
 * operation (fail fast when the quota refused). Every attempt and the
 * operation's end are recorded; `done` is called when the operation ends or
 * is cut off.
 *
 * Written as callbacks rather than an async function: a simulated attempt
 * then costs the strategy's own promises and two timer events, not a promise
 * per sleep and per send (docs/decisions/0130). Both modes run this loop.
 * @internal
 */
export function startOperation(o: OperationOptions, done: () => void = () => {}): void {
  const { clock, t0, sink, strategy, tracker, signal } = o;
  const arrival = clock.now() - t0;
  let token: RetryToken;
  let attempt = 0;
  // The delay recorded is what the client actually waited since its previous
  // answer (or arrival): the token's delay plus anything the strategy spent
  // inside its own calls (rate limiters, the SDK's internal sleep).
  let readyAt = arrival;
  let start = 0;

  const finish = (outcome: OpRecord['outcome'], attempts: number): void => {
    sink.op({ client: o.client, op: o.op, start: arrival, end: clock.now() - t0, outcome, attempts });
    done();
  };
  const refused = (error: unknown, attempts: number): void => {
    tracker?.leave();
    finish(classifyRefusal(error), attempts);
  };
  const send = (): void => {
    if (signal?.aborted === true) return done();
    start = clock.now() - t0;
    o.transport(o.client, answered);
  };
  const wait = (next: RetryToken): void => {
    tracker?.leave();
    token = next;
    if (token.delayMs <= 0) return send();
    // A cut-off during the backoff is seen when the client wakes (`send` checks the
    // signal), not through an abort listener per sleep: thousands of listeners on one
    // signal make every removal a scan of the list.
    clock.setTimeout(send, token.delayMs);
  };
  const answered = (answer: ServerAnswer): void => {
    const end = clock.now() - t0;
    sink.attempt({ client: o.client, op: o.op, attempt, start, end, status: answer.status, outcome: answer.outcome, delay: start - readyAt });
    readyAt = end;
    attempt++;
    if (answer.outcome === 'ok') {
      strategy.recordSuccess(token);
      return finish('success', attempt);
    }
    const attempts = attempt;
    tracker?.enter();
    strategy.refreshRetryTokenForRetry(token, errorInfo(answer)).then(wait, (error: unknown) => refused(error, attempts));
  };

  tracker?.enter();
  strategy.acquireInitialRetryToken(o.scope).then(wait, (error: unknown) => refused(error, 0));
}
