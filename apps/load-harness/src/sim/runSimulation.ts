import { seededRandom, type RetryStrategy } from '@rolecall/core';
import type { AttemptRecord, OpRecord, RunRecords, Scenario } from '../types.js';
import { ColumnRecorder, OP, toRecords, type RunColumns } from '../records/RunColumns.js';
import type { StrategySource } from '../strategies/StrategySource.js';
import { startOperation, type AnswerReceiver, type CallbackTransport, type OperationOptions, type RecordSink } from '../runner/startOperation.js';
import { createSimClock } from './SimClock.js';
import { createServerModel } from './ServerModel.js';
import { deriveSeed, nextArrivalMs } from './arrivals.js';
import type { ServerAnswer } from './ServerModel.js';

/** @public */
export interface SimulationOptions {
  readonly scenario: Scenario;
  readonly strategy: StrategySource;
  readonly seed: number;
  /** Round-trip network delay |Normal(mean, sd)| in ms (default 2 ± 0.5). */
  readonly networkMs?: { readonly mean: number; readonly sd: number };
  /** After arrivals stop, how long in-flight operations may still finish, s (default 30). */
  readonly drainS?: number;
  /** Called with the simulated fraction done, 0..1. */
  readonly onProgress?: (fraction: number) => void;
}

/** Random streams per client: arrivals and strategy never share one, so every strategy sees the same arrivals. */
const STREAM_ARRIVALS = 1;
const STREAM_STRATEGY = 2;
const STREAM_NETWORK = 3;

/** |Normal(mean, sd)| by Box–Muller. @internal */
export function normalDelay(random: () => number, mean: number, sd: number): number {
  const u = 1 - random();
  const v = random();
  return Math.abs(mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

/**
 * Runs one strategy through a scenario on a discrete-event clock: open-loop
 * Poisson arrivals per client, the token-bucket server model, the same
 * operation loop as real mode. No sockets, no real time; the same seed gives
 * the same records.
 * @public
 */
export async function runSimulation(options: SimulationOptions): Promise<RunRecords> {
  return toRecords(await simulateColumns(options));
}

/**
 * {@link runSimulation}, returning the records as columns (what `runLoad`
 * and the metrics use: no object per attempt).
 * @public
 */
export async function simulateColumns(options: SimulationOptions): Promise<RunColumns> {
  // Refusals are errors: with 100 000 clients the strategies throw a million
  // of them, and capturing a stack trace for each was a fifth of the run.
  // Nobody reads those stacks; the platform's switch turns them off.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return await simulate(options);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

async function simulate(options: SimulationOptions): Promise<RunColumns> {
  const { scenario, seed } = options;
  // Every chain started in an event is the operation loop's, which reports to the clock.
  const clock = createSimClock({ tracked: true });
  const t0 = clock.now();
  const durationMs = scenario.durationS * 1000;
  const network = options.networkMs ?? { mean: 2, sd: 0.5 };
  const netRandom = seededRandom(deriveSeed(seed, 0, STREAM_NETWORK));
  const server = createServerModel({
    capacityRps: scenario.capacityRps,
    burst: scenario.burst,
    rejectCost: scenario.rejectCost,
    ...(scenario.retryAfterS === undefined ? {} : { retryAfterS: scenario.retryAfterS }),
    ...(scenario.outages === undefined ? {} : { outages: scenario.outages }),
    ...(scenario.brokenClients === undefined ? {} : { brokenClients: scenario.brokenClients }),
  });
  const transport: CallbackTransport = (client, receiver) => {
    const rtt = normalDelay(netRandom, network.mean, network.sd);
    // The server decides half-way through the round trip.
    const answer = server.handle(clock.now() - t0 + rtt / 2, client);
    clock.schedule(deliver, rtt, receiver, answer);
  };

  const records = new ColumnRecorder();
  // Operations that have arrived and not yet finished, to close them at the cut-off.
  const open = new OpenOps();
  const sink: RecordSink = {
    attempt: (r: AttemptRecord) => {
      records.attempt(r);
      open.attempted(r.op, r.attempt + 1);
    },
    op: (r: OpRecord) => {
      records.op(r);
      open.close(r.op);
    },
  };
  const weights = scenario.weights ?? [];
  const weightSum = weights.length === 0 ? scenario.clients : weights.reduce((a, b) => a + b, 0);
  const scope = scenario.quotaScope === undefined || scenario.quotaScope === 'client' ? undefined : 'shared';

  let nextOp = 0;
  /** Schedules the client's next arrival after `fromMs` (ms from the start), if one comes before the end. */
  const scheduleArrival = (client: ClientArrivals, fromMs: number): void => {
    client.at = nextArrivalMs(fromMs, durationMs, client.baseRps, scenario.phases, client.random);
    if (client.at !== Infinity) clock.schedule(arrive, client.at - (clock.now() - t0), client);
  };
  // One callback for every client's arrivals, the client passed with the event.
  const arrive = (client: ClientArrivals): void => {
    const op = nextOp++;
    open.add(op, client.operation.client, client.at);
    scheduleArrival(client, client.at);
    startOperation(client.operation, op);
  };
  for (let client = 0; client < scenario.clients; client++) {
    const random = seededRandom(deriveSeed(seed, client, STREAM_STRATEGY));
    const strategy: RetryStrategy = options.strategy.create({ client, clock, random });
    const arrivalRandom = seededRandom(deriveSeed(seed, client, STREAM_ARRIVALS));
    const baseRps = (scenario.capacityRps * (weights[client] ?? 1)) / weightSum;
    // One options object per client, shared by all its operations.
    const operation: OperationOptions = { client, strategy, clock, t0, transport, sink, tracker: clock, schedule: clock.schedule, ...(scope === undefined ? {} : { scope }) };
    scheduleArrival(new ClientArrivals(operation, arrivalRandom, baseRps), 0);
  }

  const drainMs = (options.drainS ?? 30) * 1000;
  const stepMs = Math.max(100, durationMs / 50);
  for (let t = stepMs; t < durationMs + drainMs + stepMs; t += stepMs) {
    await clock.run(t0 + Math.min(t, durationMs + drainMs));
    options.onProgress?.(Math.min(1, t / durationMs));
    if (t >= durationMs && clock.pending() === 0) break;
  }
  // Operations still in flight when the drain ends count as failed at the cut-off.
  open.forEach((op, client, start, attempts) => records.addOp(client, op, start, durationMs + drainMs, OP.failed, attempts));
  return records.columns({ strategy: options.strategy.name, clients: scenario.clients, durationMs, weights: scenario.weights });
}

/** The transport's timer callback: the answer reaches the client after the round trip. */
const deliver = (receiver: AnswerReceiver, answer: ServerAnswer): void => receiver.answered(answer);

/**
 * One client's Poisson arrivals. Its next arrival time is a field, not a
 * variable captured by a closure: a fractional number written to a closure's
 * variable is a new heap number on every write, an object's field is updated
 * in place (docs/decisions/0138).
 */
class ClientArrivals {
  /** The next arrival, ms from the start. */
  at = 0;
  constructor(
    readonly operation: OperationOptions,
    readonly random: () => number,
    readonly baseRps: number,
  ) {}
}

/**
 * The operations in flight, by operation id (ids are handed out in order):
 * typed columns rather than a map entry and an object per operation.
 */
class OpenOps {
  private client = new Int32Array(1024);
  private start = new Float64Array(1024);
  private attempts = new Uint16Array(1024);
  private isOpen = new Uint8Array(1024);
  private length = 0;

  add(op: number, client: number, start: number): void {
    if (op >= this.client.length) {
      const size = Math.max(op + 1, this.client.length * 2);
      this.client = grown(this.client, new Int32Array(size));
      this.start = grown(this.start, new Float64Array(size));
      this.attempts = grown(this.attempts, new Uint16Array(size));
      this.isOpen = grown(this.isOpen, new Uint8Array(size));
    }
    this.client[op] = client;
    this.start[op] = start;
    this.attempts[op] = 0;
    this.isOpen[op] = 1;
    this.length = Math.max(this.length, op + 1);
  }

  attempted(op: number, attempts: number): void {
    if (this.isOpen[op] === 1) this.attempts[op] = attempts;
  }

  close(op: number): void {
    this.isOpen[op] = 0;
  }

  /** Every open operation, in id order. */
  forEach(fn: (op: number, client: number, start: number, attempts: number) => void): void {
    for (let op = 0; op < this.length; op++) {
      if (this.isOpen[op] === 1) fn(op, this.client[op] as number, this.start[op] as number, this.attempts[op] as number);
    }
  }
}

function grown<T extends Int32Array | Float64Array | Uint16Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
