import type { Clock, ObservableRetryStrategy, RetryErrorInfo, RetryStrategy, RetryToken } from '@rolecall/core';
import type { AttemptRecord, OpRecord } from '../types.js';
import type { ServerAnswer } from '../sim/ServerModel.js';
import { classifyRefusal } from '../strategies/StrategySource.js';

/** An attempt in flight, told how the server answered. @internal */
export interface AnswerReceiver {
  answered(answer: ServerAnswer): void;
}

/** Sends one attempt for a client and calls `receiver.answered` with how the server answered. @internal */
export type CallbackTransport = (client: number, receiver: AnswerReceiver) => void;

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
  /**
   * A timer that hands `arg` to `fn` and is never cancelled (the simulated
   * clock's `schedule`): a backoff then needs no callback made for it.
   * Default: `clock.setTimeout` with a callback per sleep.
   */
  readonly schedule?: (fn: (arg: Operation) => void, ms: number, arg: Operation) => void;
}

/** The last answer classified and its classification: a simulated server answers every throttle with the same object. */
let lastAnswer: ServerAnswer | undefined;
let lastInfo: RetryErrorInfo | undefined;

function errorInfo(answer: ServerAnswer): RetryErrorInfo {
  if (answer === lastAnswer) return lastInfo as RetryErrorInfo;
  lastAnswer = answer;
  lastInfo = classifyAnswer(answer);
  return lastInfo;
}

function classifyAnswer(answer: ServerAnswer): RetryErrorInfo {
  const errorClass = answer.outcome === 'throttled' ? 'throttling' : answer.status === 0 || answer.status >= 500 ? 'transient' : 'non-retryable';
  const code = answer.outcome === 'throttled' ? 'Throttling' : `Http${answer.status}`;
  return answer.retryAfterMs === undefined ? { errorClass, code } : { errorClass, code, retryAfterMs: answer.retryAfterMs };
}

/** The core's strategies decide without a promise (`try*` forms); others (anchors, user strategies) go through the promise protocol. */
type TryForms = Pick<ObservableRetryStrategy, 'tryAcquireInitialRetryToken' | 'tryRefreshRetryTokenForRetry'>;

function tryForms(strategy: RetryStrategy): TryForms | undefined {
  const s = strategy as Partial<TryForms>;
  return typeof s.tryAcquireInitialRetryToken === 'function' && typeof s.tryRefreshRetryTokenForRetry === 'function' ? (s as TryForms) : undefined;
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
 * then costs the strategy's own decisions and two timer events, not a promise
 * per sleep and per send (docs/decisions/0130). A strategy with the core's
 * `try*` forms is asked without a promise at all: same decision, same state,
 * and a refusal is a returned error, not a rejected promise (0135). Both
 * modes run this loop.
 * @internal
 */
export function startOperation(o: OperationOptions, op: number, done: () => void = noop): void {
  new Operation(o, op, done).begin();
}

const noop = (): void => {};

/** The timer callback of every operation: its backoff is over. */
const sendAfterBackoff = (operation: Operation): void => operation.sendNow();

/**
 * One operation's state. A class, not a closure per step, and it is its own
 * transport receiver and timer argument: an operation that retries lives for
 * seconds of simulated time, and at fleet size its few fields are what the
 * garbage collector keeps moving (docs/decisions/0136, 0138).
 * @internal
 */
export class Operation implements AnswerReceiver {
  private readonly direct: TryForms | undefined;
  private readonly arrival: number;
  private token: RetryToken | undefined = undefined;
  private attempt = 0;
  // The delay recorded is what the client actually waited since its previous
  // answer (or arrival): the token's delay plus anything the strategy spent
  // inside its own calls (rate limiters, the SDK's internal sleep).
  private readyAt: number;
  private start = 0;

  constructor(
    private readonly o: OperationOptions,
    private readonly op: number,
    private readonly done: () => void,
  ) {
    this.direct = tryForms(o.strategy);
    this.arrival = o.clock.now() - o.t0;
    this.readyAt = this.arrival;
  }

  begin(): void {
    const { direct, o } = this;
    if (direct !== undefined) return this.decided(direct.tryAcquireInitialRetryToken(o.scope), 0);
    o.tracker?.enter();
    o.strategy.acquireInitialRetryToken(o.scope).then(
      (next) => this.wait(next),
      (error: unknown) => this.refused(error, 0),
    );
  }

  private finish(outcome: OpRecord['outcome'], attempts: number): void {
    const { o } = this;
    o.sink.op({ client: o.client, op: this.op, start: this.arrival, end: o.clock.now() - o.t0, outcome, attempts });
    this.done();
  }

  private refused(error: unknown, attempts: number): void {
    this.o.tracker?.leave();
    this.finish(classifyRefusal(error), attempts);
  }

  sendNow(): void {
    const { o } = this;
    if (o.signal?.aborted === true) return this.done();
    this.start = o.clock.now() - o.t0;
    o.transport(o.client, this);
  }

  private proceed(next: RetryToken): void {
    this.token = next;
    if (next.delayMs <= 0) return this.sendNow();
    // A cut-off during the backoff is seen when the client wakes (`send` checks the
    // signal), not through an abort listener per sleep: thousands of listeners on one
    // signal make every removal a scan of the list.
    const { o } = this;
    if (o.schedule !== undefined) o.schedule(sendAfterBackoff, next.delayMs, this);
    else o.clock.setTimeout(() => this.sendNow(), next.delayMs);
  }

  private wait(next: RetryToken): void {
    this.o.tracker?.leave();
    this.proceed(next);
  }

  private decided(got: RetryToken | Error, attempts: number): void {
    if (got instanceof Error) this.finish(classifyRefusal(got), attempts);
    else this.proceed(got);
  }

  answered(answer: ServerAnswer): void {
    const { o } = this;
    const token = this.token as RetryToken;
    const end = o.clock.now() - o.t0;
    const start = this.start;
    o.sink.attempt({ client: o.client, op: this.op, attempt: this.attempt, start, end, status: answer.status, outcome: answer.outcome, delay: start - this.readyAt });
    this.readyAt = end;
    const attempts = ++this.attempt;
    if (answer.outcome === 'ok') {
      o.strategy.recordSuccess(token);
      return this.finish('success', attempts);
    }
    if (this.direct !== undefined) return this.decided(this.direct.tryRefreshRetryTokenForRetry(token, errorInfo(answer)), attempts);
    o.tracker?.enter();
    o.strategy.refreshRetryTokenForRetry(token, errorInfo(answer)).then(
      (next) => this.wait(next),
      (error: unknown) => this.refused(error, attempts),
    );
  }
}
