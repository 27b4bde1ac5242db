import { randomUUID } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { createClient, createRetryStrategy, fromStatic, getCallerIdentity, STRATEGY_NAMES, type StrategyName } from '@rolecall/core';
import { answerOf, ARTILLERY_METRICS, driveOperation } from '@rolecall/load-harness';

/** One virtual user's settings: the engine's `config.engines.rolecall`, overridden by the scenario's `rolecall`. @public */
export interface VirtualUserOptions {
  /** A core strategy name (default `rolecall`). */
  readonly strategy?: string;
  /** How long the client runs, s (default 10). */
  readonly durationS?: number;
  /** Operations per second the client offers, Poisson (default 1). */
  readonly rps?: number;
  /** Signing keys; default the mock's example user. Never printed. */
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly region?: string;
}

/** Where metrics go: Artillery's `ee.emit('counter' | 'histogram', name, value)`. @public */
export type Emit = (type: 'counter' | 'histogram', name: string, value: number) => void;

/** The mock's documented example user (fake keys, AWS's documentation example). */
const EXAMPLE_USER = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } as const;

let users = 0;
/** This process's tag in client ids: containers often share process ids, so a random part keeps fleet workers apart. */
const PROCESS_TAG = `${process.pid}.${randomUUID().slice(0, 8)}`;


/**
 * One virtual user = one long-lived client: its own strategy instance and
 * `x-rolecall-client` id, signed STS GetCallerIdentity calls against
 * `target`, open-loop Poisson arrivals for `durationS`, every operation driven
 * through the harness's token-protocol loop. Per-client outcomes go out as
 * Artillery counters (`rolecall.client.<id>.ops|successes`), run-wide ones
 * too, and successful operations' latency as a histogram; `rolecall load
 * report` turns the report into the fairness report.
 * @public
 */
export async function runVirtualUser(o: { readonly target: string; readonly options: VirtualUserOptions; readonly emit: Emit }): Promise<void> {
  const { emit } = o;
  const name = o.options.strategy ?? 'rolecall';
  if (!(STRATEGY_NAMES as readonly string[]).includes(name)) throw new Error(`artillery-engine-rolecall: unknown strategy ${JSON.stringify(name)}; known: ${STRATEGY_NAMES.join(', ')}`);
  const id = `${PROCESS_TAG}.${threadId}.${++users}`;
  const strategy = createRetryStrategy(name as StrategyName);
  const credentials = fromStatic({ accessKeyId: o.options.accessKeyId ?? EXAMPLE_USER.accessKeyId, secretAccessKey: o.options.secretAccessKey ?? EXAMPLE_USER.secretAccessKey });
  const client = createClient({ region: o.options.region ?? 'us-east-1', endpoint: o.target, credentials, clientId: id, retry: createRetryStrategy('none', { maxAttempts: 1 }), env: {} });
  const durationMs = (o.options.durationS ?? 10) * 1000;
  const rps = o.options.rps ?? 1;
  const clock = { now: () => performance.now(), setTimeout: (fn: () => void, ms: number) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  } };
  const t0 = performance.now();
  const ops: Promise<void>[] = [];
  let op = 0;
  for (let at = -Math.log(1 - Math.random()) * (1000 / rps); at < durationMs; at += -Math.log(1 - Math.random()) * (1000 / rps)) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - (performance.now() - t0))));
    ops.push(
      driveOperation({
        client: 0,
        op: op++,
        strategy,
        clock,
        t0,
        transport: async () => {
          try {
            await getCallerIdentity(client);
            return { status: 200, outcome: 'ok' };
          } catch (error) {
            return answerOf(error);
          }
        },
        sink: {
          attempt: (a) => {
            emit('counter', ARTILLERY_METRICS.attempts, 1);
            if (a.attempt === 0) emit('counter', ARTILLERY_METRICS.firstAttempts, 1);
            if (a.outcome === 'throttled') emit('counter', ARTILLERY_METRICS.throttled, 1);
          },
          op: (r) => {
            emit('counter', ARTILLERY_METRICS.ops, 1);
            emit('counter', ARTILLERY_METRICS.client(id, 'ops'), 1);
            if (r.outcome === 'success') {
              emit('counter', ARTILLERY_METRICS.successes, 1);
              emit('counter', ARTILLERY_METRICS.client(id, 'successes'), 1);
              emit('histogram', ARTILLERY_METRICS.latency, r.end - r.start);
            } else if (r.outcome === 'fail-fast') emit('counter', ARTILLERY_METRICS.failFast, 1);
          },
        },
      }),
    );
  }
  await Promise.all(ops);
  await client.close();
}
