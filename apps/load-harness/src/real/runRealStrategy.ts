import { setMaxListeners } from 'node:events';
import { Agent, interceptors, type Dispatcher } from 'undici';
import {
  AwsServiceError,
  createClient,
  createRetryStrategy,
  fromStatic,
  getCallerIdentity,
  seededRandom,
  STRATEGY_NAMES,
  systemClock,
  type AwsClient,
  type RetryStrategy,
  type StrategyName,
} from '@rolecall/core';
import { createMockAws, startMockServer, type FaultRule, type MockAwsCore, type MockConfig } from '@rolecall/mock-aws';
import type { AttemptRecord, OpRecord, RunRecords, Scenario } from '../types.js';
import type { RealRunner, StrategySpec } from '../runLoad.js';
import type { ServerAnswer } from '../sim/ServerModel.js';
import { deriveSeed, nextArrivalMs } from '../sim/arrivals.js';
import { driveOperation, type Transport } from '../runner/driveOperation.js';
import type { RecordSink } from '../runner/startOperation.js';
import { coreStrategySource } from '../strategies/resolveStrategy.js';
import { HarnessOptionError } from '../errors.js';
import { smithyStandardStrategy } from './anchors.js';
import { measureHarness } from './measureHarness.js';
import { startBackgroundLoad } from './backgroundLoad.js';

/** @public */
export interface RealModeOptions {
  /** Have the mock verify every SigV4 signature (default false: clients still sign; verifying doubles the harness's CPU per call). */
  readonly verifySignatures?: boolean;
  /** Connections in the clients' shared undici Agent (default 2 per client, at most 2048): too few and requests queue in the harness, not at the server. */
  readonly connections?: number;
  /** After arrivals stop, how long in-flight operations may finish, s (default 10). */
  readonly drainS?: number;
  /** autocannon background load competing for the same capacity. */
  readonly background?: { readonly rps: number; readonly connections?: number };
}

const STREAM_ARRIVALS = 1;
const STREAM_STRATEGY = 2;
const OP_HEADER = 'x-harness-op';

/**
 * The mock's configuration for a scenario: the STS token bucket, outages,
 * broken clients and hints as a fault plan. Numeric `from`/`until` count from
 * the mock's creation, which is within milliseconds of the run's start.
 */
function mockConfigFor(scenario: Scenario, verifySignatures: boolean): MockConfig {
  const rules: FaultRule[] = [];
  for (const o of scenario.outages ?? []) rules.push({ service: 'sts', status: o.status, from: o.fromS * 1000, until: o.untilS * 1000 });
  for (let c = 0; c < (scenario.brokenClients ?? 0); c++) rules.push({ service: 'sts', client: `c${c}`, status: 503 });
  if (scenario.retryAfterS !== undefined) rules.push({ service: 'sts', headers: { 'Retry-After': String(scenario.retryAfterS) } });
  return {
    verifySignatures,
    faults: {
      rules,
      throttle: { sts: { rps: scenario.capacityRps, burst: scenario.burst, per: 'service', rejectCost: scenario.rejectCost } },
    },
  };
}

/** Maps a call's outcome to what the server answered. */
function answerOf(thrown: unknown): ServerAnswer {
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
 * Creates the real-mode runner: per strategy, a fresh embedded mock on a
 * loopback port with the scenario's capacity, N clients each with its own
 * strategy instance and `x-rolecall-client` id, signed STS GetCallerIdentity
 * calls through the core's client over undici, open-loop Poisson arrivals,
 * optional autocannon background load, and the harness measuring itself.
 * @public
 */
export function createRealRunner(options: RealModeOptions = {}): RealRunner {
  return async (scenario: Scenario, spec: StrategySpec, seed: number, onProgress: (fraction: number) => void) => {
    if (spec.name !== 'smithy-standard' && spec.name !== 'undici-retry' && !(STRATEGY_NAMES as readonly string[]).includes(spec.name)) {
      throw new HarnessOptionError('strategies', `Unknown strategy ${JSON.stringify(spec.name)}. Known: ${[...STRATEGY_NAMES, 'smithy-standard', 'undici-retry'].join(', ')}.`);
    }
    const mock = createMockAws(mockConfigFor(scenario, options.verifySignatures ?? false), { clockMode: 'real', journalLimit: 1000 });
    const health = measureHarness(spec.label);
    // The server sees the mock through a view that times each answer, so the report can say how much of the process it used.
    const timed: MockAwsCore = Object.create(mock, {
      handle: {
        value: async (request: Parameters<MockAwsCore['handle']>[0]) => {
          const started = performance.now();
          try {
            return await mock.handle(request);
          } finally {
            health.mockBusy(performance.now() - started);
          }
        },
      },
    }) as MockAwsCore;
    const server = await startMockServer(timed, { port: 0 });
    const user = mock.config.users[0];
    if (user === undefined) throw new HarnessOptionError('mock', 'The embedded mock has no IAM user to sign with.');
    const credentials = fromStatic({ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey });
    const agent = new Agent({ connections: options.connections ?? Math.min(2048, scenario.clients * 2), keepAliveTimeout: 30_000 });
    const attempts: AttemptRecord[] = [];
    const ops: OpRecord[] = [];
    const open = new Map<number, { client: number; start: number }>();
    // After the cut-off nothing more is recorded: late answers belong to no window of this run.
    const cutoff = new AbortController();
    // Every sleeping operation listens on it: thousands of listeners are expected.
    setMaxListeners(0, cutoff.signal);
    const attemptsPerOp = new Map<number, number>();
    const sink: RecordSink = {
      attempt: (r) => {
        if (cutoff.signal.aborted) return;
        attempts.push(r);
        attemptsPerOp.set(r.op, (attemptsPerOp.get(r.op) ?? 0) + 1);
      },
      op: (r) => {
        if (cutoff.signal.aborted) return;
        ops.push(r);
        open.delete(r.op);
      },
    };
    const durationMs = scenario.durationS * 1000;
    const t0 = performance.now();
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
    const clients: AwsClient[] = [];
    const strategies: RetryStrategy[] = [];
    for (let c = 0; c < scenario.clients; c++) {
      clients.push(createClient({ region: 'us-east-1', endpoint: server.url, credentials, dispatcher, clientId: `c${c}`, retry: single(), env: {}, requestTimeoutMs: 30_000 }));
      const random = seededRandom(deriveSeed(seed, c, STREAM_STRATEGY));
      strategies.push(source !== undefined ? source.create({ client: c, clock, random }) : spec.name === 'smithy-standard' ? smithyStandardStrategy() : single());
    }
    // undici-retry's attempts are counted below its interceptor, so each request names its operation.
    const call = (client: number, op: number): Promise<unknown> =>
      isUndici
        ? (clients[client] as AwsClient).send({
            service: 'sts',
            action: 'GetCallerIdentity',
            headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', [OP_HEADER]: String(op) },
            body: 'Action=GetCallerIdentity&Version=2011-06-15',
          })
        : scenario.call !== undefined
          ? scenario.call(clients[client] as AwsClient, client)
          : getCallerIdentity(clients[client] as AwsClient);
    const transportFor = (op: number): Transport => async (client) => {
      try {
        await call(client, op);
        return { status: 200, outcome: 'ok' };
      } catch (error) {
        return answerOf(error);
      }
    };

    const inFlight = new Set<Promise<void>>();
    const cancels: Array<() => void> = [];
    let nextOp = 0;
    const weights = scenario.weights ?? [];
    const weightSum = weights.length === 0 ? scenario.clients : weights.reduce((a, b) => a + b, 0);
    for (let c = 0; c < scenario.clients; c++) {
      const arrivals = seededRandom(deriveSeed(seed, c, STREAM_ARRIVALS));
      const baseRps = (scenario.capacityRps * (weights[c] ?? 1)) / weightSum;
      const schedule = (fromMs: number): void => {
        const at = nextArrivalMs(fromMs, durationMs, baseRps, scenario.phases, arrivals);
        if (at === Infinity) return;
        cancels[c] = systemClock.setTimeout(() => {
          schedule(at);
          const op = nextOp++;
          open.set(op, { client: c, start: performance.now() - t0 });
          const p = isUndici ? undiciOperation(c, op) : driveOperation({ client: c, op, strategy: strategies[c] as RetryStrategy, clock, t0, transport: transportFor(op), sink, signal: cutoff.signal });
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
        }, at - (performance.now() - t0));
      };
      schedule(0);
    }
    async function undiciOperation(client: number, op: number): Promise<void> {
      const start = performance.now() - t0;
      let outcome: OpRecord['outcome'] = 'success';
      try {
        await call(client, op);
      } catch {
        outcome = 'failed';
      }
      sink.op({ client, op, start, end: performance.now() - t0, outcome, attempts: attemptsPerOp.get(op) ?? 0 });
    }

    const background = options.background === undefined ? undefined : startBackgroundLoad(server.url, options.background, scenario.durationS);
    const progress = setInterval(() => onProgress(Math.min(1, (performance.now() - t0) / durationMs)), 250);
    progress.unref();
    await new Promise<void>((resolve) => systemClock.setTimeout(resolve, durationMs));
    for (const cancel of cancels) cancel?.();
    const drainUntil = performance.now() + (options.drainS ?? 10) * 1000;
    while (inFlight.size > 0 && performance.now() < drainUntil) await Promise.race([...inFlight, new Promise((r) => setTimeout(r, 100))]);
    clearInterval(progress);
    await background?.stop();
    const cutoffMs = performance.now() - t0;
    cutoff.abort();
    for (const [op, o] of open) ops.push({ client: o.client, op, start: o.start, end: cutoffMs, outcome: 'failed', attempts: attemptsPerOp.get(op) ?? 0 });
    const measured = health.stop();
    await Promise.all(clients.map((c) => c.close()));
    // destroy, not close: requests still retrying inside undici's interceptor must not hold the run open.
    await agent.destroy();
    await server.close();
    onProgress(1);
    const records: RunRecords = {
      strategy: spec.label,
      clients: scenario.clients,
      durationMs,
      attempts,
      ops,
      ...(scenario.weights === undefined ? {} : { weights: scenario.weights }),
    };
    return { records, health: measured };
  };
}
