import { setMaxListeners } from 'node:events';
import { Agent, interceptors, type Dispatcher } from 'undici';
import { AwsServiceError, createClient, createRetryStrategy, fromStatic, getCallerIdentity, seededRandom, STRATEGY_NAMES, systemClock, type AwsClient, type RetryStrategy, type StrategyName } from '@rolecall/core';
import type { OpRecord, Scenario } from '../types.js';
import type { StrategySpec } from '../runLoad.js';
import type { ServerAnswer } from '../sim/ServerModel.js';
import { deriveSeed, nextArrivalMs } from '../sim/arrivals.js';
import { driveOperation, type Transport } from '../runner/driveOperation.js';
import type { RecordSink } from '../runner/startOperation.js';
import { coreStrategySource } from '../strategies/resolveStrategy.js';
import { ColumnRecorder, OP, type RunColumns } from '../records/RunColumns.js';
import { smithyStandardStrategy } from './anchors.js';
import { HarnessOptionError } from '../errors.js';

const STREAM_ARRIVALS = 1;
const STREAM_STRATEGY = 2;
const OP_HEADER = 'x-harness-op';

/** Which clients one event loop runs: `client % count === index`. @public */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** @internal */
export interface ClientShardOptions {
  readonly scenario: Scenario;
  readonly spec: StrategySpec;
  readonly seed: number;
  /** The mock's base URL. */
  readonly url: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly shard: Shard;
  /**
   * The run's start on this thread's `performance.now()` clock. Shards in
   * other threads get the same instant (from one epoch time), so every
   * record of the run is on one clock.
   */
  readonly t0: number;
  /**
   * Called once the clients are built; resolves to the run's start (as `t0`).
   * Workers use it so that every shard is ready before the first arrival.
   */
  readonly ready?: (() => Promise<number>) | undefined;
  readonly connections?: number | undefined;
  readonly drainS?: number | undefined;
  /** Told when arrivals start (clients built) and when they stop (the drain begins): the window self-measurement covers. */
  readonly onPhase?: ((phase: 'arrivals' | 'drain') => void) | undefined;
}

/** What the server answered, from the error a core client call threw. @public */
export function answerOf(thrown: unknown): ServerAnswer {
  // The core wraps the last failure in a "gave up" error: the server's answer is in the cause chain.
  let error = thrown;
  for (let depth = 0; depth < 5 && !(error instanceof AwsServiceError) && error instanceof Error && error.cause !== undefined; depth++) error = error.cause;
  if (error instanceof AwsServiceError) {
    const outcome = error.errorClass === 'throttling' ? 'throttled' : 'error';
    return error.retryAfterMs === undefined ? { status: error.statusCode, outcome } : { status: error.statusCode, outcome, retryAfterMs: error.retryAfterMs };
  }
  const status = typeof error === 'object' && error !== null && typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 0;
  return { status, outcome: 'error' };
}

/**
 * Records every attempt undici's own retry interceptor makes: it sits below
 * the interceptor, so each retry passes through it.
 */
function attemptRecorder(t0: number, sink: RecordSink): Dispatcher.DispatcherComposeInterceptor {
  const perOp = new Map<number, { attempt: number; readyAt: number }>();
  return (dispatch) => (opts, handler) => {
    const headers = (opts.headers ?? {}) as Record<string, string>;
    const client = Number(String(headers['x-rolecall-client'] ?? 'c0').slice(1));
    const op = Number(headers[OP_HEADER] ?? -1);
    const state = perOp.get(op) ?? { attempt: 0, readyAt: performance.now() - t0 };
    perOp.set(op, state);
    const start = performance.now() - t0;
    // One record per dispatch: after a retryable answer the retry handler aborts the
    // response, which comes back here as an error for the same attempt.
    let recorded = false;
    const record = (status: number): void => {
      if (recorded) return;
      recorded = true;
      const end = performance.now() - t0;
      sink.attempt({ client, op, attempt: state.attempt, start, end, status, outcome: status === 200 ? 'ok' : status === 400 || status === 429 ? 'throttled' : 'error', delay: start - state.readyAt });
      state.attempt++;
      state.readyAt = end;
      if (status === 200) perOp.delete(op);
    };
    // Forwards every callback of undici's handler protocol, noting each answer on the way.
    const inner = handler as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>;
    const forward = (name: string, ...args: unknown[]): unknown => inner[name]?.apply(handler, args);
    const recording = {
      onRequestStart: (...args: unknown[]) => forward('onRequestStart', ...args),
      onRequestUpgrade: (...args: unknown[]) => forward('onRequestUpgrade', ...args),
      onResponseStart: (controller: unknown, statusCode: number, ...rest: unknown[]) => {
        record(statusCode);
        return forward('onResponseStart', controller, statusCode, ...rest);
      },
      onResponseData: (...args: unknown[]) => forward('onResponseData', ...args),
      onResponseEnd: (...args: unknown[]) => forward('onResponseEnd', ...args),
      onResponseError: (controller: unknown, error: unknown) => {
        record(0);
        return forward('onResponseError', controller, error);
      },
    };
    return dispatch(opts, recording as unknown as Dispatcher.DispatchHandler);
  };
}

/**
 * Runs one shard's clients against a mock for one strategy: each client its
 * own strategy instance and `x-rolecall-client` id, signed STS
 * GetCallerIdentity calls through the core's client over undici, open-loop
 * Poisson arrivals (seeded per client, so a client's arrivals do not depend
 * on the sharding). Operation ids are `local × count + index`, unique across
 * shards. Returns the shard's records as columns.
 * @internal
 */
export async function runClientShard(o: ClientShardOptions): Promise<RunColumns> {
  const { scenario, spec, seed, shard } = o;
  let t0 = o.t0;
  const credentials = fromStatic({ accessKeyId: o.credentials.accessKeyId, secretAccessKey: o.credentials.secretAccessKey });
  const mine: number[] = [];
  for (let c = shard.index; c < scenario.clients; c += shard.count) mine.push(c);
  const agent = new Agent({ connections: o.connections ?? Math.min(2048, Math.max(1, mine.length * 2)), keepAliveTimeout: 30_000 });
  const recorder = new ColumnRecorder();
  const open = new Map<number, { client: number; start: number; attempts: number }>();
  // After the cut-off nothing more is recorded: late answers belong to no window of this run.
  const cutoff = new AbortController();
  // Every sleeping operation listens on it: thousands of listeners are expected.
  setMaxListeners(0, cutoff.signal);
  const sink: RecordSink = {
    attempt: (r) => {
      if (cutoff.signal.aborted) return;
      recorder.attempt(r);
      const state = open.get(r.op);
      if (state !== undefined) state.attempts++;
    },
    op: (r) => {
      if (cutoff.signal.aborted) return;
      recorder.op(r);
      open.delete(r.op);
    },
  };
  const durationMs = scenario.durationS * 1000;
  const clock = { now: () => performance.now(), setTimeout: systemClock.setTimeout };
  const isUndici = spec.name === 'undici-retry';
  const dispatcher: Dispatcher = isUndici
    ? agent.compose(
        attemptRecorder(t0, sink),
        interceptors.retry({
          // undici's defaults (500 ms × 2^n, no jitter, 5 retries, Retry-After honoured), with POST and
          // STS's 400 Throttling allowed: with the defaults alone it would never retry an STS call (decision 0071).
          methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE', 'POST'],
          statusCodes: [500, 502, 503, 504, 429, 400],
        }),
      )
    : agent;
  const single = (): RetryStrategy => createRetryStrategy('none', { maxAttempts: 1 });
  const source = (STRATEGY_NAMES as readonly string[]).includes(spec.name)
    ? coreStrategySource(spec.name as StrategyName, { scope: spec.scope, clients: scenario.clients, options: scenario.strategyOptions ?? {} })
    : undefined;
  const clients = new Map<number, AwsClient>();
  const strategies = new Map<number, RetryStrategy>();
  for (const c of mine) {
    clients.set(c, createClient({ region: 'us-east-1', endpoint: o.url, credentials, dispatcher, clientId: `c${c}`, retry: single(), env: {}, requestTimeoutMs: 30_000 }));
    const random = seededRandom(deriveSeed(seed, c, STREAM_STRATEGY));
    strategies.set(c, source !== undefined ? source.create({ client: c, clock, random }) : spec.name === 'smithy-standard' ? smithyStandardStrategy() : single());
  }
  // undici-retry's attempts are counted below its interceptor, so each request names its operation.
  const call = (client: number, op: number): Promise<unknown> => {
    const aws = clients.get(client) as AwsClient;
    return isUndici
      ? aws.send({
          service: 'sts',
          action: 'GetCallerIdentity',
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', [OP_HEADER]: String(op) },
          body: 'Action=GetCallerIdentity&Version=2011-06-15',
        })
      : scenario.call !== undefined
        ? scenario.call(aws, client)
        : getCallerIdentity(aws);
  };
  const transportFor = (op: number): Transport => async (client) => {
    try {
      await call(client, op);
      return { status: 200, outcome: 'ok' };
    } catch (error) {
      return answerOf(error);
    }
  };
  async function undiciOperation(client: number, op: number): Promise<void> {
    const start = performance.now() - t0;
    let outcome: OpRecord['outcome'] = 'success';
    try {
      await call(client, op);
    } catch {
      outcome = 'failed';
    }
    sink.op({ client, op, start, end: performance.now() - t0, outcome, attempts: open.get(op)?.attempts ?? 0 });
  }

  if (o.ready !== undefined) t0 = await o.ready();
  o.onPhase?.('arrivals');
  // Operations under way and clients whose arrivals have not all come, and a waiter told when
  // both are zero (counters, not a race over every promise). Arrivals end by themselves at the
  // run's duration; a late one (a busy event loop) still comes, it is not cancelled.
  let inFlight = 0;
  let arriving = mine.length;
  let allDone: () => void = () => {};
  const settled = (): void => {
    if (inFlight === 0 && arriving === 0) allDone();
  };
  let nextLocalOp = 0;
  const weights = scenario.weights ?? [];
  const weightSum = weights.length === 0 ? scenario.clients : weights.reduce((a, b) => a + b, 0);
  for (const c of mine) {
    const arrivals = seededRandom(deriveSeed(seed, c, STREAM_ARRIVALS));
    const baseRps = (scenario.capacityRps * (weights[c] ?? 1)) / weightSum;
    const schedule = (fromMs: number): void => {
      const at = nextArrivalMs(fromMs, durationMs, baseRps, scenario.phases, arrivals);
      if (at === Infinity) {
        arriving--;
        return settled();
      }
      systemClock.setTimeout(() => {
        schedule(at);
        const op = nextLocalOp++ * shard.count + shard.index;
        open.set(op, { client: c, start: performance.now() - t0, attempts: 0 });
        const p = isUndici ? undiciOperation(c, op) : driveOperation({ client: c, op, strategy: strategies.get(c) as RetryStrategy, clock, t0, transport: transportFor(op), sink, signal: cutoff.signal });
        inFlight++;
        void p.finally(() => {
          inFlight--;
          settled();
        });
      }, at - (performance.now() - t0));
    };
    schedule(0);
  }

  // A timer that holds the event loop open (the core's system clock unrefs its timers), so a worker
  // thread, which has no server keeping it alive, does not end while its clients sleep.
  await new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, durationMs - (performance.now() - t0))));
  o.onPhase?.('drain');
  const drainUntil = performance.now() + (o.drainS ?? 10) * 1000;
  if (inFlight > 0 || arriving > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, drainUntil - performance.now()));
      allDone = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  const cutoffMs = performance.now() - t0;
  cutoff.abort();
  for (const [op, s] of open) recorder.addOp(s.client, op, s.start, cutoffMs, OP.failed, s.attempts);
  await Promise.all([...clients.values()].map((c) => c.close()));
  // destroy, not close: requests still retrying inside undici's interceptor must not hold the run open.
  await agent.destroy();
  return recorder.columns({ strategy: spec.label, clients: scenario.clients, durationMs, weights: scenario.weights });
}

/** The strategy names real mode runs, or a clear error. @internal */
export function checkRealStrategy(spec: StrategySpec): void {
  if (spec.name !== 'smithy-standard' && spec.name !== 'undici-retry' && !(STRATEGY_NAMES as readonly string[]).includes(spec.name)) {
    throw new HarnessOptionError('strategies', `Unknown strategy ${JSON.stringify(spec.name)}. Known: ${[...STRATEGY_NAMES, 'smithy-standard', 'undici-retry'].join(', ')}.`);
  }
}
