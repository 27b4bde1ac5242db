import type { AttemptOutcome, AttemptRecord, OpOutcome, OpRecord, RunRecords } from '../types.js';
import type { RecordSink } from '../runner/startOperation.js';

/**
 * A run's records as columns of typed arrays, one entry per attempt or
 * operation. Where {@link RunRecords} holds millions of small objects that the
 * garbage collector marks again and again, columns are a few flat buffers
 * (about 40 bytes per attempt), and they cross a worker boundary as
 * transferable ArrayBuffers. Metrics are computed from this form.
 * @public
 */
export interface AttemptColumns {
  readonly length: number;
  readonly client: Int32Array;
  readonly op: Int32Array;
  readonly attempt: Uint16Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly status: Uint16Array;
  /** {@link ATTEMPT_OUTCOMES} index. */
  readonly outcome: Uint8Array;
  readonly delay: Float64Array;
}

/** @public */
export interface OpColumns {
  readonly length: number;
  readonly client: Int32Array;
  readonly op: Int32Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** {@link OP_OUTCOMES} index. */
  readonly outcome: Uint8Array;
  readonly attempts: Uint16Array;
}

/** @public */
export interface RunColumns {
  readonly strategy: string;
  readonly clients: number;
  readonly durationMs: number;
  readonly attempts: AttemptColumns;
  readonly ops: OpColumns;
  readonly weights?: readonly number[];
}

/** Outcome codes in the columns. @public */
export const ATTEMPT_OUTCOMES: readonly AttemptOutcome[] = ['ok', 'throttled', 'error'];
/** @public */
export const OP_OUTCOMES: readonly OpOutcome[] = ['success', 'failed', 'fail-fast'];

/** Attempt outcome codes, named. @internal */
export const ATTEMPT = { ok: 0, throttled: 1, error: 2 } as const;
/** Operation outcome codes, named. @internal */
export const OP = { success: 0, failed: 1, 'fail-fast': 2 } as const;

type Typed = Int32Array | Uint16Array | Uint8Array | Float64Array;
type Ctor<T extends Typed> = new (length: number) => T;

function grow<T extends Typed>(array: T, ctor: Ctor<T>, length: number): T {
  const next = new ctor(Math.max(1024, length * 2));
  next.set(array);
  return next;
}

function emptyAttempts(capacity = 0): AttemptColumns {
  return {
    length: 0,
    client: new Int32Array(capacity),
    op: new Int32Array(capacity),
    attempt: new Uint16Array(capacity),
    start: new Float64Array(capacity),
    end: new Float64Array(capacity),
    status: new Uint16Array(capacity),
    outcome: new Uint8Array(capacity),
    delay: new Float64Array(capacity),
  };
}

function emptyOps(capacity = 0): OpColumns {
  return {
    length: 0,
    client: new Int32Array(capacity),
    op: new Int32Array(capacity),
    start: new Float64Array(capacity),
    end: new Float64Array(capacity),
    outcome: new Uint8Array(capacity),
    attempts: new Uint16Array(capacity),
  };
}

/** The columns cut to their length (views, no copy). */
function trimAttempts(a: AttemptColumns): AttemptColumns {
  const n = a.length;
  return { length: n, client: a.client.subarray(0, n), op: a.op.subarray(0, n), attempt: a.attempt.subarray(0, n), start: a.start.subarray(0, n), end: a.end.subarray(0, n), status: a.status.subarray(0, n), outcome: a.outcome.subarray(0, n), delay: a.delay.subarray(0, n) };
}

function trimOps(o: OpColumns): OpColumns {
  const n = o.length;
  return { length: n, client: o.client.subarray(0, n), op: o.op.subarray(0, n), start: o.start.subarray(0, n), end: o.end.subarray(0, n), outcome: o.outcome.subarray(0, n), attempts: o.attempts.subarray(0, n) };
}

/**
 * A {@link RecordSink} that appends to growing columns.
 * @internal
 */
export class ColumnRecorder implements RecordSink {
  private a: { -readonly [K in keyof AttemptColumns]: AttemptColumns[K] } = emptyAttempts();
  private o: { -readonly [K in keyof OpColumns]: OpColumns[K] } = emptyOps();

  /** Attempts recorded so far. */
  get attemptCount(): number {
    return this.a.length;
  }

  attempt(r: AttemptRecord): void {
    this.addAttempt(r.client, r.op, r.attempt, r.start, r.end, r.status, ATTEMPT[r.outcome], r.delay);
  }

  addAttempt(client: number, op: number, attempt: number, start: number, end: number, status: number, outcome: number, delay: number): void {
    const a = this.a;
    const i = a.length;
    if (i === a.client.length) {
      a.client = grow(a.client, Int32Array, i);
      a.op = grow(a.op, Int32Array, i);
      a.attempt = grow(a.attempt, Uint16Array, i);
      a.start = grow(a.start, Float64Array, i);
      a.end = grow(a.end, Float64Array, i);
      a.status = grow(a.status, Uint16Array, i);
      a.outcome = grow(a.outcome, Uint8Array, i);
      a.delay = grow(a.delay, Float64Array, i);
    }
    a.client[i] = client;
    a.op[i] = op;
    a.attempt[i] = attempt;
    a.start[i] = start;
    a.end[i] = end;
    a.status[i] = status;
    a.outcome[i] = outcome;
    a.delay[i] = delay;
    a.length = i + 1;
  }

  op(r: OpRecord): void {
    this.addOp(r.client, r.op, r.start, r.end, OP[r.outcome], r.attempts);
  }

  addOp(client: number, op: number, start: number, end: number, outcome: number, attempts: number): void {
    const o = this.o;
    const i = o.length;
    if (i === o.client.length) {
      o.client = grow(o.client, Int32Array, i);
      o.op = grow(o.op, Int32Array, i);
      o.start = grow(o.start, Float64Array, i);
      o.end = grow(o.end, Float64Array, i);
      o.outcome = grow(o.outcome, Uint8Array, i);
      o.attempts = grow(o.attempts, Uint16Array, i);
    }
    o.client[i] = client;
    o.op[i] = op;
    o.start[i] = start;
    o.end[i] = end;
    o.outcome[i] = outcome;
    o.attempts[i] = attempts;
    o.length = i + 1;
  }

  /** The records so far as columns (views over this recorder's buffers). */
  columns(run: { readonly strategy: string; readonly clients: number; readonly durationMs: number; readonly weights?: readonly number[] | undefined }): RunColumns {
    return {
      strategy: run.strategy,
      clients: run.clients,
      durationMs: run.durationMs,
      attempts: trimAttempts(this.a),
      ops: trimOps(this.o),
      ...(run.weights === undefined ? {} : { weights: run.weights }),
    };
  }
}

/** Records as columns: what the metrics read. @public */
export function toColumns(run: RunRecords): RunColumns {
  const recorder = new ColumnRecorder();
  for (const a of run.attempts) recorder.attempt(a);
  for (const o of run.ops) recorder.op(o);
  return recorder.columns(run);
}

/** Columns back as record objects (the {@link RunRecords} API). @public */
export function toRecords(run: RunColumns): RunRecords {
  const attempts: AttemptRecord[] = new Array<AttemptRecord>(run.attempts.length);
  const a = run.attempts;
  for (let i = 0; i < a.length; i++) {
    attempts[i] = { client: a.client[i] as number, op: a.op[i] as number, attempt: a.attempt[i] as number, start: a.start[i] as number, end: a.end[i] as number, status: a.status[i] as number, outcome: ATTEMPT_OUTCOMES[a.outcome[i] as number] as AttemptOutcome, delay: a.delay[i] as number };
  }
  const ops: OpRecord[] = new Array<OpRecord>(run.ops.length);
  const o = run.ops;
  for (let i = 0; i < o.length; i++) {
    ops[i] = { client: o.client[i] as number, op: o.op[i] as number, start: o.start[i] as number, end: o.end[i] as number, outcome: OP_OUTCOMES[o.outcome[i] as number] as OpOutcome, attempts: o.attempts[i] as number };
  }
  return { strategy: run.strategy, clients: run.clients, durationMs: run.durationMs, attempts, ops, ...(run.weights === undefined ? {} : { weights: run.weights }) };
}

/**
 * One run's columns from several shards' (workers that each ran a slice of
 * the clients on the same clock): concatenated, so every per-client count,
 * window and histogram is computed over all of them exactly as if one
 * process had recorded them. Clients and operation ids must already be global.
 * @public
 */
export function concatColumns(parts: readonly RunColumns[]): RunColumns {
  const first = parts[0];
  if (first === undefined) throw new TypeError('concatColumns needs at least one part');
  const recorder = new ColumnRecorder();
  for (const p of parts) {
    const a = p.attempts;
    for (let i = 0; i < a.length; i++) recorder.addAttempt(a.client[i] as number, a.op[i] as number, a.attempt[i] as number, a.start[i] as number, a.end[i] as number, a.status[i] as number, a.outcome[i] as number, a.delay[i] as number);
    const o = p.ops;
    for (let i = 0; i < o.length; i++) recorder.addOp(o.client[i] as number, o.op[i] as number, o.start[i] as number, o.end[i] as number, o.outcome[i] as number, o.attempts[i] as number);
  }
  return recorder.columns(first);
}
