import { sleep, type Clock, type RetryErrorInfo, type RetryStrategy, type RetryToken } from '@rolecall/core';
import type { AttemptRecord, OpRecord } from '../types.js';
import type { ServerAnswer } from '../sim/ServerModel.js';
import { classifyRefusal } from '../strategies/StrategySource.js';

/** Sends one attempt for a client and reports how the server answered. @public */
export type Transport = (client: number) => Promise<ServerAnswer>;

/** Where a run's records go. @internal */
export interface RecordSink {
  attempt(record: AttemptRecord): void;
  op(record: OpRecord): void;
}

/** @internal */
export interface DriveOptions {
  readonly client: number;
  readonly op: number;
  readonly strategy: RetryStrategy;
  readonly clock: Clock;
  /** The run's start on `clock`, epoch ms; records hold times relative to it. */
  readonly t0: number;
  readonly transport: Transport;
  readonly sink: RecordSink;
  readonly scope?: string;
  /** Ends the operation before its next attempt or during a backoff (the run's cut-off). */
  readonly signal?: AbortSignal;
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
 * operation's end are recorded.
 * @internal
 */
export async function driveOperation(o: DriveOptions): Promise<void> {
  const { clock, t0, sink } = o;
  const arrival = clock.now() - t0;
  const finish = (outcome: OpRecord['outcome'], attempts: number): void => {
    sink.op({ client: o.client, op: o.op, start: arrival, end: clock.now() - t0, outcome, attempts });
  };
  let token: RetryToken;
  try {
    token = await o.strategy.acquireInitialRetryToken(o.scope);
  } catch (error) {
    finish(classifyRefusal(error), 0);
    return;
  }
  // The delay recorded is what the client actually waited since its previous
  // answer (or arrival): the token's delay plus anything the strategy spent
  // inside its own calls (rate limiters, the SDK's internal sleep).
  let readyAt = arrival;
  for (let attempt = 0; ; attempt++) {
    try {
      if (token.delayMs > 0) await sleep(clock, token.delayMs, o.signal);
    } catch {
      return; // cut off: the run records the operation as unfinished
    }
    if (o.signal?.aborted === true) return;
    const start = clock.now() - t0;
    const answer = await o.transport(o.client);
    const end = clock.now() - t0;
    sink.attempt({ client: o.client, op: o.op, attempt, start, end, status: answer.status, outcome: answer.outcome, delay: start - readyAt });
    readyAt = end;
    if (answer.outcome === 'ok') {
      o.strategy.recordSuccess(token);
      finish('success', attempt + 1);
      return;
    }
    try {
      token = await o.strategy.refreshRetryTokenForRetry(token, errorInfo(answer));
    } catch (error) {
      finish(classifyRefusal(error), attempt + 1);
      return;
    }
  }
}
